import * as t from 'io-ts';
import { Fen, IsoInstant, ShortText, tagged } from '../../kernel/codecs.js';
import { CustomerId, OrderId } from '../../shared/ids.js';
import { ConsentChannel } from '../../customers/values.js';
import { taggedWith } from '../../orders/codecs.js';
import { CampaignId, MarketingMessageId } from '../values.js';
import { CampaignChannel, CampaignResponse } from './values.js';
import { CampaignRecipientRefused } from './events.js';

/**
 * Define a campaign. `audience`: customer ids (at least one, each once), e.g. a segment's
 * members or a customer-360 query's result; `inviteVia` is required for `event` campaigns
 * and refused for the others; `at` is when it was defined.
 */
export const DefineCampaign = taggedWith(
  'DefineCampaign',
  { campaignId: CampaignId, name: ShortText, channel: CampaignChannel, audience: t.array(CustomerId), cost: Fen, scheduledAt: IsoInstant, at: IsoInstant },
  { inviteVia: ConsentChannel, audienceSource: ShortText },
);

/** Begin sending at `at` (not before `scheduledAt`; once). Sent by `sendCampaign`. */
export const StartCampaignSend = tagged('StartCampaignSend', { campaignId: CampaignId, at: IsoInstant });

/** Close the send once every recipient is recorded. Sent by `sendCampaign`. */
export const CompleteCampaignSend = tagged('CompleteCampaignSend', { campaignId: CampaignId, sent: t.number, refused: t.number, at: IsoInstant });

export const CampaignCommand = t.union([DefineCampaign, StartCampaignSend, CompleteCampaignSend]);
export type CampaignCommand = t.TypeOf<typeof CampaignCommand>;

/** Record that the campaign's message to the customer was recorded. Sent by `sendCampaign`. */
export const RecordCampaignReach = tagged('RecordCampaignReach', {
  campaignId: CampaignId,
  customerId: CustomerId,
  channel: CampaignChannel,
  messageId: MarketingMessageId,
  at: IsoInstant,
});

/** Record that the customer was left out, and why. Sent by `sendCampaign`. */
export const RecordCampaignRefusal = tagged('RecordCampaignRefusal', CampaignRecipientRefused.props.data.props);

/** A recipient's response (delivered, opened, clicked, attended) at `at`, from the channel's reports. */
export const RecordCampaignResponse = tagged('RecordCampaignResponse', { campaignId: CampaignId, customerId: CustomerId, response: CampaignResponse, at: IsoInstant });

/** The customer paid an order (from the orders context, by a reactor): attributed to the campaigns whose window holds `at`. */
export const NoteCampaignOrderPaid = tagged('NoteCampaignOrderPaid', { customerId: CustomerId, orderId: OrderId, amount: Fen, at: IsoInstant });

/** Money paid back on an order (refund, or cancellation after payment): lowers the net of the campaigns it is attributed to. */
export const NoteCampaignOrderRefund = tagged('NoteCampaignOrderRefund', { customerId: CustomerId, orderId: OrderId, amount: Fen, at: IsoInstant });

export const CampaignRecipientCommand = t.union([RecordCampaignReach, RecordCampaignRefusal, RecordCampaignResponse, NoteCampaignOrderPaid, NoteCampaignOrderRefund]);
export type CampaignRecipientCommand = t.TypeOf<typeof CampaignRecipientCommand>;
