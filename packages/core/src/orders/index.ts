/**
 * Orders (订单): placed → paid → shipped → delivered → completed, cancel from placed or
 * paid, returns, refunds and line ratings both ways. Stream `order-<tenantId>.<orderId>`.
 */
export { CompletedBy, LineNumber, PaymentMethod, PositiveFen, Quantity, Rating, RatingSide, RatingText, ReturnId, ReturnReason } from './codecs.js';
export * from './events.js';
export * from './commands.js';
export * from './errors.js';
export { defaultOrdersPolicy, OrdersPolicy, OrdersPolicyInput, ordersPolicy } from './policy.js';
export * from './state.js';
export * from './decider.js';
export * from './handler.js';
export * from './streams.js';
export * from './due.js';
export * from './projections/summary.js';
export * from './projections/customerStats.js';
export * from './projections/dueForAutoCompletion.js';
