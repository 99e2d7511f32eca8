/**
 * Referrals (三级分销): the referral network set at registration, commissions on completed
 * orders for at most 3 levels, clawbacks on refunds, month-end payout statements, and the
 * anti-pyramid policy (DOMAIN §7, §10, §11).
 */
export { Month, ReferralLevel, SignedFen } from './codecs.js';
export * from './policy.js';
export * from './arithmetic.js';
export * from './events.js';
export * from './commands.js';
export * from './network.js';
export * from './payout.js';
export * from './streams.js';
export * from './reactors.js';
export * from './projections/referralTree.js';
export * from './projections/commissionLedger.js';
export * from './explain.js';
export * from './read.js';
export * from './due.js';
export * from './module.js';
