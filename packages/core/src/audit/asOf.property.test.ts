import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { builtInModules } from '../crm/modules.js';
import type { Crm } from '../crm/crm.js';
import type { CrmReadApi } from '../crm/readApi.js';
import { CUSTOMER_STREAMS } from './customerStreams.js';
import { play, stepArb } from './historyArb.js';

/** Every document of every projection, in a stable order. */
const snapshot = async (reads: CrmReadApi, names: readonly string[]): Promise<Record<string, unknown[]>> => {
  const key = (d: unknown) => JSON.stringify(d, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
  const out: Record<string, unknown[]> = {};
  for (const name of names) out[name] = (await reads.query(name, 'shop1')).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return out;
};

const namesOf = (crm: Crm): string[] => [...builtInModules(crm.policy).flatMap((m) => m.projections.map((p) => p.name)), CUSTOMER_STREAMS];

describe('crm.audit.asOf (property)', () => {
  it('as of now equals the live projections, document for document, after any history', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { maxLength: 30 }), async (steps) => {
        const { crm, end } = await play(steps);
        const names = namesOf(crm);
        const live = await snapshot(crm.projections, names);
        const replayed = await snapshot(await crm.audit.asOf(new Date(Date.parse(end) + 86_400_000).toISOString()), names);
        expect(replayed).toEqual(live);
      }),
      { numRuns: 40 },
    );
  });

  it('as of any earlier instant equals what the live projections showed then', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 24 }), fc.nat(), async (steps, cutAt) => {
        const cut = cutAt % steps.length;
        let then: Record<string, unknown[]> | undefined;
        let thenAt = '';
        const { crm } = await play(steps, async (i, crm, at) => {
          if (i !== cut) return;
          await crm.settle();
          then = await snapshot(crm.projections, namesOf(crm));
          thenAt = new Date(Date.parse(at) + 3_600_000).toISOString(); // after the settle's reactions, before the next step
        });
        expect(await snapshot(await crm.audit.asOf(thenAt), namesOf(crm))).toEqual(then);
      }),
      { numRuns: 30 },
    );
  });
});
