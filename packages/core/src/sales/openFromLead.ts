import * as E from 'fp-ts/lib/Either.js';
import type { Command, CommandMetadataInput, Handled } from '../kernel/command.js';
import { fold } from '../kernel/decider.js';
import { domainError, type CrmError } from '../kernel/errors.js';
import type { EventStore } from '../kernel/eventStore.js';
import { validate } from '../kernel/codecs.js';
import { leadDecider } from '../leads/decider.js';
import type { LeadEvent } from '../leads/events.js';
import { leadStream } from '../leads/streams.js';
import { OpenOpportunity } from './commands.js';

export interface OpenFromLeadDeps {
  readonly handle: (command: Command) => Promise<E.Either<CrmError, Handled>>;
  readonly eventStore: EventStore;
}

/**
 * Open an opportunity from a lead, after reading the lead's own stream through the event
 * store port: a lead that was never captured, or is still only captured, or was lost, is
 * refused at `['data', 'leadId']` and nothing is written. A qualified (or already
 * converted) lead is accepted. The check reads the lead's facts rather than trusting a
 * flag on the command, so a caller cannot open from an unqualified lead by saying so.
 */
export const openOpportunityFromLead = async (
  deps: OpenFromLeadDeps,
  input: { readonly data: unknown; readonly metadata: CommandMetadataInput },
): Promise<E.Either<CrmError, Handled>> => {
  const command = validate(OpenOpportunity, { type: 'OpenOpportunity', data: input.data }, 'OpenOpportunity');
  if (E.isLeft(command)) return command;
  const { leadId } = command.right.data;
  if (leadId === null) return E.left(domainError('OPPORTUNITY_NO_LEAD', 'give the leadId of the qualified lead', ['data', 'leadId']));
  const events: LeadEvent[] = [];
  for await (const e of deps.eventStore.readStream<LeadEvent>(leadStream(input.metadata.tenantId, leadId))) events.push({ type: e.type, data: e.data } as LeadEvent);
  const lead = fold(leadDecider, leadDecider.initialState(), events);
  if (lead.status !== 'qualified' && lead.status !== 'converted')
    return E.left(
      domainError('OPPORTUNITY_LEAD_NOT_QUALIFIED', lead.status === 'none' ? `lead ${leadId} was never captured` : `lead is ${lead.status}: qualify it first`, ['data', 'leadId'], {
        leadStage: lead.status,
      }),
    );
  return deps.handle({ type: 'OpenOpportunity', data: input.data, metadata: input.metadata });
};
