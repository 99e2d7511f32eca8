import * as t from 'io-ts';
import { IsoInstant, ShortText, tagged } from '../kernel/codecs.js';
import { CustomerId } from '../shared/ids.js';
import { ConsentChannel } from '../customers/values.js';
import { taggedWith } from '../orders/codecs.js';
import { CampaignId, ConsentFact, MarketingMessageId } from './values.js';

/**
 * Record a marketing message to a customer at `at`. `consent` is what the customer's stream
 * says right now: send it through `sendMarketingMessage`, which reads it through the event
 * store port and names the message.
 */
export const SendMarketingMessage = taggedWith(
  'SendMarketingMessage',
  { customerId: CustomerId, messageId: MarketingMessageId, channel: ConsentChannel, at: IsoInstant, consent: ConsentFact },
  { campaignId: CampaignId },
);

/** Take back a recorded message that did not go out (sent by `sendMarketingMessage` when consent was withdrawn meanwhile). */
export const RetractMarketingMessage = tagged('RetractMarketingMessage', { customerId: CustomerId, messageId: MarketingMessageId, reason: ShortText, at: IsoInstant });

export const MarketingCommand = t.union([SendMarketingMessage, RetractMarketingMessage]);
export type MarketingCommand = t.TypeOf<typeof MarketingCommand>;
