// The example in docs/sales.md, run as a test: the doc's code block must be exactly the
// imports region followed by the example region below (dedented), so the doc never rots.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// #region imports
import { activitiesModuleFor, bookActivity, createCrmKernel, defaultActivitiesPolicy, EventRegistry, leadsModule, openOpportunityFromLead, salesModuleFor, salesPolicy, salesReads } from '@rapport/core';
import { MemoryEventStore, MemoryReadModelStore } from '@rapport/memory';
// #endregion

describe('docs/sales.md', () => {
  it('runs its example', async () => {
    // #region example
    const policy = salesPolicy({ stageProbabilities: { prospecting: 10, qualification: 25, proposal: 50, negotiation: 80 } });
    if (policy._tag === 'Left') throw new Error(policy.left.message);
    const registry = new EventRegistry();
    const eventStore = new MemoryEventStore({ registry });
    const readModels = new MemoryReadModelStore();
    const kernel = createCrmKernel({ eventStore, readModels, registry, modules: [leadsModule, salesModuleFor(policy.right), activitiesModuleFor(defaultActivitiesPolicy)] });
    let n = 0;
    const meta = () => ({ commandId: `cmd-${++n}`, tenantId: 'shop1', actor: { kind: 'agent' as const, id: 'rep-1' } });
    const at = '2026-08-03T02:00:00.000Z';

    await kernel.handle({ type: 'CaptureLead', data: { leadId: 'lead-1', source: 'campus fair', interest: 'team jerseys' }, metadata: meta() });
    await kernel.handle({ type: 'QualifyLead', data: { leadId: 'lead-1' }, metadata: meta() });
    await openOpportunityFromLead({ handle: kernel.handle, eventStore }, {
      data: { opportunityId: 'opp-1', title: 'Jerseys for 3 teams', amount: 1_234_567, expectedCloseDate: '2026-09-15', ownerId: 'rep-1', territoryId: null, leadId: 'lead-1', customerId: null, at },
      metadata: meta(),
    });
    await kernel.handle({ type: 'OpenOpportunity', data: { opportunityId: 'opp-2', title: 'Coach jackets', amount: 99_999, expectedCloseDate: '2026-09-30', ownerId: 'rep-1', territoryId: null, leadId: null, customerId: 'c-ann', at }, metadata: meta() });
    await kernel.handle({ type: 'MoveOpportunityStage', data: { opportunityId: 'opp-2', stage: 'negotiation', at }, metadata: meta() });
    await kernel.handle({ type: 'WinOpportunity', data: { opportunityId: 'opp-1', at: '2026-08-20T10:00:00.000Z' }, metadata: meta() });
    const late = await kernel.handle({ type: 'LoseOpportunity', data: { opportunityId: 'opp-1', reason: 'price', note: null, at }, metadata: meta() });
    console.log(late); // Left: OPPORTUNITY_ILLEGAL_MOVE 'opportunity is won: won and lost are final ...'

    await kernel.settle();
    const sales = salesReads(readModels, policy.right);
    console.table(await sales.forecast('shop1'));
    // 2026-09: weighted 1234567 + ⌊99999 × 80%⌋ = 1314566, best case 99999, won 1234567
    console.log(await sales.winRate('shop1'), await sales.salesCycle('shop1')); // 1/1 = 100%; 17 days

    await kernel.handle({ type: 'ScheduleActivity', data: { agentId: 'rep-1', activityId: 'ap-1', kind: 'appointment', title: 'fitting', start: '2026-08-04T02:00:00.000Z', end: '2026-08-04T03:00:00.000Z', tentative: false, participants: ['rep-1'], links: { opportunityId: 'opp-2' }, at }, metadata: meta() });
    const clash = await bookActivity({ handle: kernel.handle }, {
      data: { activityId: 'm-1', kind: 'meeting', title: 'kick-off', start: '2026-08-04T02:30:00.000Z', end: '2026-08-04T03:30:00.000Z', tentative: false, participants: ['rep-1', 'rep-2'], links: {}, at },
      metadata: meta(),
    });
    console.log(clash); // Left: ACTIVITY_CONFLICT, details { conflictingActivityId: 'ap-1', agentId: 'rep-1' }
    // #endregion
    expect(late).toMatchObject({ left: { code: 'OPPORTUNITY_ILLEGAL_MOVE', details: { stage: 'won' } } });
    expect(await sales.forecast('shop1')).toEqual([{ month: '2026-09', weighted: 1_314_566, bestCase: 99_999, won: 1_234_567, open: 1 }]);
    expect(await sales.winRate('shop1')).toEqual({ numerator: 1, denominator: 1, percent: 100 });
    expect(await sales.salesCycle('shop1')).toEqual({ won: 1, totalDays: 17, average: { numerator: 17, denominator: 1, days: 17 } });
    expect(clash).toMatchObject({ left: { code: 'ACTIVITY_CONFLICT', details: { conflictingActivityId: 'ap-1', agentId: 'rep-1' } } });
  });

  it('shows that example verbatim', () => {
    const source = readFileSync(fileURLToPath(import.meta.url), 'utf8');
    const region = (name: string) => {
      const m = new RegExp(`// #region ${name}\\n([\\s\\S]*?)\\n\\s*// #endregion`).exec(source);
      return m![1]!.split('\n').map((l) => l.replace(/^ {4}/, '')).join('\n');
    };
    const doc = readFileSync(fileURLToPath(new URL('../../../../docs/sales.md', import.meta.url)), 'utf8');
    expect(doc).toContain('```ts\n' + region('imports') + '\n\n' + region('example') + '\n```');
  });
});
