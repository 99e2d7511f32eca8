import * as t from 'io-ts';
import { Fen, IsoInstant, ShortText, tagged } from '../../kernel/codecs.js';
import { CouponId, CustomerId, OrderId } from '../../shared/ids.js';
import { taggedWith } from '../../orders/codecs.js';
import { CouponSource, CouponTerms } from './events.js';

/** Commands of one coupon. Time and ids come on the command. */

/** Hand a coupon to its owner; `source` defaults to `{ kind: 'manual' }`. */
export const IssueCoupon = taggedWith('IssueCoupon', CouponTerms, { source: CouponSource });

/**
 * Use the coupon on an order: `customerId` is the order's buyer, `orderAmount` the order's
 * lines before any coupon (Σ quantity × unit price), `at` the order's placing time.
 * Send it through `placeOrderWithCoupon`, which derives all three from the order.
 */
export const RedeemCoupon = tagged('RedeemCoupon', { couponId: CouponId, customerId: CustomerId, orderId: OrderId, orderAmount: Fen, at: IsoInstant });

/** Give the coupon back after the order it was redeemed on was refused (a compensation). */
export const ReleaseCouponRedemption = tagged('ReleaseCouponRedemption', { couponId: CouponId, orderId: OrderId, reason: ShortText, at: IsoInstant });

/** Record that the coupon ran out unused (issued by `runDue`; `at` after `validUntil`). */
export const ExpireCoupon = tagged('ExpireCoupon', { couponId: CouponId, at: IsoInstant });

export const CouponCommand = t.union([IssueCoupon, RedeemCoupon, ReleaseCouponRedemption, ExpireCoupon]);
export type CouponCommand = t.TypeOf<typeof CouponCommand>;
