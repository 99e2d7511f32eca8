import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { specFor } from '../testing/deciderSpecification.js';
import type { ConsentFact } from '../marketing/values.js';
import type { TelemarketingCommand } from './commands.js';
import { callListDecider, callListDeciderFor, distributeCallList, type CallList } from './decider.js';
import type { TelemarketingEvent } from './events.js';
import { defaultTelemarketingPolicy } from './policy.js';
import { CALL_OUTCOMES, type CallOutcome } from './values.js';

const given = specFor(callListDecider);
const BUILT = '2026-06-01T02:00:00.000Z';
const yes: ConsentFact = { status: 'given', since: '2026-01-01T00:00:00.000Z' as never, customerPosition: 2 as never };
const no: ConsentFact = { status: 'withdrawn', since: '2026-05-01T00:00:00.000Z' as never, customerPosition: 3 as never };

const build = (candidates: readonly { customerId: string; consent: ConsentFact }[], agents = ['a-1', 'a-2']): TelemarketingCommand =>
  ({ type: 'BuildCallList', data: { listId: 'L1', name: '618 回访', agents, candidates, at: BUILT } }) as TelemarketingCommand;
const built = (entries: readonly [string, string][], excluded: { customerId: string; consent: string }[] = [], agents = ['a-1', 'a-2']): TelemarketingEvent[] =>
  [
    { type: 'CallListBuilt', data: { listId: 'L1', name: '618 回访', agents, size: entries.length, excluded, at: BUILT } },
    ...entries.map(([customerId, agentId]) => ({ type: 'CallListEntryAdded', data: { listId: 'L1', customerId, agentId, at: BUILT } })),
  ] as TelemarketingEvent[];
const call = (over: Partial<{ callId: string; customerId: string; agentId: string; outcome: CallOutcome; callbackAt: string | null; at: string; consent: ConsentFact }> = {}): TelemarketingCommand =>
  ({
    type: 'RecordCall',
    data: { listId: 'L1', callId: 'k1', customerId: 'c-1', agentId: 'a-1', outcome: 'interested', callbackAt: null, at: '2026-06-02T02:00:00.000Z', consent: yes, ...over },
  }) as TelemarketingCommand;
const recorded = (over: Record<string, unknown> = {}): TelemarketingEvent =>
  ({ type: 'CallRecorded', data: { listId: 'L1', callId: 'k1', customerId: 'c-1', agentId: 'a-1', outcome: 'interested', callbackAt: null, at: '2026-06-02T02:00:00.000Z', ...over } }) as TelemarketingEvent;
const list = built([['c-1', 'a-1'], ['c-2', 'a-2']]);

describe('building a call list', () => {
  it('puts only customers with phone consent on it, by customer id (string order), to the agents in turn', () =>
    given([])
      .when(build([{ customerId: 'c-3', consent: yes }, { customerId: 'c-10', consent: yes }, { customerId: 'c-2', consent: no }, { customerId: 'c-1', consent: yes }]))
      .then(built([['c-1', 'a-1'], ['c-10', 'a-2'], ['c-3', 'a-1']], [{ customerId: 'c-2', consent: 'withdrawn' }])));

  it('lists why each candidate was left off; consent given only after the build time does not count', () =>
    given([])
      .when(
        build([
          { customerId: 'c-1', consent: { status: 'never', since: null, customerPosition: 0 as never } },
          { customerId: 'c-2', consent: { status: 'erased', since: null, customerPosition: 4 as never } },
          { customerId: 'c-3', consent: { status: 'unknownCustomer', since: null, customerPosition: null } },
          { customerId: 'c-4', consent: { ...yes, since: '2026-06-01T02:00:00.001Z' as never } },
          { customerId: 'c-5', consent: { ...yes, since: BUILT as never } },
        ]),
      )
      .then(
        built(
          [['c-5', 'a-1']],
          [
            { customerId: 'c-1', consent: 'never' },
            { customerId: 'c-2', consent: 'erased' },
            { customerId: 'c-3', consent: 'unknownCustomer' },
            { customerId: 'c-4', consent: 'notYetGiven' },
          ],
        ),
      ));

  it('takes a candidate listed twice once', () => given([]).when(build([{ customerId: 'c-1', consent: yes }, { customerId: 'c-1', consent: yes }])).then(built([['c-1', 'a-1']])));
  it('refuses a second build of the same list', () => given(list).when(build([])).thenRejects('TELEMARKETING_LIST_EXISTS', ['data', 'listId']));
  it('refuses a list without agents', () => given([]).when(build([], [])).thenRejects('TELEMARKETING_BAD_AGENTS', ['data', 'agents']));
  it('names an agent listed twice', () => given([]).when(build([], ['a-1', 'a-2', 'a-1'])).thenRejects('TELEMARKETING_BAD_AGENTS', ['data', 'agents', 2]));
  it('refuses more candidates than the policy allows', () => {
    const d = callListDeciderFor({ ...defaultTelemarketingPolicy, maxListSize: 2 });
    const three = build(['c-1', 'c-2', 'c-3'].map((customerId) => ({ customerId, consent: yes })));
    expect(d.decide(three, d.initialState())).toMatchObject({ left: { code: 'TELEMARKETING_LIST_TOO_LARGE', path: ['data', 'candidates'] } });
  });
});

