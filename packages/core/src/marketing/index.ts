/**
 * Marketing and care (营销, 关怀): marketing messages need current consent for their channel
 * and fit the cap (default 4 per customer per rolling 30 × 24 h; the 5th is refused with
 * the instant the next is allowed); birthday and holiday greetings due lists.
 * Stream `marketing-<tenantId>.<customerId>`.
 */
export * from './values.js';
export * from './events.js';
export * from './commands.js';
export * from './errors.js';
export * from './policy.js';
export * from './cap.js';
export * from './decider.js';
export * from './streams.js';
export * from './consent.js';
export * from './sendMarketingMessage.js';
export * from './projections/contacts.js';
export * from './care/greetings.js';
export * from './module.js';
export * from './campaigns/index.js';
