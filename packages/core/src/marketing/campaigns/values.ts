import * as t from 'io-ts';

/** How a campaign reaches its audience: a message by sms, email or push, or an invitation to an event (活动). */
export const CampaignChannel = t.keyof({ sms: null, email: null, push: null, event: null }, 'CampaignChannel');
export type CampaignChannel = t.TypeOf<typeof CampaignChannel>;
export const CAMPAIGN_CHANNELS: readonly CampaignChannel[] = ['sms', 'email', 'push', 'event'];

/** What a recipient did with a campaign. */
export const CampaignResponse = t.keyof({ delivered: null, opened: null, clicked: null, attended: null }, 'CampaignResponse');
export type CampaignResponse = t.TypeOf<typeof CampaignResponse>;
export const CAMPAIGN_RESPONSES: readonly CampaignResponse[] = ['delivered', 'opened', 'clicked', 'attended'];

/**
 * Why a recipient was left out at send time: no current consent for the channel, the
 * marketing cap (with the instant the next message is allowed), the customer erased, no
 * such customer, or a later marketing message already recorded for them (messages are
 * recorded in time order).
 */
export const CampaignRefusalReason = t.keyof(
  { noConsent: null, capReached: null, erased: null, unknownCustomer: null, outOfOrder: null },
  'CampaignRefusalReason',
);
export type CampaignRefusalReason = t.TypeOf<typeof CampaignRefusalReason>;
export const CAMPAIGN_REFUSAL_REASONS: readonly CampaignRefusalReason[] = ['noConsent', 'capReached', 'erased', 'unknownCustomer', 'outOfOrder'];

/** The most recipients one campaign may name. */
export const MAX_AUDIENCE = 100_000;
