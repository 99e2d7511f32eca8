import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { MemoryEventStore, MemoryReadModelStore } from '@rapport/memory';
import { fixedClock } from '../kernel/clock.js';
import { EventRegistry } from '../kernel/registry.js';
import { createCrmKernel } from '../crm/createCrm.js';
import { leadsModule } from '../leads/module.js';
import { salesModuleFor } from './module.js';
import { openOpportunityFromLead } from './openFromLead.js';
import { salesPolicy, defaultSalesPolicy } from './policy.js';
import { salesReads } from './reads.js';

const meta = (commandId: string) => ({ commandId, tenantId: 'shop1', actor: { kind: 'agent' as const, id: 'rep-1' } });
const opening = (leadId: string | null, extra: Record<string, unknown> = {}) => ({
  opportunityId: `opp-${leadId ?? 'x'}`,
  title: 'Team jerseys',
  amount: 880_000,
  expectedCloseDate: '2026-09-30',
  ownerId: 'rep-1',
  territoryId: null,
  leadId,
  customerId: null,
  at: '2026-08-01T02:00:00.000Z',
  ...extra,
});

const setup = () => {
  const registry = new EventRegistry();
  const eventStore = new MemoryEventStore({ registry });
  const readModels = new MemoryReadModelStore();
  const kernel = createCrmKernel({ eventStore, readModels, registry, clock: fixedClock('2026-08-01T00:00:00.000Z'), modules: [leadsModule, salesModuleFor()] });
  const count = async () => {
    let n = 0;
    for await (const _ of eventStore.readAll()) n++;
    return n;
  };
  return { kernel, eventStore, readModels, count };
};

describe('openOpportunityFromLead', () => {
  it('opens from a qualified lead only, reading the lead’s own stream', async () => {
    const { kernel, eventStore, readModels, count } = setup();
    const deps = { handle: kernel.handle, eventStore };
    await kernel.handle({ type: 'CaptureLead', data: { leadId: 'lead-1', source: 'fair', interest: 'jerseys' }, metadata: meta('c1') });

    expect(await openOpportunityFromLead(deps, { data: opening('lead-9'), metadata: meta('o0') })).toMatchObject({
      left: { code: 'OPPORTUNITY_LEAD_NOT_QUALIFIED', path: ['data', 'leadId'], details: { leadStage: 'none' } },
    });
    const before = await count();
    expect(await openOpportunityFromLead(deps, { data: opening('lead-1'), metadata: meta('o1') })).toMatchObject({
      left: { code: 'OPPORTUNITY_LEAD_NOT_QUALIFIED', message: 'lead is captured: qualify it first' },
    });
    expect(await count()).toBe(before);

    await kernel.handle({ type: 'QualifyLead', data: { leadId: 'lead-1' }, metadata: meta('q1') });
    const opened = await openOpportunityFromLead(deps, { data: opening('lead-1'), metadata: meta('o2') });
    expect(E.isRight(opened)).toBe(true);
    await kernel.settle();
    expect(await salesReads(readModels).opportunity('shop1', 'opp-lead-1')).toMatchObject({ leadId: 'lead-1', stage: 'prospecting', probability: 10 });
  });

  it('refuses bad input with the field paths and writes nothing', async () => {
    const { kernel, eventStore, count } = setup();
    const bad = await openOpportunityFromLead(
      { handle: kernel.handle, eventStore },
      { data: opening('lead-1', { amount: -5, expectedCloseDate: '2026-02-30' }), metadata: meta('bad') },
    );
    expect(E.isLeft(bad) && bad.left.kind === 'ValidationError' ? bad.left.issues.map((i) => i.path) : []).toEqual([
      ['data', 'amount'],
      ['data', 'expectedCloseDate'],
    ]);
    const direct = await kernel.handle({ type: 'OpenOpportunity', data: opening(null, { customerId: 'c-ann', ownerId: 'rep 1' }), metadata: meta('d') });
    expect(E.isLeft(direct) && direct.left.kind === 'ValidationError' ? direct.left.issues.map((i) => i.path) : []).toEqual([['data', 'ownerId']]);
    expect(await count()).toBe(0);
  });
});

describe('salesPolicy', () => {
  it('takes overrides and refuses bad values with their paths', () => {
    const probs = { prospecting: 5, qualification: 15, proposal: 40, negotiation: 90 };
    expect(salesPolicy({ stageProbabilities: probs })).toEqual(E.right({ ...defaultSalesPolicy, stageProbabilities: probs }));
    const bad = salesPolicy({ timeZone: 'Mars/Base', stageProbabilities: { ...probs, proposal: 101, negotiation: 7.5 } });
    expect(E.isLeft(bad) ? bad.left.issues.map((i) => i.path) : []).toEqual([['timeZone'], ['stageProbabilities', 'proposal'], ['stageProbabilities', 'negotiation']]);
  });
});
