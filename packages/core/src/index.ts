/**
 * @rapport/core: the event-sourcing kernel and the CRM's bounded contexts. Pure: no I/O,
 * no clock, no randomness; stores come in through the ports.
 */
export * from './kernel/index.js';
export * from './shared/index.js';
export * from './privacy/index.js';
export * from './customers/index.js';
export * from './leads/index.js';
export * from './orders/index.js';
export * from './credit/index.js';
export * from './calendar/index.js';
export * from './complaints/index.js';
export * from './service/index.js';
export * from './loyalty/index.js';
export * from './loyalty/coupons/index.js';
export * from './marketing/index.js';
export * from './referrals/index.js';
export * from './sales/index.js';
export * from './activities/index.js';
export * from './telemarketing/index.js';
export * from './knowledge/index.js';
export * from './audit/index.js';
export * from './analytics/index.js';
export * from './partners/index.js';
export * from './crm/index.js';
