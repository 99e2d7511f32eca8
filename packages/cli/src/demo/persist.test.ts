import { describe, expect, it } from 'vitest';
import { createCrm, readAllInPages, verifyChains, type StoredEvent } from '@rapport/core';
import { memoryStores } from '@rapport/memory';
import { planHistory } from './history.js';
import { copyEvents, copyReadModels } from './persist.js';
import { replay, SimulatedClock } from './replay.js';
import { START } from './run.js';

const all = async (store: Parameters<typeof readAllInPages>[0]): Promise<StoredEvent[]> => {
  const out: StoredEvent[] = [];
  for await (const page of readAllInPages(store, { raw: true })) out.push(...page);
  return out;
};

describe('persisting a history replayed in memory', () => {
  it('copies every event with the same positions, recordedAt and hashes, and the read models with their checkpoints', async () => {
    const clock = new SimulatedClock(START);
    const source = memoryStores({ clock });
    const crm = createCrm({ ...source, clock });
    const { steps } = planHistory({ customers: 8, seed: 3, start: START, days: 40 });
    await replay(crm, steps, START, 40, clock);
    await crm.settle();

    const target = memoryStores({ clock });
    createCrm({ ...target, vault: source.vault, clock }); // registers every context's events with the target's registry
    const copied = await copyEvents(source.eventStore, target.eventStore, clock);
    const [from, to] = [await all(source.eventStore), await all(target.eventStore)];
    expect(copied.events).toBe(from.length);
    expect(copied.appends).toBeLessThanOrEqual(from.length);
    expect(to.map((e) => [e.metadata.globalPosition, e.metadata.recordedAt, e.metadata.hash, e.metadata.eventId])).toEqual(
      from.map((e) => [e.metadata.globalPosition, e.metadata.recordedAt, e.metadata.hash, e.metadata.eventId]),
    );
    expect(await verifyChains(target.eventStore)).toMatchObject({ intact: true, events: from.length });

    const rm = await copyReadModels(source.readModels, target.readModels);
    expect(rm.projections).toBeGreaterThan(10);
    for (const { projection, checkpoint, changes } of source.readModels.contents()) {
      expect(await target.readModels.checkpoint(projection)).toEqual(checkpoint);
      for (const c of changes) if (c.op === 'put') expect(await target.readModels.get(projection, c.tenantId, c.id)).toEqual(c.document);
    }
  });

  it('refuses to copy into a store that already holds events (positions would not match)', async () => {
    const clock = new SimulatedClock(START);
    const source = memoryStores({ clock });
    const crm = createCrm({ ...source, clock });
    const { steps } = planHistory({ customers: 2, seed: 1, start: START, days: 10 });
    await replay(crm, steps, START, 10, clock);
    const target = memoryStores({ clock });
    const other = createCrm({ ...target, vault: source.vault, clock });
    const registered = await other.customers.register({ tenantId: 't', actor: { kind: 'agent', id: 'a' } }, { customerId: 'c9', name: 'B', phone: '13900000009', channel: 'ownSite' });
    expect(registered._tag).toBe('Right');
    await expect(copyEvents(source.eventStore, target.eventStore, clock)).rejects.toThrow(/landed at global position|expected/);
  });
});
