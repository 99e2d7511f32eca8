import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MemoryEventStore, MemoryReadModelStore } from '@rapport/memory';
import { fixedClock } from '../../kernel/clock.js';
import type { StoredEvent } from '../../kernel/envelope.js';
import { foldProjection } from '../../kernel/projection.js';
import { EventRegistry } from '../../kernel/registry.js';
import { createCrmKernel } from '../../crm/createCrm.js';
import { leadsModule } from '../../leads/module.js';
import { salesModuleFor } from '../module.js';
import { territoryBook, type TerritoryBookDoc } from './book.js';
import type { TerritoryEvent } from './events.js';
import { readTerritoryMap } from './streams.js';
import { assignToTerritory, redefineTerritory } from './workflows.js';

const at = '2026-07-01T00:00:00.000Z';
const cities = ['杭州', '宁波', '温州'];
const territories = ['t-a', 't-b', 't-c'];

describe('sales.territoryBook', () => {
  it('property: rebuild equals incremental equals foldProjection, and every item is in exactly the book of its current territory', () =>
    fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.tuple(fc.integer({ min: 0, max: 5 }), fc.constantFrom(...cities)).map(([i, city]) => ({ op: 'assign' as const, leadId: `l-${i}`, city })),
            fc.tuple(fc.constantFrom(...territories), fc.subarray(cities, { minLength: 1 })).map(([territoryId, cs]) => ({ op: 'redefine' as const, territoryId, cities: cs })),
          ),
          { maxLength: 15 },
        ),
        async (ops) => {
          const registry = new EventRegistry();
          const eventStore = new MemoryEventStore({ registry });
          const readModels = new MemoryReadModelStore();
          const kernel = createCrmKernel({ eventStore, readModels, registry, clock: fixedClock(at), modules: [leadsModule, salesModuleFor()] });
          const deps = { handle: kernel.handle, eventStore };
          let n = 0;
          const meta = () => ({ commandId: `c-${++n}`, tenantId: 'shop1', actor: { kind: 'agent' as const, id: 'boss' } });
          for (const [i, t] of territories.entries()) {
            await kernel.handle({ type: 'DefineTerritory', data: { territoryId: t, name: t, criteria: { cities: [cities[i]!] }, at }, metadata: meta() });
            await kernel.handle({ type: 'AssignTerritoryReps', data: { territoryId: t, reps: [`${t}-r1`, `${t}-r2`], at }, metadata: meta() });
          }
          for (let i = 0; i < 6; i++) await kernel.handle({ type: 'CaptureLead', data: { leadId: `l-${i}`, source: 'fair', interest: 'caps' }, metadata: meta() });
          for (const [i, o] of ops.entries()) {
            if (o.op === 'assign') await assignToTerritory(deps, { data: { kind: 'lead', itemId: o.leadId, subject: { city: o.city }, at }, metadata: meta() });
            else await redefineTerritory(deps, { data: { territoryId: o.territoryId, criteria: { cities: o.cities }, at }, metadata: meta() });
            if (i % 3 === 0) await kernel.projections.catchUp();
          }
          await kernel.projections.catchUp();
          const all: StoredEvent<TerritoryEvent>[] = [];
          for await (const e of eventStore.readAll<TerritoryEvent>({ filter: { categories: ['territory'] } })) all.push(e);
          const reference = foldProjection(territoryBook, all);
          const docs = async () => {
            const out = new Map<string, TerritoryBookDoc>();
            for (const t of territories) out.set(`shop1/${t}`, (await readModels.get<TerritoryBookDoc>(territoryBook.name, 'shop1', t))!);
            return out;
          };
          expect(await docs()).toEqual(reference);
          await kernel.projections.rebuild();
          expect(await docs()).toEqual(reference);
          const map = await readTerritoryMap(eventStore, 'shop1');
          for (const item of map.items.values())
            for (const t of territories) expect(`${item.kind}:${item.itemId}` in reference.get(`shop1/${t}`)!.items).toBe(t === item.territoryId);
        },
      ),
      { numRuns: 25 },
    ));
});
