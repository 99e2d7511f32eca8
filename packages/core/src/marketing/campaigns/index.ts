/**
 * Campaigns (营销管理): a campaign (sms, email, push or an event invitation) to an audience
 * of customer ids, with a cost in fen and a schedule; sent once, each recipient checked
 * for consent and the marketing cap at send time through `sendMarketingMessage` (refusals
 * listed with reasons); responses; the first paid order within 7 × 24 h of the send
 * attributed; ROI as an exact fraction. Streams `campaign-<tenantId>.<campaignId>` and
 * `campaignRecipient-<tenantId>.<customerId>`.
 */
export * from './values.js';
export * from './events.js';
export * from './commands.js';
export * from './errors.js';
export * from './policy.js';
export * from './decider.js';
export * from './recipientDecider.js';
export * from './streams.js';
export * from './roi.js';
export * from './sendCampaign.js';
export * from './projections/results.js';
export * from './projections/history.js';
export * from './module.js';
