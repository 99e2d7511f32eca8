import * as t from 'io-ts';
import { IsoInstant, ShortText, tagged } from '../kernel/codecs.js';
import { CustomerId } from '../shared/ids.js';
import { ConsentChannel, nullable } from '../customers/values.js';
import { CampaignId, ConsentFact, MarketingMessageId } from './values.js';

/**
 * Events of one customer's marketing contacts, stream `marketing-<tenant>.<customerId>`.
 * A message records the consent it relied on, so an audit can show why it was allowed.
 */
export const MarketingMessageSent = tagged('MarketingMessageSent', {
  customerId: CustomerId,
  messageId: MarketingMessageId,
  channel: ConsentChannel,
  campaignId: nullable(CampaignId),
  at: IsoInstant,
  consent: ConsentFact,
});

/**
 * A recorded message taken back before it went out: the customer withdrew consent while
 * it was being sent. It no longer counts towards the cap.
 */
export const MarketingMessageRetracted = tagged('MarketingMessageRetracted', {
  customerId: CustomerId,
  messageId: MarketingMessageId,
  reason: ShortText,
  at: IsoInstant,
});

export const MarketingEvent = t.union([MarketingMessageSent, MarketingMessageRetracted]);
export type MarketingEvent = t.TypeOf<typeof MarketingEvent>;
