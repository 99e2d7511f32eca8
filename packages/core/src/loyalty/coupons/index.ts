/**
 * Coupons (优惠券): issued to an owner with a value, a minimum spend and a validity; redeemed
 * once by the owner on an order (`placeOrderWithCoupon`); released when that order is
 * refused; expired by `runDue`. Monthly tier coupons from the tiers' benefits.
 * Stream `coupon-<tenantId>.<couponId>`.
 */
export { LocalMonth, CouponSource, CouponIssued, CouponRedeemed, CouponRedemptionReleased, CouponExpired, CouponEvent } from './events.js';
export * from './commands.js';
export * from './errors.js';
export * from './decider.js';
export * from './streams.js';
export * from './policy.js';
export * from './monthly.js';
export * from './due.js';
export * from './placeOrderWithCoupon.js';
export * from './projections/coupon.js';
export * from './projections/wallet.js';
export * from './module.js';
