import * as t from 'io-ts';
import { IsoInstant, ShortText, tagged } from '../kernel/codecs.js';
import { AgentId, CustomerId } from '../shared/ids.js';
import { nullable } from '../customers/values.js';
import { CallId, CallListId } from './ids.js';

const Count = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 0, 'Count (integer ≥ 0)');
import { CallListEntry, CallListExclusion, CallOutcome } from './values.js';

/**
 * A call list was built at `at` with `size` customers (each then added by a
 * {@link CallListEntryAdded} of the same command); `excluded`: the candidates left off
 * for want of phone consent, and why.
 */
export const CallListBuilt = tagged('CallListBuilt', {
  listId: CallListId,
  name: ShortText,
  agents: t.array(AgentId),
  size: Count,
  excluded: t.array(CallListExclusion),
  at: IsoInstant,
});

/**
 * A customer with phone consent put on the list for an agent: candidates in customer-id
 * order, each to the next agent in turn. One event per customer, so a per-customer read
 * model knows whose document it is.
 */
export const CallListEntryAdded = tagged('CallListEntryAdded', { listId: CallListId, ...CallListEntry.props, at: IsoInstant });

/** A call was made to a customer on the list, by their agent, with phone consent at `at`. */
export const CallRecorded = tagged('CallRecorded', {
  listId: CallListId,
  callId: CallId,
  customerId: CustomerId,
  agentId: AgentId,
  outcome: CallOutcome,
  /** When to call back: set exactly for the `callback` outcome. */
  callbackAt: nullable(IsoInstant),
  at: IsoInstant,
});

export const TelemarketingEvent = t.union([CallListBuilt, CallListEntryAdded, CallRecorded]);
export type TelemarketingEvent = t.TypeOf<typeof TelemarketingEvent>;
