import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import type { Command, CommandMetadataInput, Handled } from '../kernel/command.js';
import { IsoInstant, ShortText } from '../kernel/codecs.js';
import type { CrmError } from '../kernel/errors.js';
import type { EventStore } from '../kernel/eventStore.js';
import { AgentId, CustomerId } from '../shared/ids.js';
import { validateInput } from '../customers/input.js';
import { readCustomerConsent } from '../marketing/consent.js';
import type { CallCandidate } from './commands.js';
import { refuseTelemarketing } from './errors.js';
import { CallListId } from './ids.js';
import { defaultTelemarketingPolicy, type TelemarketingPolicy } from './policy.js';

/** What the telemarketing workflows need: the command bus (`crm.handle`) and the event store, to read consent fresh. */
export interface TelemarketingDeps {
  readonly handle: (command: Command) => Promise<E.Either<CrmError, Handled>>;
  readonly eventStore: EventStore;
}

export const CallListData = t.type(
  {
    listId: CallListId,
    name: ShortText,
    /** The agents who phone, in the order they take turns. */
    agents: t.array(AgentId),
    /** The segment or query result: the candidates (duplicates are taken once). */
    customerIds: t.array(CustomerId),
    at: IsoInstant,
  },
  'CallListData',
);

/** The input of {@link buildCallList}, in plain form. */
export interface CallListInput {
  readonly data: { readonly listId: string; readonly name: string; readonly agents: readonly string[]; readonly customerIds: readonly string[]; readonly at: string };
  readonly metadata: CommandMetadataInput;
}

/**
 * Build a call list from a segment or a query (the caller passes the candidate customer
 * ids): each candidate's phone consent is read from their own stream now, and only those
 * whose consent holds at `at` go on the list, in customer-id order, to the agents in
 * turn. Bad input is refused with its field path before anything is read or written.
 * The same commandId again records nothing twice.
 */
export const buildCallList = async (
  deps: TelemarketingDeps,
  input: CallListInput,
  policy: Pick<TelemarketingPolicy, 'maxListSize'> = defaultTelemarketingPolicy,
): Promise<E.Either<CrmError, Handled>> => {
  const valid = validateInput(CallListData, input);
  if (E.isLeft(valid)) return valid;
  const { data, metadata } = valid.right;
  if (data.customerIds.length > policy.maxListSize)
    return refuseTelemarketing('TELEMARKETING_LIST_TOO_LARGE', `${data.customerIds.length} candidates > ${policy.maxListSize}`, ['data', 'customerIds'], { maxListSize: policy.maxListSize });
  const candidates: CallCandidate[] = [];
  for (const customerId of new Set(data.customerIds))
    candidates.push({ customerId, consent: await readCustomerConsent(deps.eventStore, metadata.tenantId, customerId, 'phone') });
  const { customerIds: _, ...rest } = data;
  return deps.handle({ type: 'BuildCallList', data: { ...rest, candidates }, metadata: input.metadata });
};
