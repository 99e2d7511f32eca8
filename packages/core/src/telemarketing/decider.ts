import * as E from 'fp-ts/lib/Either.js';
import { absurd } from 'fp-ts/lib/function.js';
import type { Decider } from '../kernel/decider.js';
import type { ConsentFact } from '../marketing/values.js';
import type { TelemarketingCommand } from './commands.js';
import { refuseTelemarketing, telemarketingError, type TelemarketingError } from './errors.js';
import type { TelemarketingEvent } from './events.js';
import { defaultTelemarketingPolicy, type TelemarketingPolicy } from './policy.js';
import type { CallListEntry, CallListExclusion } from './values.js';

/** A call list as its stream says: who is on it, for which agent, and the calls recorded. */
export type CallList =
  | { readonly status: 'none' }
  | {
      readonly status: 'built';
      readonly listId: string;
      readonly agents: readonly string[];
      /** customerId → the agent who phones them. */
      readonly assigned: Readonly<Record<string, string>>;
      readonly builtAt: string;
      readonly callIds: Readonly<Record<string, true>>;
    };

/** Consent that holds at `at`: given, and given no later than `at`. */
export const consentHoldsAt = (consent: ConsentFact, at: string): boolean => consent.status === 'given' && consent.since !== null && consent.since <= at;

const exclusionOf = (consent: ConsentFact): CallListExclusion['consent'] => (consent.status === 'given' ? 'notYetGiven' : consent.status);

/**
 * Who goes on a list: the candidates whose phone consent holds at `at`, each once, in
 * customer-id order (string order), given to the agents in turn in the order listed.
 */
