import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { conformanceEvents as ce } from '@rapport/core/testing';
import { InvalidArgument, InvalidEvent, readAllInPages, verifyChains, type NewEvent, type StoredEvent } from '@rapport/core';
import { MemoryEventStore } from '@rapport/memory';
import { EVENT_INDEX_NAMES } from './migrations.js';
import { PostgresEventStore } from './postgresEventStore.js';
import { closeShared, openTestDatabase, resolveTarget, TARGETS } from './testSupport.js';

afterAll(closeShared);

const T = '2026-05-01T08:00:00.000Z';
const all = async (store: { readAll(o?: { raw?: boolean }): AsyncIterable<StoredEvent> }): Promise<StoredEvent[]> => {
  const out: StoredEvent[] = [];
  for await (const e of store.readAll({ raw: true })) out.push(e);
  return out;
};
const points = (tenant: string, customerId: string, commandId: string, n: number, i = 0): NewEvent => ({
  type: 'PointsEarned',
  data: { customerId, points: n },
  metadata: { eventId: `${commandId}-${i}`, occurredAt: T, tenantId: tenant, actor: { kind: 'system', id: 'test' }, commandId, correlationId: commandId, causationId: commandId, schemaVersion: 1 },
});

/** A source history in memory: `batches` appends of 1–3 events to a few streams of two tenants. */
const historyOf = async (batches: readonly { tenant: 'shop_a' | 'shop_b'; customer: string; size: number }[]): Promise<MemoryEventStore> => {
  const source = new MemoryEventStore({ registry: ce.conformanceRegistry(), clock: { now: () => T as never } });
  for (const [k, b] of batches.entries())
    await source.appendToStream(`loyalty-${b.tenant}.${b.customer}`, Array.from({ length: b.size }, (_, i) => points(b.tenant, b.customer, `cmd-${k}`, k + i, i)), { expectedVersion: 'any' });
  return source;
};
const batch = fc.record({ tenant: fc.constantFrom('shop_a' as const, 'shop_b' as const), customer: fc.constantFrom('c1', 'c2', 'c3'), size: fc.integer({ min: 1, max: 3 }) });

for (const wanted of TARGETS) {
  const target = await resolveTarget(wanted);
  describe(`importEvents on ${target}${wanted !== target ? ' (standing in for the server)' : ''}`, () => {
    const open = async () => {
      const t = await openTestDatabase(wanted);
      const store = new PostgresEventStore(t.db, { registry: ce.conformanceRegistry(), schema: t.schema, clock: { now: () => T as never } });
      return { store, schema: t.schema, done: async () => { await store.close(); await t.drop(); } };
    };

    it('imports any history with the same positions, hashes and content, and appends continue after it', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(batch, { minLength: 1, maxLength: 15 }), fc.integer({ min: 1, max: 6 }), fc.constantFrom('rebuild' as const, 'keep' as const), async (batches, pageSize, indexes) => {
          const source = await historyOf(batches);
          const { store, schema, done } = await open();
          try {
            const r = await store.importEvents(readAllInPages(source, { raw: true, pageSize }), { indexes });
            // either way the store ends with every secondary index of its schema
            const names = (await store.db.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE schemaname = $1`, [schema])).map((x) => x.indexname);
            expect(names).toEqual(expect.arrayContaining([...EVENT_INDEX_NAMES]));
            const from = await all(source);
            expect(r).toEqual({ events: from.length, streams: new Set(from.map((e) => e.metadata.streamName)).size, lastGlobalPosition: BigInt(from.length) });
            expect(await all(store)).toEqual(from);
            expect(await verifyChains(store)).toMatchObject({ intact: true, events: from.length });
            const last = from[from.length - 1]!.metadata;
            const next = await store.appendToStream(last.streamName, [points(last.tenantId, last.streamName.split('.')[1]!, 'cmd-after', 1)], { expectedVersion: last.streamPosition });
            expect(next.lastGlobalPosition).toBe(BigInt(from.length + 1));
          } finally {
            await done();
          }
        }),
        { numRuns: 8 },
      );
    });

    it('refuses an unknown index strategy before it writes', async () => {
      const { store, done } = await open();
      try {
        await expect(store.importEvents([], { indexes: 'later' as never })).rejects.toThrow(/indexes later: expected rebuild or keep/);
      } finally {
        await done();
      }
    });

    it('refuses a tampered, reordered or invalid history, naming stream, position and field, and writes nothing', async () => {
      const source = await historyOf([{ tenant: 'shop_a', customer: 'c1', size: 2 }, { tenant: 'shop_b', customer: 'c2', size: 1 }, { tenant: 'shop_a', customer: 'c1', size: 1 }]);
      const from = await all(source);
      const cases: [string, StoredEvent[], RegExp][] = [
        ['data changed', from.map((e, i) => (i === 2 ? { ...e, data: { customerId: 'c2', points: 999 } } : e)), /import to loyalty-shop_b\.c2 refused: events\[0\]\.metadata\.hash: does not match/],
        ['an event left out', from.filter((_, i) => i !== 1), /import to loyalty-shop_a\.c1 refused: events\[2\]\.metadata\.streamPosition: expected 1/],
        ['a codec failure', from.map((e, i) => (i === 3 ? { ...e, data: { customerId: 'c1', points: 'many' } } : e)), /events\[2\]\.data\.points/],
        ['global positions going back', [from[1]!, from[0]!, ...from.slice(2)], /streamPosition|globalPosition/],
      ];
      for (const [what, events, message] of cases) {
        const { store, done } = await open();
        try {
          const err = await store.importEvents([events]).then(() => undefined, (e: unknown) => e);
          expect(err, what).toBeInstanceOf(InvalidEvent);
          expect((err as Error).message, what).toMatch(message);
          expect(await all(store), what).toEqual([]);
        } finally {
          await done();
        }
      }
    });

    it('refuses to import into a store that holds events', async () => {
      const source = await historyOf([{ tenant: 'shop_a', customer: 'c1', size: 1 }]);
      const { store, done } = await open();
      try {
        await store.appendToStream('loyalty-shop_a.c9', [points('shop_a', 'c9', 'cmd-own', 1)], { expectedVersion: 'no_stream' });
        await expect(store.importEvents(readAllInPages(source, { raw: true }))).rejects.toThrow(InvalidArgument);
        expect((await all(store)).map((e) => e.metadata.streamName)).toEqual(['loyalty-shop_a.c9']);
      } finally {
        await done();
      }
    });
  });
}
