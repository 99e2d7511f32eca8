import * as t from 'io-ts';
import { CustomerId, AgentId } from '../shared/ids.js';

/**
 * What came of a call (DOMAIN §12): no answer, busy, wrong number, call back at a time,
 * interested, not interested, do not call (withdraws the customer's phone consent).
 */
export const CallOutcome = t.keyof(
  { noAnswer: null, busy: null, wrongNumber: null, callback: null, interested: null, notInterested: null, doNotCall: null },
  'CallOutcome',
);
export type CallOutcome = t.TypeOf<typeof CallOutcome>;
export const CALL_OUTCOMES: readonly CallOutcome[] = ['noAnswer', 'busy', 'wrongNumber', 'callback', 'interested', 'notInterested', 'doNotCall'];

/** The outcomes where the customer was spoken to: the call "reached" them. */
export const REACHED_OUTCOMES: readonly CallOutcome[] = ['callback', 'interested', 'notInterested', 'doNotCall'];
export const isReached = (o: CallOutcome): boolean => REACHED_OUTCOMES.includes(o);

/** A customer on a list and the agent who phones them. */
export const CallListEntry = t.type({ customerId: CustomerId, agentId: AgentId }, 'CallListEntry');
export type CallListEntry = t.TypeOf<typeof CallListEntry>;

/** A candidate left off a list, with the state of their phone consent at build time. */
export const CallListExclusion = t.type(
  { customerId: CustomerId, consent: t.keyof({ withdrawn: null, never: null, erased: null, unknownCustomer: null, notYetGiven: null }, 'ExcludedConsent') },
  'CallListExclusion',
);
export type CallListExclusion = t.TypeOf<typeof CallListExclusion>;
