import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { callbackActivityId } from './recordCall.js';
import { BUILT, customers, eventCount, ok, paidOrder, setupCrm, shop } from './testFixtures.js';

const list = { listId: 'L1', name: '618 回访', agents: ['a-1', 'a-2', 'a-3'], at: BUILT };
const DAY = '2026-06-02';

describe('crm.telemarketing', () => {
  it('builds a list of the candidates with phone consent, spread over 3 agents in turn by customer id', async () => {
    const { crm } = setupCrm();
    const ids = ['c-1', 'c-10', 'c-2', 'c-3', 'c-4', 'c-5', 'c-6', 'c-7'];
    await customers(crm, ids, ids.filter((c) => c !== 'c-4'));
    ok(await crm.telemarketing.buildList(shop, { ...list, customerIds: [...ids, 'c-1', 'c-nobody'] }));
    const progress = await crm.projections.telemarketing.list('shop1', 'L1');
    expect(progress).toMatchObject({ size: 7, excluded: 2, called: 0, remaining: 7, calls: 0 });
    expect(Object.entries(progress!.lines).map(([c, l]) => `${c}:${l.agentId}`)).toEqual(['c-1:a-1', 'c-10:a-2', 'c-2:a-3', 'c-3:a-1', 'c-5:a-2', 'c-6:a-3', 'c-7:a-1']);
  });

  it('refuses a call to a customer whose phone consent was withdrawn after the list was built, with the reason and field, writing nothing', async () => {
    const { crm, eventStore } = setupCrm();
    await customers(crm, ['c-1', 'c-2']);
    ok(await crm.telemarketing.buildList(shop, { ...list, customerIds: ['c-1', 'c-2'] }));
    const dial = { listId: 'L1', customerId: 'c-1', agentId: 'a-1', at: `${DAY}T02:00:00.000Z` };
    expect(await crm.telemarketing.checkDial('shop1', dial)).toEqual(E.right({ ...dial, consentSince: '2026-05-01T00:00:00.000Z' }));
    ok(await crm.customers.withdrawConsent(shop, { customerId: 'c-1', channel: 'phone', at: '2026-06-01T08:00:00.000Z' }));
    const before = await eventCount(eventStore);
    expect(await crm.telemarketing.checkDial('shop1', dial)).toMatchObject({ left: { code: 'TELEMARKETING_NO_PHONE_CONSENT', path: ['data', 'customerId'], details: { status: 'withdrawn' } } });
    const r = await crm.telemarketing.recordCall(shop, { listId: 'L1', callId: 'k1', customerId: 'c-1', agentId: 'a-1', outcome: 'interested', at: `${DAY}T02:00:00.000Z` });
    expect(r).toMatchObject({ left: { code: 'TELEMARKETING_NO_PHONE_CONSENT', path: ['data', 'customerId'], details: { status: 'withdrawn', since: '2026-06-01T08:00:00.000Z' } } });
    expect(await eventCount(eventStore)).toBe(before);
    expect(await crm.projections.telemarketing.list('shop1', 'L1')).toMatchObject({ calls: 0, called: 0, remaining: 2 });
    // the other customer still can be called
    ok(await crm.telemarketing.recordCall(shop, { listId: 'L1', callId: 'k2', customerId: 'c-2', agentId: 'a-2', outcome: 'busy', at: `${DAY}T02:00:00.000Z` }));
  });

  it('counts every outcome per list and per agent', async () => {
    const { crm } = setupCrm();
    const ids = ['c-1', 'c-2', 'c-3', 'c-4', 'c-5', 'c-6'];
    await customers(crm, ids);
    ok(await crm.telemarketing.buildList(shop, { ...list, customerIds: ids }));
    // c-1 a-1, c-2 a-2, c-3 a-3, c-4 a-1, c-5 a-2, c-6 a-3
    const calls = [
      ['k1', 'c-1', 'a-1', 'noAnswer'],
      ['k2', 'c-1', 'a-1', 'interested'],
      ['k3', 'c-2', 'a-2', 'busy'],
      ['k4', 'c-3', 'a-3', 'wrongNumber'],
      ['k5', 'c-4', 'a-1', 'notInterested'],
      ['k6', 'c-5', 'a-2', 'doNotCall'],
    ] as const;
    for (const [i, [callId, customerId, agentId, outcome]] of calls.entries())
      ok(await crm.telemarketing.recordCall(shop, { listId: 'L1', callId, customerId, agentId, outcome, at: `${DAY}T0${i}:00:00.000Z` }));
    ok(await crm.telemarketing.recordCall(shop, { listId: 'L1', callId: 'k7', customerId: 'c-6', agentId: 'a-3', outcome: 'callback', callbackAt: '2026-06-03T06:00:00.000Z', at: `${DAY}T07:00:00.000Z` }));
    const progress = await crm.projections.telemarketing.list('shop1', 'L1');
    expect(progress).toMatchObject({
      size: 6,
      called: 6,
      remaining: 0,
      calls: 7,
      outcomes: { noAnswer: 1, busy: 1, wrongNumber: 1, callback: 1, interested: 1, notInterested: 1, doNotCall: 1 },
    });
    expect(progress!.lines['c-1']).toEqual({ agentId: 'a-1', calls: 2, lastOutcome: 'interested', lastCallAt: `${DAY}T01:00:00.000Z` });
    expect(await crm.projections.telemarketing.agents('shop1', 'L1')).toEqual([
      { listId: 'L1', agentId: 'a-1', attempts: 3, reached: 2, interested: 1, converted: 0, reachRate: { numerator: 2, denominator: 3, percent: 66.67 }, conversionRate: { numerator: 0, denominator: 2, percent: 0 } },
      { listId: 'L1', agentId: 'a-2', attempts: 2, reached: 1, interested: 0, converted: 0, reachRate: { numerator: 1, denominator: 2, percent: 50 }, conversionRate: { numerator: 0, denominator: 1, percent: 0 } },
      { listId: 'L1', agentId: 'a-3', attempts: 2, reached: 1, interested: 0, converted: 0, reachRate: { numerator: 1, denominator: 2, percent: 50 }, conversionRate: { numerator: 0, denominator: 1, percent: 0 } },
    ]);
  });

  it('a callback books a call activity at T on the agent’s calendar, once however often the call is sent', async () => {
    const { crm } = setupCrm();
    await customers(crm, ['c-1']);
    ok(await crm.telemarketing.buildList(shop, { ...list, customerIds: ['c-1'] }));
    const input = { listId: 'L1', callId: 'k1', customerId: 'c-1', agentId: 'a-1', outcome: 'callback' as const, callbackAt: '2026-06-03T06:30:00.000Z', at: `${DAY}T02:00:00.000Z` };
    const first = ok(await crm.telemarketing.recordCall({ ...shop, commandId: 'call-k1' }, input));
    expect(first.followUps).toHaveLength(1);
    const again = ok(await crm.telemarketing.recordCall({ ...shop, commandId: 'call-k1' }, input));
    expect(again.call.duplicate).toBe(true);
    const activities = await crm.projections.activities.linkedTo('shop1', 'customerId', 'c-1');
    expect(activities).toHaveLength(1);
    expect(activities[0]).toMatchObject({
      agentId: 'a-1',
      activityId: callbackActivityId('shop1', 'L1', 'k1'),
      kind: 'call',
      start: '2026-06-03T06:30:00.000Z',
      end: '2026-06-03T06:45:00.000Z',
      status: 'scheduled',
      links: { customerId: 'c-1' },
    });
  });

  it('"do not call" withdraws phone consent at once: a phone marketing message right after is refused, and so is the next call', async () => {
    const { crm } = setupCrm();
    await customers(crm, ['c-1']);
    ok(await crm.telemarketing.buildList(shop, { ...list, customerIds: ['c-1'] }));
    const r = ok(await crm.telemarketing.recordCall(shop, { listId: 'L1', callId: 'k1', customerId: 'c-1', agentId: 'a-1', outcome: 'doNotCall', at: `${DAY}T02:00:00.000Z` }));
    expect(r.followUps[0]?.events).toEqual([{ type: 'CustomerConsentWithdrawn', data: { customerId: 'c-1', channel: 'phone', at: `${DAY}T02:00:00.000Z` } }]);
    const send = await crm.marketing.send(shop, { customerId: 'c-1', channel: 'phone', at: `${DAY}T03:00:00.000Z` });
    expect(send).toMatchObject({ left: { code: 'MARKETING_NO_CONSENT', details: { status: 'withdrawn' } } });
    const next = await crm.telemarketing.recordCall(shop, { listId: 'L1', callId: 'k2', customerId: 'c-1', agentId: 'a-1', outcome: 'busy', at: `${DAY}T04:00:00.000Z` });
    expect(next).toMatchObject({ left: { code: 'TELEMARKETING_NO_PHONE_CONSENT' } });
  });

  it('converts a reached call with a paid order exactly 7 × 24 h later, not one second later', async () => {
    const { crm } = setupCrm();
    await customers(crm, ['c-1', 'c-2', 'c-3']);
    ok(await crm.telemarketing.buildList(shop, { ...list, agents: ['a-1'], customerIds: ['c-1', 'c-2', 'c-3'] }));
    const at = `${DAY}T02:00:00.000Z`;
    for (const c of ['c-1', 'c-2', 'c-3']) ok(await crm.telemarketing.recordCall(shop, { listId: 'L1', callId: `k-${c}`, customerId: c, agentId: 'a-1', outcome: c === 'c-3' ? 'noAnswer' : 'interested', at }));
    await paidOrder(crm, 'o-1', 'c-1', '2026-06-09T02:00:00.000Z'); // exactly 7 × 24 h: inside
    await paidOrder(crm, 'o-2', 'c-2', '2026-06-09T02:00:01.000Z'); // 1 s later: outside
    await paidOrder(crm, 'o-3', 'c-3', '2026-06-03T02:00:00.000Z'); // not reached: no conversion
    expect(await crm.projections.telemarketing.agents('shop1', 'L1')).toMatchObject([{ agentId: 'a-1', attempts: 3, reached: 2, interested: 2, converted: 1, conversionRate: { numerator: 1, denominator: 2, percent: 50 } }]);
    expect((await crm.projections.telemarketing.customer('shop1', 'c-1'))?.byList['L1']).toMatchObject({ converted: 1, conversions: { 'k-c-1': 'o-1' } });
    expect((await crm.projections.telemarketing.customer('shop1', 'c-2'))?.byList['L1']).toMatchObject({ converted: 0, conversions: {} });
  });

  it('converts a call recorded after the payment it preceded (the facts decide, not their arrival order)', async () => {
    const { crm } = setupCrm();
    await customers(crm, ['c-1']);
    ok(await crm.telemarketing.buildList(shop, { ...list, customerIds: ['c-1'] }));
    await paidOrder(crm, 'o-1', 'c-1', `${DAY}T05:00:00.000Z`);
    await crm.settle();
    ok(await crm.telemarketing.recordCall(shop, { listId: 'L1', callId: 'k1', customerId: 'c-1', agentId: 'a-1', outcome: 'notInterested', at: `${DAY}T02:00:00.000Z` }));
    expect((await crm.projections.telemarketing.agents('shop1', 'L1'))?.[0]).toMatchObject({ agentId: 'a-1', attempts: 1, reached: 1, converted: 1 });
  });

  it('sending the same do-not-call again withdraws nothing twice', async () => {
    const { crm, eventStore } = setupCrm();
    await customers(crm, ['c-1']);
    ok(await crm.telemarketing.buildList(shop, { ...list, customerIds: ['c-1'] }));
    const input = { listId: 'L1', callId: 'k1', customerId: 'c-1', agentId: 'a-1', outcome: 'doNotCall' as const, at: `${DAY}T02:00:00.000Z` };
    ok(await crm.telemarketing.recordCall({ ...shop, commandId: 'dnc' }, input));
    const before = await eventCount(eventStore);
    const again = ok(await crm.telemarketing.recordCall({ ...shop, commandId: 'dnc' }, input));
    expect([again.call.duplicate, again.followUps[0]?.duplicate]).toEqual([true, true]);
    expect(await eventCount(eventStore)).toBe(before);
  });

  it('a follow-up the other context refuses comes back as the refusal, the call itself recorded', async () => {
    const { crm } = setupCrm({ activities: { agents: ['a-2'] } });
    await customers(crm, ['c-1']);
    ok(await crm.telemarketing.buildList(shop, { ...list, customerIds: ['c-1'] }));
    const r = await crm.telemarketing.recordCall(shop, { listId: 'L1', callId: 'k1', customerId: 'c-1', agentId: 'a-1', outcome: 'callback', callbackAt: '2026-06-03T06:00:00.000Z', at: `${DAY}T02:00:00.000Z` });
    expect(r).toMatchObject({ left: { kind: 'DomainError', code: 'ACTIVITY_UNKNOWN_AGENT', path: ['data', 'agentId'], details: { callRecorded: true } } });
    expect(await crm.projections.telemarketing.list('shop1', 'L1')).toMatchObject({ calls: 1, outcomes: { callback: 1 } });
  });

  it('refuses bad input with the field paths and writes nothing', async () => {
    const { crm, eventStore } = setupCrm();
    await customers(crm, ['c-1']);
    const before = await eventCount(eventStore);
    const bad = await crm.telemarketing.buildList(shop, { listId: 'L 1', name: '', agents: ['a-1'], customerIds: ['c-1', 'c.2'], at: 'yesterday' });
    expect(E.isLeft(bad) && bad.left.kind === 'ValidationError' ? bad.left.issues.map((i) => i.path) : bad).toEqual([
      ['data', 'listId'],
      ['data', 'name'],
      ['data', 'customerIds', 1],
      ['data', 'at'],
    ]);
    expect(await crm.telemarketing.buildList(shop, { ...list, agents: [], customerIds: ['c-1'] })).toMatchObject({ left: { code: 'TELEMARKETING_BAD_AGENTS', path: ['data', 'agents'] } });
    expect(await eventCount(eventStore)).toBe(before);
    ok(await crm.telemarketing.buildList(shop, { ...list, customerIds: ['c-1'] }));
    const mid = await eventCount(eventStore);
    const badCall = await crm.telemarketing.recordCall(shop, { listId: 'L1', callId: 'k1', customerId: 'c-1', agentId: 'a-1', outcome: 'maybe' as never, at: `${DAY}T02:00:00.000Z` });
    expect(badCall).toMatchObject({ left: { kind: 'ValidationError', issues: [{ path: ['data', 'outcome'] }] } });
    expect(await crm.telemarketing.recordCall(shop, { listId: 'L1', callId: 'k1', customerId: 'c-1', agentId: 'a-1', outcome: 'callback', at: `${DAY}T02:00:00.000Z` })).toMatchObject({
      left: { code: 'TELEMARKETING_BAD_CALLBACK', path: ['data', 'callbackAt'] },
    });
    expect(await crm.telemarketing.recordCall(shop, { listId: 'L1', callId: 'k1', customerId: 'c-1', agentId: 'a-2', outcome: 'busy', at: `${DAY}T02:00:00.000Z` })).toMatchObject({
      left: { code: 'TELEMARKETING_NOT_ASSIGNED', path: ['data', 'agentId'], details: { assignedAgentId: 'a-1' } },
    });
    expect(await crm.telemarketing.checkDial('shop1', { listId: 'L1', customerId: 'c-1', agentId: 'a 1', at: 'now' })).toMatchObject({
      left: { kind: 'ValidationError', issues: [{ path: ['data', 'agentId'] }, { path: ['data', 'at'] }] },
    });
    expect(await crm.telemarketing.checkDial('shop1', { listId: 'L2', customerId: 'c-1', agentId: 'a-1', at: `${DAY}T02:00:00.000Z` })).toMatchObject({
      left: { code: 'TELEMARKETING_LIST_NOT_FOUND', path: ['data', 'listId'] },
    });
    expect(await eventCount(eventStore)).toBe(mid);
  });

  it('takes the shop’s telemarketing policy and refuses unknown or bad settings with their path', () => {
    const { crm } = setupCrm({ telemarketing: { conversionWindowDays: 3 } });
    expect(crm.policy.telemarketing).toEqual({ conversionWindowDays: 3, callbackMinutes: 15, maxListSize: 10_000 });
    expect(() => setupCrm({ telemarketing: { conversionDays: 3 } as never })).toThrow(/telemarketing.conversionDays/);
    expect(() => setupCrm({ telemarketing: { callbackMinutes: 0 } })).toThrow(/telemarketing.callbackMinutes/);
  });

  it('a shorter conversion window from the policy', async () => {
    const { crm } = setupCrm({ telemarketing: { conversionWindowDays: 1 } });
    await customers(crm, ['c-1']);
    ok(await crm.telemarketing.buildList(shop, { ...list, customerIds: ['c-1'] }));
    ok(await crm.telemarketing.recordCall(shop, { listId: 'L1', callId: 'k1', customerId: 'c-1', agentId: 'a-1', outcome: 'interested', at: `${DAY}T02:00:00.000Z` }));
    await paidOrder(crm, 'o-1', 'c-1', '2026-06-03T02:00:01.000Z');
    expect((await crm.projections.telemarketing.agents('shop1', 'L1'))?.[0]).toMatchObject({ converted: 0 });
  });

  it('a list too large for the policy is refused before any consent is read', async () => {
    const { crm, eventStore } = setupCrm({ telemarketing: { maxListSize: 2 } });
    const before = await eventCount(eventStore);
    expect(await crm.telemarketing.buildList(shop, { ...list, customerIds: ['c-1', 'c-2', 'c-3'] })).toMatchObject({ left: { code: 'TELEMARKETING_LIST_TOO_LARGE', path: ['data', 'customerIds'] } });
    expect(await eventCount(eventStore)).toBe(before);
  });
});
