/**
 * Credit ratings (信用评价): seller credit from buyers' ratings, buyer credit from sellers'
 * ratings, read from the orders context's `OrderPaid` and `OrderLineRated` events. A read
 * side only: credit has no commands of its own, ratings are given through `RateOrderLine`.
 */
export * from './events.js';
export * from './levels.js';
export * from './policy.js';
export * from './score.js';
export * from './rate.js';
export * from './profile.js';
export * from './projections/creditProfile.js';
