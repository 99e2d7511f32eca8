import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import type { Command, Handled } from '../kernel/command.js';
import { IsoInstant } from '../kernel/codecs.js';
import type { CrmError } from '../kernel/errors.js';
import { deriveId } from '../kernel/ids.js';
import { AgentId, CustomerId } from '../shared/ids.js';
import { validateInput } from '../customers/input.js';
import { followUp } from '../customers/workflow.js';
import { readCustomerConsent } from '../marketing/consent.js';
import type { TelemarketingDeps } from './buildCallList.js';
import type { CallRecorded } from './events.js';
import { CallId, CallListId } from './ids.js';
import { defaultTelemarketingPolicy, type TelemarketingPolicy } from './policy.js';
import { CallOutcome } from './values.js';

export const CallData = t.intersection(
  [
    t.type({ listId: CallListId, callId: CallId, customerId: CustomerId, agentId: AgentId, outcome: CallOutcome, at: IsoInstant }),
    /** For the `callback` outcome: when to call back (after `at`). */
    t.partial({ callbackAt: IsoInstant }),
  ],
  'CallData',
);

/** The input of {@link recordCall}, in plain form. */
export interface CallInput {
  readonly data: t.OutputOf<typeof CallData>;
  readonly metadata: Command['metadata'];
}

/** What {@link recordCall} did: the call, and the commands its outcome caused (a callback activity, a consent withdrawal). */
export interface RecordedCall {
  readonly call: Handled;
  readonly followUps: readonly Handled[];
}

type CallRecordedEvent = t.TypeOf<typeof CallRecorded>;

/** The activity id a call's callback books: derived from the list and call, the same on every retry. */
export const callbackActivityId = (tenantId: string, listId: string, callId: string): string => deriveId('telemarketing.callback', tenantId, listId, callId);

const addMinutes = (at: string, minutes: number): string => new Date(Date.parse(at) + minutes * 60_000).toISOString();

/**
 * The commands a recorded call causes in other contexts, sent by name (the contexts do not
 * import each other): a callback books a `call` activity at `callbackAt` on the agent's
 * calendar (activities context); "do not call" withdraws the customer's phone consent at
 * the call's time (customers context).
 */
export const callFollowUps = (call: CallRecordedEvent['data'], tenantId: string, policy: Pick<TelemarketingPolicy, 'callbackMinutes'>): readonly { type: string; data: unknown; key: string }[] => {
  if (call.outcome === 'callback' && call.callbackAt !== null)
    return [
      {
        key: 'callback',
        type: 'ScheduleActivity',
        data: {
          agentId: call.agentId,
          activityId: callbackActivityId(tenantId, call.listId, call.callId),
          kind: 'call',
          title: `Call back ${call.customerId} (list ${call.listId})`,
          start: call.callbackAt,
          end: addMinutes(call.callbackAt, policy.callbackMinutes),
          tentative: false,
          participants: [call.agentId],
          links: { customerId: call.customerId },
          at: call.at,
        },
      },
    ];
  if (call.outcome === 'doNotCall') return [{ key: 'doNotCall', type: 'WithdrawCustomerConsent', data: { customerId: call.customerId, channel: 'phone', at: call.at } }];
  return [];
};

/**
 * Record a call from a list, checking phone consent again at dial time:
 * 1. validate the input (field paths, nothing written);
 * 2. read the customer's phone consent from their stream now;
 * 3. send `RecordCall` with it: refused when the consent does not hold at `at`
 *    (`TELEMARKETING_NO_PHONE_CONSENT`, `data.customerId`), when the customer is not on the
 *    list or is another agent's, or the callback time is missing or not after the call;
 * 4. send what the outcome causes ({@link callFollowUps}): a callback's call activity,
 *    "do not call"'s consent withdrawal, effective at once.
 * CommandIds derive from the input's, so sending the same input again records nothing twice
 * and completes follow-ups an interrupted first attempt left unsent. A refused follow-up is
 * returned as the refusal, with `details.callRecorded: true`.
 */
export const recordCall = async (
  deps: TelemarketingDeps,
  input: CallInput,
  policy: Pick<TelemarketingPolicy, 'callbackMinutes'> = defaultTelemarketingPolicy,
): Promise<E.Either<CrmError, RecordedCall>> => {
  const valid = validateInput(CallData, input);
  if (E.isLeft(valid)) return valid;
  const { data, metadata } = valid.right;
  const consent = await readCustomerConsent(deps.eventStore, metadata.tenantId, data.customerId, 'phone');
  const call = await deps.handle({ type: 'RecordCall', data: { ...data, callbackAt: data.callbackAt ?? null, consent }, metadata: input.metadata });
  if (E.isLeft(call)) return call;
  // on a retry the handler returns the events first recorded: follow them, not the new input
  const recorded = (call.right.events as readonly { type: string; data: unknown }[]).find((e): e is CallRecordedEvent => e.type === 'CallRecorded');
  const followUps: Handled[] = [];
  for (const f of recorded ? callFollowUps(recorded.data, metadata.tenantId, policy) : []) {
    const r = await deps.handle({ type: f.type, data: f.data, metadata: followUp(metadata, deriveId('telemarketing.call', metadata.commandId, f.key)) });
    if (E.isLeft(r)) return E.left(r.left.kind === 'DomainError' ? { ...r.left, details: { ...r.left.details, callRecorded: true } } : r.left);
    followUps.push(r.right);
  }
  return E.right({ call: call.right, followUps });
};
