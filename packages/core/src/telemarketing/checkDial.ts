import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { IsoInstant, validate } from '../kernel/codecs.js';
import type { CrmError } from '../kernel/errors.js';
import type { EventStore } from '../kernel/eventStore.js';
import { AgentId, CustomerId } from '../shared/ids.js';
import { readCustomerConsent } from '../marketing/consent.js';
import { callListDecider, dialRefusal, type CallList } from './decider.js';
import type { TelemarketingEvent } from './events.js';
import { CallListId } from './ids.js';
import { callListStream } from './streams.js';

export const DialData = t.type({ listId: CallListId, customerId: CustomerId, agentId: AgentId, at: IsoInstant }, 'DialData');

/** The input of {@link checkDial}, in plain form. */
export type DialInput = t.OutputOf<typeof DialData>;

/** A call may be placed: the customer is on the list for this agent and gave phone consent at `consentSince`. */
export interface DialPermit extends DialInput {
  readonly consentSince: string;
}

/** A call list as its stream says now. */
export const readCallList = async (eventStore: EventStore, tenantId: string, listId: string): Promise<CallList> => {
  let s = callListDecider.initialState();
  for await (const e of eventStore.readStream<TelemarketingEvent>(callListStream(tenantId, listId))) s = callListDecider.evolve(s, e);
  return s;
};

/**
 * Before dialling: may `agentId` phone `customerId` from the list at `at`? Reads the list
 * and the customer's phone consent from their streams now and writes nothing. Refused
 * with the same codes and paths as `recordCall` (which checks again when the call is
 * recorded): `TELEMARKETING_NO_PHONE_CONSENT` at `['data', 'customerId']` when the consent
 * was withdrawn since the list was built.
 */
export const checkDial = async (eventStore: EventStore, tenantId: string, data: DialInput): Promise<E.Either<CrmError, DialPermit>> => {
  const valid = validate(DialData, data, 'DialData', ['data']);
  if (E.isLeft(valid)) return valid;
  const d = valid.right;
  const list = await readCallList(eventStore, tenantId, d.listId);
  const consent = await readCustomerConsent(eventStore, tenantId, d.customerId, 'phone');
  const refused = dialRefusal(list, d, consent);
  return refused ? E.left(refused) : E.right({ ...d, consentSince: consent.since! });
};
