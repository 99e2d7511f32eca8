/**
 * Loyalty (会员): a points ledger in lots (积分) earned on completion and reversed on
 * refund, the monthly member score (淘气值), and tiers (regular, super, 88VIP paid member,
 * APASS key account) with their benefits. Stream `loyalty-<tenantId>.<customerId>`.
 * Coupons live in `./coupons`.
 */
export * from './codecs.js';
export * from './policy.js';
export * from './events.js';
export * from './commands.js';
export * from './lots.js';
export * from './tiers.js';
export * from './state.js';
export * from './decider.js';
export * from './streams.js';
export * from './score.js';
export * from './reactors.js';
export * from './projections/account.js';
export * from './projections/scoreFacts.js';
export * from './explain.js';
export * from './due.js';
export * from './read.js';
export * from './module.js';