export const distributeCallList = (
  agents: readonly string[],
  candidates: readonly { customerId: string; consent: ConsentFact }[],
  at: string,
): { entries: CallListEntry[]; excluded: CallListExclusion[] } => {
  const byId = new Map<string, ConsentFact>();
  for (const c of candidates) if (!byId.has(c.customerId)) byId.set(c.customerId, c.consent);
  const ids = [...byId.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const entries: CallListEntry[] = [];
  const excluded: CallListExclusion[] = [];
  for (const customerId of ids) {
    const consent = byId.get(customerId)!;
    if (consentHoldsAt(consent, at)) entries.push({ customerId, agentId: agents[entries.length % agents.length]! } as CallListEntry);
    else excluded.push({ customerId, consent: exclusionOf(consent) } as CallListExclusion);
  }
  return { entries, excluded };
};

/**
 * Why `agentId` may not phone `customerId` from this list at `at` with this consent, or
 * undefined when the call may be made: the list exists, the customer is on it and is this
 * agent's, `at` is not before the list was built, and phone consent holds at `at`. The
 * call id is checked by `RecordCall` only.
 */
export const dialRefusal = (
  s: CallList,
  call: { readonly listId: string; readonly callId?: string; readonly customerId: string; readonly agentId: string; readonly at: string },
  consent: ConsentFact,
): TelemarketingError | undefined => {
  const no = telemarketingError;
  if (s.status === 'none') return no('TELEMARKETING_LIST_NOT_FOUND', `no call list ${call.listId}`, ['data', 'listId']);
  const assignedAgentId = s.assigned[call.customerId];
  if (assignedAgentId === undefined) return no('TELEMARKETING_NOT_ON_LIST', `customer ${call.customerId} is not on list ${s.listId}`, ['data', 'customerId']);
  if (assignedAgentId !== call.agentId) return no('TELEMARKETING_NOT_ASSIGNED', `customer ${call.customerId} is ${assignedAgentId}'s to call`, ['data', 'agentId'], { assignedAgentId });
  if (call.callId !== undefined && s.callIds[call.callId]) return no('TELEMARKETING_CALL_EXISTS', `call ${call.callId} was recorded before`, ['data', 'callId']);
  if (call.at < s.builtAt) return no('TELEMARKETING_CALL_BEFORE_LIST', `the list was built at ${s.builtAt}`, ['data', 'at'], { builtAt: s.builtAt });
  if (!consentHoldsAt(consent, call.at)) {
    const since = consent.since ? ` since ${consent.since}` : '';
    return no('TELEMARKETING_NO_PHONE_CONSENT', `customer ${call.customerId}'s phone consent is ${consent.status}${since}`, ['data', 'customerId'], { status: consent.status, since: consent.since });
  }
  return undefined;
};

const decideFor =
  (policy: TelemarketingPolicy) =>
  (c: TelemarketingCommand, s: CallList): E.Either<TelemarketingError, TelemarketingEvent[]> => {
    switch (c.type) {
      case 'BuildCallList': {
        const { listId, name, agents, candidates, at } = c.data;
        if (s.status !== 'none') return refuseTelemarketing('TELEMARKETING_LIST_EXISTS', `call list ${listId} was built before`, ['data', 'listId']);
        if (agents.length === 0) return refuseTelemarketing('TELEMARKETING_BAD_AGENTS', 'a call list needs at least one agent', ['data', 'agents']);
        const twice = agents.findIndex((a, i) => agents.indexOf(a) !== i);
        if (twice >= 0) return refuseTelemarketing('TELEMARKETING_BAD_AGENTS', `agent ${agents[twice]} is listed twice`, ['data', 'agents', twice]);
        if (candidates.length > policy.maxListSize)
          return refuseTelemarketing('TELEMARKETING_LIST_TOO_LARGE', `${candidates.length} candidates > ${policy.maxListSize}`, ['data', 'candidates'], { maxListSize: policy.maxListSize });
        const { entries, excluded } = distributeCallList(agents, candidates, at);
        return E.right([
          { type: 'CallListBuilt', data: { listId, name, agents, size: entries.length, excluded, at } },
          ...entries.map((x): TelemarketingEvent => ({ type: 'CallListEntryAdded', data: { listId, ...x, at } })),
        ]);
      }
      case 'RecordCall': {
        const { consent, ...call } = c.data;
        const refused = dialRefusal(s, call, consent);
        if (refused) return E.left(refused);
        if (call.outcome === 'callback' && (call.callbackAt === null || call.callbackAt <= call.at))
          return refuseTelemarketing('TELEMARKETING_BAD_CALLBACK', 'a callback needs a callbackAt after the call', ['data', 'callbackAt']);
        if (call.outcome !== 'callback' && call.callbackAt !== null)
          return refuseTelemarketing('TELEMARKETING_BAD_CALLBACK', `callbackAt is only for the callback outcome, not ${call.outcome}`, ['data', 'callbackAt']);
        return E.right([{ type: 'CallRecorded', data: call }]);
      }
      default:
        return absurd(c);
    }
  };

const evolve = (s: CallList, e: TelemarketingEvent): CallList => {
  switch (e.type) {
    case 'CallListBuilt':
      return {
        status: 'built',
        listId: e.data.listId,
        agents: e.data.agents,
        assigned: {},
        builtAt: e.data.at,
        callIds: {},
      };
    case 'CallListEntryAdded':
      return s.status === 'built' ? { ...s, assigned: { ...s.assigned, [e.data.customerId]: e.data.agentId } } : s;
    case 'CallRecorded':
      return s.status === 'built' ? { ...s, callIds: { ...s.callIds, [e.data.callId]: true } } : s;
    default:
      return absurd(e);
  }
};

/** The call-list decider for a policy (the list size limit). */
export const callListDeciderFor = (policy: TelemarketingPolicy = defaultTelemarketingPolicy): Decider<CallList, TelemarketingCommand, TelemarketingEvent, TelemarketingError> => ({
  initialState: () => ({ status: 'none' }),
  decide: decideFor(policy),
  evolve,
});

export const callListDecider = callListDeciderFor();
