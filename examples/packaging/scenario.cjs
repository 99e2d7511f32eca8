'use strict';
/**
 * One realistic use of the built packages, written once and run by both module systems:
 * `use.mjs` passes the ESM builds, `use.cjs` the CJS builds, each time once per adapter.
 * It touches every layer a shop backend touches: codecs, the registry, the store (append,
 * conflict, invalid event, read, hash chain) and a projection through the runner. Returns a
 * JSON-ready summary, which must be the same whatever the module system and the adapter.
 */

const collect = async (iterable) => {
  const out = [];
  for await (const x of iterable) out.push(x);
  return out;
};

const caught = async (work) => {
  try {
    await work();
    return undefined;
  } catch (err) {
    return err;
  }
};

/** `open(registry, clock)` resolves to `{ eventStore, readModels, close }` of one adapter. */
exports.run = async (core, open) => {
  const Points = { customerId: core.ShortText, points: core.Fen };
  const registry = core.eventRegistry(core.tagged('PointsEarned', Points));
  const clock = core.fixedClock('2026-05-01T08:00:00.000Z');
  const stores = await open(registry, clock);
  const store = stores.eventStore;
  const stream = core.streamName('points', 'shop-1', 'ann');
  const earned = (commandId, i, points) => ({
    type: 'PointsEarned',
    data: { customerId: 'ann', points },
    metadata: {
      eventId: core.deriveId(stream, commandId, String(i)),
      occurredAt: '2026-05-01T07:59:00.000Z',
      tenantId: 'shop-1',
      actor: { kind: 'user', id: 'clerk-7' },
      commandId,
      correlationId: commandId,
      causationId: commandId,
      schemaVersion: 1,
    },
  });

  const first = await store.appendToStream(stream, [earned('cmd-1', 0, 100), earned('cmd-1', 1, 20)], { expectedVersion: 'no_stream' });
  const second = await store.appendToStream(stream, [earned('cmd-2', 0, 30)], { expectedVersion: first.nextExpectedVersion });
  const repeated = await store.appendToStream(stream, [earned('cmd-2', 0, 30)], { expectedVersion: 'any' });
  const conflict = await caught(() => store.appendToStream(stream, [earned('cmd-3', 0, 5)], { expectedVersion: 0n }));
  const invalid = await caught(() => store.appendToStream(stream, [earned('cmd-4', 0, -5)], { expectedVersion: 'any' }));

  const events = await collect(store.readStream(stream));
  const chain = await core.verifyStreamChain(store.readStream(stream, { raw: true }));

  const readModels = stores.readModels;
  const runner = new core.ProjectionRunner({
    eventStore: store,
    readModels,
    projections: [
      { name: 'loyalty.balance', version: 1, events: ['PointsEarned'], init: () => 0, keyOf: (e) => e.data.customerId, apply: (n, e) => n + e.data.points },
    ],
  });
  const reached = await runner.catchUp();

  const balance = await readModels.get('loyalty.balance', 'shop-1', 'ann');
  await stores.close();
  return {
    positions: [String(first.nextExpectedVersion), String(second.nextExpectedVersion), String(second.lastGlobalPosition)],
    repeated: { alreadyAppended: repeated.alreadyAppended, lastGlobalPosition: String(repeated.lastGlobalPosition) },
    conflict: {
      code: conflict && conflict.code,
      isRapportError: core.isRapportError(conflict, core.WrongExpectedVersion.code),
      actual: conflict && String(conflict.actual),
    },
    invalid: {
      code: invalid && invalid.code,
      isRapportError: core.isRapportError(invalid, core.InvalidEvent.code),
      paths: invalid ? invalid.issues.map((i) => i.path) : [],
    },
    events: events.map((e) => ({ type: e.type, points: e.data.points, streamPosition: String(e.metadata.streamPosition), recordedAt: e.metadata.recordedAt })),
    chain,
    projection: { reached: String(reached), balance },
  };
};

/** The adapters under test, opened from the given copies of their packages. */
exports.adapters = (memory, postgres) => ({
  memory: async (registry, clock) => {
    const eventStore = new memory.MemoryEventStore({ registry, clock });
    const readModels = new memory.MemoryReadModelStore();
    return { eventStore, readModels, close: () => Promise.all([eventStore.close(), readModels.close()]) };
  },
  // PGlite in memory: the embedded default, without files left behind
  postgres: (registry, clock) => postgres.openEmbeddedRapport({ registry, clock, dataDir: 'memory://' }),
});

/** Run the scenario on every adapter, one after another. */
exports.runAll = async (core, memory, postgres) => {
  const out = {};
  for (const [name, open] of Object.entries(exports.adapters(memory, postgres))) out[name] = await exports.run(core, open);
  return out;
};