describe('recording a call', () => {
  it('records each outcome', () => {
    for (const outcome of CALL_OUTCOMES.filter((o) => o !== 'callback')) given(list).when(call({ outcome })).then([recorded({ outcome })]);
    given(list).when(call({ outcome: 'callback', callbackAt: '2026-06-03T06:00:00.000Z' })).then([recorded({ outcome: 'callback', callbackAt: '2026-06-03T06:00:00.000Z' })]);
  });

  it.each([
    ['withdrawn since the list was built', no],
    ['withdrawn after the build, before the call', { status: 'withdrawn', since: '2026-06-01T12:00:00.000Z', customerPosition: 5 }],
    ['erased', { status: 'erased', since: null, customerPosition: 6 }],
    ['given only after the call', { status: 'given', since: '2026-06-02T02:00:00.001Z', customerPosition: 7 }],
  ] as const)('refuses a call without phone consent at dial time (%s)', (_n, consent) =>
    given(list).when(call({ consent: consent as ConsentFact })).thenRejects('TELEMARKETING_NO_PHONE_CONSENT', ['data', 'customerId']));

  it('says why in the refusal', () => {
    const s = list.reduce(callListDecider.evolve, callListDecider.initialState());
    expect(callListDecider.decide(call({ consent: no }), s)).toMatchObject({ left: { details: { status: 'withdrawn', since: no.since }, message: expect.stringContaining('withdrawn') } });
  });

  it('refuses a call from no list, to someone not on it, by another agent, twice, or before the list', () => {
    given([]).when(call()).thenRejects('TELEMARKETING_LIST_NOT_FOUND', ['data', 'listId']);
    given(list).when(call({ customerId: 'c-9' })).thenRejects('TELEMARKETING_NOT_ON_LIST', ['data', 'customerId']);
    given(list).when(call({ agentId: 'a-2' })).thenRejects('TELEMARKETING_NOT_ASSIGNED', ['data', 'agentId']);
    given([...list, recorded()]).when(call({ outcome: 'busy' })).thenRejects('TELEMARKETING_CALL_EXISTS', ['data', 'callId']);
    given(list).when(call({ at: '2026-06-01T01:59:59.999Z' })).thenRejects('TELEMARKETING_CALL_BEFORE_LIST', ['data', 'at']);
    given(list).when(call({ at: BUILT })).then([recorded({ at: BUILT })]);
  });

  it('needs a callback time after the call for a callback, and none for other outcomes', () => {
    given(list).when(call({ outcome: 'callback' })).thenRejects('TELEMARKETING_BAD_CALLBACK', ['data', 'callbackAt']);
    given(list).when(call({ outcome: 'callback', callbackAt: '2026-06-02T02:00:00.000Z' })).thenRejects('TELEMARKETING_BAD_CALLBACK', ['data', 'callbackAt']);
    given(list).when(call({ outcome: 'busy', callbackAt: '2026-06-03T02:00:00.000Z' })).thenRejects('TELEMARKETING_BAD_CALLBACK', ['data', 'callbackAt']);
  });
});

describe('call list properties', () => {
  const consentArb: fc.Arbitrary<ConsentFact> = fc.oneof(
    fc.constant(yes),
    fc.constant(no),
    fc.constant<ConsentFact>({ status: 'never', since: null, customerPosition: 0 as never }),
    fc.integer({ min: -5, max: 5 }).map((h): ConsentFact => ({ ...yes, since: new Date(Date.parse(BUILT) + h * 3_600_000).toISOString() as never })),
  );
  const candidatesArb = fc.array(fc.record({ customerId: fc.stringMatching(/^c-[0-9a-c]{1,3}$/), consent: consentArb }), { maxLength: 40 });
  const agentsArb = fc.uniqueArray(fc.constantFrom('a-1', 'a-2', 'a-3', 'a-4', 'b'), { minLength: 1, maxLength: 5 });

  it('round robin: every consenting candidate once, in id order, agents taking turns (loads differ by at most one)', () =>
    fc.assert(
      fc.property(agentsArb, candidatesArb, (agents, candidates) => {
        const { entries, excluded } = distributeCallList(agents, candidates, BUILT);
        const firstConsent = new Map<string, ConsentFact>();
        for (const c of candidates) if (!firstConsent.has(c.customerId)) firstConsent.set(c.customerId, c.consent);
        const eligible = [...firstConsent].filter(([, c]) => c.status === 'given' && c.since! <= BUILT).map(([id]) => id);
        expect(entries.map((e) => e.customerId)).toEqual([...eligible].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
        entries.forEach((e, i) => expect(e.agentId).toBe(agents[i % agents.length]));
        const loads = agents.map((a) => entries.filter((e) => e.agentId === a).length);
        expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
        expect(entries.length + excluded.length).toBe(firstConsent.size);
      }),
    ));

  it('a call is accepted exactly when the customer is on the list, it is their agent, and phone consent holds at its time', () =>
    fc.assert(
      fc.property(fc.constantFrom('c-1', 'c-2', 'c-3'), fc.constantFrom('a-1', 'a-2'), consentArb, fc.integer({ min: -2, max: 48 }), (customerId, agentId, consent, h) => {
        const s: CallList = list.reduce(callListDecider.evolve, callListDecider.initialState());
        const at = new Date(Date.parse(BUILT) + h * 3_600_000).toISOString();
        const r = callListDecider.decide(call({ customerId, agentId, consent, at }), s);
        const expected = (customerId === 'c-1' ? agentId === 'a-1' : customerId === 'c-2' && agentId === 'a-2') && at >= BUILT && consent.status === 'given' && consent.since! <= at;
        expect(E.isRight(r)).toBe(expected);
      }),
    ));
});
