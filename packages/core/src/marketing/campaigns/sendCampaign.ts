import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { IsoInstant } from '../../kernel/codecs.js';
import type { CommandMetadataInput, Handled } from '../../kernel/command.js';
import { InvalidArgument, type CrmError } from '../../kernel/errors.js';
import { deriveId } from '../../kernel/ids.js';
import { validateInput } from '../../customers/input.js';
import { followUp } from '../../customers/workflow.js';
import type { MarketingEvent } from '../events.js';
import { sendMarketingMessage, type MarketingDeps } from '../sendMarketingMessage.js';
import { CampaignId } from '../values.js';
import { campaignDecider, consentChannelOf, type CampaignDefinition } from './decider.js';
import type { CampaignEvent, CampaignRecipientEvent } from './events.js';
import { campaignStream } from './streams.js';
import type { CampaignRefusalReason } from './values.js';

export const CampaignSendData = t.type({ campaignId: CampaignId, at: IsoInstant }, 'CampaignSendData');

/** The input of {@link sendCampaign}, in plain form: which campaign, sent at `at`. */
export interface CampaignSendInput {
  readonly data: { readonly campaignId: string; readonly at: string };
  readonly metadata: CommandMetadataInput;
}

/** A recipient left out, and why (`nextAllowedAt` when the cap refused them). */
export interface CampaignRefusal {
  readonly customerId: string;
  readonly reason: CampaignRefusalReason;
  readonly nextAllowedAt: string | null;
}

/** What a send did: every audience member is in exactly one of `sent` and `refused`, in audience order. */
export interface CampaignSendReport {
  readonly campaignId: string;
  readonly at: string;
  readonly sent: readonly { readonly customerId: string; readonly messageId: string }[];
  readonly refused: readonly CampaignRefusal[];
}

/** A marketing send's refusal as a campaign refusal reason, or undefined for any other error. */
export const refusalOf = (error: CrmError): Omit<CampaignRefusal, 'customerId'> | undefined => {
  if (error.kind !== 'DomainError') return undefined;
  const details = error.details ?? {};
  if (error.code === 'MARKETING_CAP_REACHED') return { reason: 'capReached', nextAllowedAt: String(details['nextAllowedAt']) };
  if (error.code === 'MARKETING_OUT_OF_ORDER') return { reason: 'outOfOrder', nextAllowedAt: null };
  if (error.code !== 'MARKETING_NO_CONSENT') return undefined;
  const status = details['status'];
  return { reason: status === 'erased' ? 'erased' : status === 'unknownCustomer' ? 'unknownCustomer' : 'noConsent', nextAllowedAt: null };
};

const readDefinition = async (deps: MarketingDeps, tenantId: string, campaignId: string): Promise<CampaignDefinition> => {
  let s = campaignDecider.initialState();
  for await (const e of deps.eventStore.readStream<CampaignEvent>(campaignStream(tenantId, campaignId))) s = campaignDecider.evolve(s, e);
  // the send was just started on this stream: not finding it means `eventStore` is not the store `handle` writes to
  if (s.status === 'none') throw new InvalidArgument(`sendCampaign: campaign ${campaignId} is not in ${campaignStream(tenantId, campaignId)} of the given eventStore`);
  return s.definition;
};

/**
 * Send a campaign at `at`, once, not before its schedule:
 * 1. validate the input (field paths, nothing written);
 * 2. `StartCampaignSend` on the campaign's stream (refused when unknown, sent already or
 *    not yet due);
 * 3. for each audience member in order, `sendMarketingMessage` with the campaign's id:
 *    consent (for an `event` campaign, of the invitation channel) is read from the
 *    customer's stream and the 4-per-30-days cap is checked at this moment, and the message
 *    counts toward the cap; the outcome (reached, or refused with the reason) is recorded on
 *    the customer's campaign stream;
 * 4. `CompleteCampaignSend` with the counts.
 * Every follow-up command's id derives from the input's commandId, so an interrupted send
 * is finished by sending the same input again; nothing is recorded twice.
 */
export const sendCampaign = async (deps: MarketingDeps, input: CampaignSendInput): Promise<E.Either<CrmError, CampaignSendReport>> => {
  const valid = validateInput(CampaignSendData, input);
  if (E.isLeft(valid)) return valid;
  const { data, metadata } = valid.right;
  const { campaignId, at } = data;
  const started = await deps.handle({ type: 'StartCampaignSend', data, metadata });
  if (E.isLeft(started)) return started;
  const definition = await readDefinition(deps, metadata.tenantId, campaignId);
  const channel = consentChannelOf(definition);

  const sent: { customerId: string; messageId: string }[] = [];
  const refused: CampaignRefusal[] = [];
  for (const customerId of definition.audience) {
    const message = await sendMarketingMessage(deps, {
      data: { customerId, channel, at, campaignId },
      metadata: followUp(metadata, deriveId(metadata.commandId, 'message', customerId)),
    });
    const recordId = followUp(metadata, deriveId(metadata.commandId, 'recipient', customerId));
    let recorded: E.Either<CrmError, Handled>;
    if (E.isRight(message)) {
      const messageId =
        (message.right.events as readonly MarketingEvent[]).find((e) => e.type === 'MarketingMessageSent')?.data.messageId ??
        deriveId('marketing.message', metadata.tenantId, message.right.commandId);
      recorded = await deps.handle({ type: 'RecordCampaignReach', data: { campaignId, customerId, channel: definition.channel, messageId, at }, metadata: recordId });
    } else {
      const refusal = refusalOf(message.left);
      if (!refusal) return message;
      recorded = await deps.handle({ type: 'RecordCampaignRefusal', data: { campaignId, customerId, channel: definition.channel, ...refusal, at }, metadata: recordId });
    }
    if (E.isLeft(recorded)) return recorded;
    // what is recorded is the outcome (the first run's, when an interrupted send is resumed)
    for (const e of recorded.right.events as readonly CampaignRecipientEvent[]) {
      if (e.type === 'CampaignRecipientReached') sent.push({ customerId, messageId: e.data.messageId });
      if (e.type === 'CampaignRecipientRefused') refused.push({ customerId, reason: e.data.reason, nextAllowedAt: e.data.nextAllowedAt });
    }
  }

  const completed = await deps.handle({
    type: 'CompleteCampaignSend',
    data: { campaignId, sent: sent.length, refused: refused.length, at },
    metadata: followUp(metadata, deriveId(metadata.commandId, 'complete')),
  });
  if (E.isLeft(completed)) return completed;
  return E.right({ campaignId, at, sent, refused });
};
