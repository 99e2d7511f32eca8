import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCrm, readAllInPages, verifyChains, type StoredEvent } from '@rapport/core';
import { memoryStores } from '@rapport/memory';
import { createEmbeddedCrm, type EmbeddedCrm } from '@rapport/postgres';
import { START } from './calendar.js';
import { TENANT } from './catalogue.js';
import { forwarder } from './forward.js';
import { planHistory } from './history.js';
import { KeeperFailed, startKeeper } from './keeper.js';
import type { Kept } from './keeperProtocol.js';
import { startKeeping, type Keeping } from './keeping.js';
import { replay, SimulatedClock } from './replay.js';

const dirs: string[] = [];
const freshDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'rapport-keeping-'));
  dirs.push(d);
  return join(d, 'store');
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const all = async (store: Parameters<typeof readAllInPages>[0]): Promise<StoredEvent[]> => {
  const out: StoredEvent[] = [];
  for await (const page of readAllInPages(store, { raw: true })) out.push(...page);
  return out;
};

/** A short history replayed in memory, handed to `keeping` day by day as the demo does. */
const replayInto = async <R>(keeping: Keeping<R>, tamper?: (e: StoredEvent) => StoredEvent) => {
  const clock = new SimulatedClock(START);
  const source = memoryStores({ clock });
  const crm = createCrm({ ...source, clock });
  const { steps, cast } = planHistory({ customers: 8, seed: 3, start: START, days: 40 });
  const forward = forwarder(source.eventStore, (events) => keeping.keep(tamper ? events.map(tamper) : events));
  await replay(crm, steps, START, 40, clock, forward);
  await crm.settle();
  await forward();
  keeping.end(source.eventStore.size);
  for (const { projection, checkpoint, changes } of source.readModels.contents()) if (checkpoint) keeping.keepReadModel({ projection, checkpoint, changes });
  let kept: Kept | undefined;
  const told = keeping.finish({ vaultKeys: source.vault.exportKeys(), cast }, { kept: (k) => (kept = k), print: () => undefined });
  return { source, crm, told, kept: () => kept };
};

/** Tampers with the first order placed: its hash no longer covers its content. */
const tamperFirstOrder = (() => {
  let done = false;
  return (e: StoredEvent): StoredEvent => {
    if (done || e.type !== 'OrderPlaced') return e;
    done = true;
    return { ...e, data: { ...(e.data as object), note: 'changed in transit' } } as StoredEvent;
  };
});

const countEvents = async (dataDir: string): Promise<number> => {
  const crm = await createEmbeddedCrm({ dataDir });
  try {
    return (await all(crm.stores.eventStore)).length;
  } finally {
    await crm.close();
  }
};

describe('keeping a replayed history in the embedded store', () => {
  it('keeps every event with its position, hash and id, every read model with its checkpoint, and the keys that open sealed fields', async () => {
    const dir = freshDir();
    const read = async (kept: EmbeddedCrm) => ({ events: await all(kept.stores.eventStore), chains: await verifyChains(kept.stores.eventStore) });
    const { source, crm, told, kept } = await replayInto(
      startKeeping(dir, async (k) => {
        const r = await read(k);
        // read while the store is open: documents, checkpoints and decrypted profiles
        const docs: Record<string, unknown> = {};
        for (const { projection, checkpoint, changes } of source.readModels.contents()) {
          if (!checkpoint) continue;
          expect(await k.stores.readModels.checkpoint(projection), projection).toEqual(checkpoint);
          for (const c of changes) if (c.op === 'put') docs[`${projection}/${c.id}`] = await k.stores.readModels.get(projection, c.tenantId, c.id);
        }
        const profiles = [];
        for (const id of ['c-0001', 'c-0002', 'c-0005']) profiles.push((await k.projections.customer360.get(TENANT, id))?.profile);
        return { ...r, docs, profiles };
      }),
    );
    const r = await told;
    const from = await all(source.eventStore);
    expect(r.events.map((e) => [e.metadata.globalPosition, e.metadata.recordedAt, e.metadata.hash, e.metadata.eventId])).toEqual(
      from.map((e) => [e.metadata.globalPosition, e.metadata.recordedAt, e.metadata.hash, e.metadata.eventId]),
    );
    expect(r.chains).toMatchObject({ intact: true, events: from.length });
    const expected: Record<string, unknown> = {};
    for (const { projection, checkpoint, changes } of source.readModels.contents())
      if (checkpoint) for (const c of changes) if (c.op === 'put') expected[`${projection}/${c.id}`] = c.document;
    expect(r.docs).toEqual(expected);
    const names = [];
    for (const id of ['c-0001', 'c-0002', 'c-0005']) names.push((await crm.projections.customer360.get(TENANT, id))?.profile);
    expect(r.profiles).toEqual(names);
    expect(r.profiles[0]?.name).toMatch(/^\p{Script=Han}+$/u); // opened with the imported key, not 'erased' or sealed
    const committed = [...source.readModels.contents()].filter((c) => c.checkpoint);
    expect(kept()).toEqual({
      events: from.length,
      streams: new Set(from.map((e) => e.metadata.streamName)).size,
      documents: committed.reduce((n, c) => n + c.changes.length, 0),
      projections: committed.length,
      customerKeys: source.vault.exportKeys().customers.length,
    });
  });

  it('on this thread, refuses a tampered event naming its stream and keeps nothing', async () => {
    const dir = freshDir();
    const { told } = await replayInto(startKeeping(dir, async () => 'told'), tamperFirstOrder());
    await expect(told).rejects.toThrow(/import to order-tea-house\.o-\d+-\d+ refused: events\[0\]\.metadata\.hash: does not match the event's content/);
    expect(await countEvents(dir)).toBe(0);
  });

  it('in its worker thread (the built dist/demo-keeper.js), refuses the same and keeps nothing', async () => {
    const script = new URL('../../dist/demo-keeper.js', import.meta.url);
    expect(existsSync(script), 'build @rapport/cli first (npm test does)').toBe(true);
    const dir = freshDir();
    const keeper = startKeeper(dir, script);
    expect(keeper.where).toBe('worker thread');
    const { told } = await replayInto(keeper, tamperFirstOrder());
    const e = await told.then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(KeeperFailed);
    expect(String(e)).toMatch(/keeping the demo in .*: RAPPORT_INVALID_EVENT: import to order-tea-house\.o-\d+-\d+ refused: events\[0\]\.metadata\.hash: does not match/);
    expect(await countEvents(dir)).toBe(0);
  });
});
