import * as t from 'io-ts';
import { idCodec, IsoInstant } from '../kernel/codecs.js';
import { nullable } from '../customers/values.js';

/** A marketing campaign (营销活动) a message belongs to. */
export const CampaignId = idCodec('CampaignId');
export type CampaignId = t.TypeOf<typeof CampaignId>;

/** One marketing message to one customer, named by the sending workflow. */
export const MarketingMessageId = idCodec('MarketingMessageId');
export type MarketingMessageId = t.TypeOf<typeof MarketingMessageId>;

/** A stream position (0-based), as JSON can hold it. */
export const StreamPositionNumber = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 0, 'StreamPosition (integer ≥ 0)');

/**
 * What the customer's own stream said about consent for the channel, read right before the
 * send: given (since when), withdrawn, never asked, the customer erased, or no such
 * customer. `customerPosition` is the position of the stream's last event that was read.
 */
export const ConsentFact = t.type(
  {
    status: t.keyof({ given: null, withdrawn: null, never: null, erased: null, unknownCustomer: null }, 'ConsentStatus'),
    since: nullable(IsoInstant),
    customerPosition: nullable(StreamPositionNumber),
  },
  'ConsentFact',
);
export type ConsentFact = t.TypeOf<typeof ConsentFact>;
