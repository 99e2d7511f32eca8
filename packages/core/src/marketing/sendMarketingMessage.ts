import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { IsoInstant } from '../kernel/codecs.js';
import type { Command, CommandMetadataInput, Handled } from '../kernel/command.js';
import { domainError, type CrmError } from '../kernel/errors.js';
import type { EventStore } from '../kernel/eventStore.js';
import { deriveId } from '../kernel/ids.js';
import { CustomerId } from '../shared/ids.js';
import { validateInput } from '../customers/input.js';
import { ConsentChannel, type ConsentChannel as Channel } from '../customers/values.js';
import { followUp } from '../customers/workflow.js';
import { readCustomerConsent } from './consent.js';
import type { MarketingEvent } from './events.js';
import { CampaignId, type ConsentFact } from './values.js';

/** What {@link sendMarketingMessage} needs: the command bus (`crm.handle`) and the event store, to read consent fresh. */
export interface MarketingDeps {
  readonly handle: (command: Command) => Promise<E.Either<CrmError, Handled>>;
  readonly eventStore: EventStore;
}

export const MarketingMessageData = t.intersection(
  [t.type({ customerId: CustomerId, channel: ConsentChannel, at: IsoInstant }), t.partial({ campaignId: CampaignId })],
  'MarketingMessageData',
);

/** The input of {@link sendMarketingMessage}, in plain form. */
export interface MarketingMessageInput {
  readonly data: { readonly customerId: string; readonly channel: Channel; readonly at: string; readonly campaignId?: string };
  readonly metadata: CommandMetadataInput;
}

const currentAt = (consent: ConsentFact, at: string): boolean => consent.status === 'given' && consent.since !== null && consent.since <= at;

/**
 * Record a marketing message, or refuse it. Call it before sending, and send only on
 * `Right`:
 * 1. validate the input (field paths, nothing written);
 * 2. read the customer's consent for the channel from their stream through the port;
 * 3. send `SendMarketingMessage` with that consent: refused without consent at `at`
 *    (`MARKETING_NO_CONSENT`, `data.channel`) or beyond the cap (`MARKETING_CAP_REACHED`,
 *    `data.at`, `details.nextAllowedAt`);
 * 4. read the consent again: if a withdrawal (or erasure) was recorded while the message
 *    was being recorded, retract it (`RetractMarketingMessage`, no longer counted) and
 *    refuse. A withdrawal recorded before step 4 therefore always stops the message.
 * The message id and the retraction's commandId derive from the input's commandId, so
 * sending the same input again records nothing twice and re-checks consent.
 */
export const sendMarketingMessage = async (deps: MarketingDeps, input: MarketingMessageInput): Promise<E.Either<CrmError, Handled>> => {
  const valid = validateInput(MarketingMessageData, input);
  if (E.isLeft(valid)) return valid;
  const { data, metadata } = valid.right;
  const { tenantId } = metadata;
  const messageId = deriveId('marketing.message', tenantId, metadata.commandId);
  const consent = await readCustomerConsent(deps.eventStore, tenantId, data.customerId, data.channel);
  const sent = await deps.handle({ type: 'SendMarketingMessage', data: { ...data, messageId, consent }, metadata });
  if (E.isLeft(sent)) return sent;

  const again = await readCustomerConsent(deps.eventStore, tenantId, data.customerId, data.channel);
  if (currentAt(again, data.at)) return sent;
  const recorded = (sent.right.events as readonly MarketingEvent[]).some((e) => e.type === 'MarketingMessageSent');
  if (recorded) {
    const retracted = await deps.handle({
      type: 'RetractMarketingMessage',
      data: { customerId: data.customerId, messageId, reason: `${data.channel} consent ${again.status} while sending`, at: data.at },
      metadata: followUp(metadata, deriveId(metadata.commandId, 'retract')),
    });
    if (E.isLeft(retracted)) return retracted;
  }
  return E.left(
    domainError('MARKETING_NO_CONSENT', `customer ${data.customerId}'s ${data.channel} consent is ${again.status}: the message was taken back`, ['data', 'channel'], {
      status: again.status,
      since: again.since,
      retracted: true,
    }),
  );
};
