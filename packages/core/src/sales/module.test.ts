import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { MemoryEventStore, MemoryReadModelStore } from '@rapport/memory';
import { EventRegistry } from '../kernel/registry.js';
import { createCrmKernel } from '../crm/createCrm.js';
import { salesModuleFor } from './module.js';
import { salesPolicy } from './policy.js';
import { salesReads } from './reads.js';

const meta = (commandId: string) => ({ commandId, tenantId: 'shop1', actor: { kind: 'agent' as const, id: 'rep-1' } });
const at = '2026-08-01T02:00:00.000Z';
const open = (opportunityId: string, extra: Record<string, unknown> = {}) => ({
  opportunityId,
  title: 'Jerseys',
  amount: 1000,
  expectedCloseDate: '2026-09-30',
  ownerId: 'rep-1',
  territoryId: null,
  leadId: null,
  customerId: 'c-ann',
  at,
  ...extra,
});

describe('salesModuleFor', () => {
  it('uses the shop’s probabilities; bad input is refused with every path and writes nothing', async () => {
    const policy = salesPolicy({ stageProbabilities: { prospecting: 1, qualification: 2, proposal: 3, negotiation: 4 } });
    if (E.isLeft(policy)) throw new Error('policy');
    const registry = new EventRegistry();
    const eventStore = new MemoryEventStore({ registry });
    const readModels = new MemoryReadModelStore();
    const kernel = createCrmKernel({ eventStore, readModels, registry, modules: [salesModuleFor(policy.right)] });
    const bad = await kernel.handle({ type: 'OpenOpportunity', data: open('opp-1', { amount: -1, expectedCloseDate: '30/09/2026', title: '' }), metadata: meta('bad') });
    expect(E.isLeft(bad) && bad.left.kind === 'ValidationError' ? bad.left.issues.map((i) => i.path) : []).toEqual([['data', 'title'], ['data', 'amount'], ['data', 'expectedCloseDate']]);
    const negative = await kernel.handle({ type: 'ChangeOpportunityAmount', data: { opportunityId: 'opp-1', amount: -5, at }, metadata: meta('neg') });
    expect(E.isLeft(negative) && negative.left.kind === 'ValidationError' ? negative.left.issues.map((i) => i.path) : []).toEqual([['data', 'amount']]);
    let n = 0;
    for await (const _ of eventStore.readAll()) n++;
    expect(n).toBe(0);

    await kernel.handle({ type: 'OpenOpportunity', data: open('opp-1'), metadata: meta('o1') });
    await kernel.handle({ type: 'OpenOpportunity', data: open('opp-2', { at: '2026-08-02T02:00:00.000Z', customerId: 'c-ann' }), metadata: meta('o2') });
    await kernel.handle({ type: 'OpenOpportunity', data: open('opp-3', { customerId: 'c-bo' }), metadata: meta('o3') });
    await kernel.handle({ type: 'MoveOpportunityStage', data: { opportunityId: 'opp-1', stage: 'negotiation', at }, metadata: meta('m1') });
    await kernel.settle();
    const reads = salesReads(readModels, policy.right);
    expect(await reads.opportunity('shop1', 'opp-1')).toMatchObject({ stage: 'negotiation', probability: 4 });
    expect((await reads.forCustomer('shop1', 'c-ann')).map((o) => o.opportunityId)).toEqual(['opp-2', 'opp-1']);
    expect(await reads.forecast('shop1')).toEqual([{ month: '2026-09', weighted: 40 + 10 + 10, bestCase: 3000, won: 0, open: 3 }]);
    expect((await reads.stageAgeing('shop1', '2026-08-03T00:00:00.000Z')).map((r) => [r.opportunityId, r.days])).toEqual([['opp-1', 2], ['opp-3', 2], ['opp-2', 1]]);
  });
});
