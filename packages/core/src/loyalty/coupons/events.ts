import * as t from 'io-ts';
import { Fen, IsoInstant, ShortText, tagged } from '../../kernel/codecs.js';
import { CouponId, CustomerId, OrderId } from '../../shared/ids.js';
import { PositiveFen } from '../../orders/codecs.js';

/**
 * Events of one coupon (优惠券), stream `coupon-<tenant>.<couponId>`. Every event names the
 * owner, so projections keyed by customer need no lookup.
 */

const LOCAL_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** A local calendar month `YYYY-MM`. */
export const LocalMonth = t.refinement(t.string, (s) => LOCAL_MONTH.test(s), 'LocalMonth (YYYY-MM)');
export type LocalMonth = t.TypeOf<typeof LocalMonth>;

/** Why a coupon exists: handed out by the shop, or a tier's monthly benefit. */
export const CouponSource = t.union(
  [t.type({ kind: t.literal('manual') }), t.type({ kind: t.literal('monthlyTier'), month: LocalMonth, tier: ShortText })],
  'CouponSource',
);
export type CouponSource = t.TypeOf<typeof CouponSource>;

/** The terms of a coupon: `value` off an order of at least `minSpend`, usable from `validFrom` to `validUntil` (both inclusive). */
export const CouponTerms = {
  couponId: CouponId,
  ownerId: CustomerId,
  value: PositiveFen,
  minSpend: Fen,
  validFrom: IsoInstant,
  validUntil: IsoInstant,
};

export const CouponIssued = tagged('CouponIssued', { ...CouponTerms, source: CouponSource });

/** Used on an order: `orderAmount` is the order's lines before the coupon; `value` becomes its coupon amount. */
export const CouponRedeemed = tagged('CouponRedeemed', {
  couponId: CouponId,
  ownerId: CustomerId,
  orderId: OrderId,
  value: PositiveFen,
  orderAmount: Fen,
  at: IsoInstant,
});

/** The order the coupon was redeemed on was refused: the coupon is the owner's to use again. */
export const CouponRedemptionReleased = tagged('CouponRedemptionReleased', {
  couponId: CouponId,
  ownerId: CustomerId,
  orderId: OrderId,
  reason: ShortText,
  at: IsoInstant,
});

/** Not redeemed in time; `at` is the first instant after `validUntil`. */
export const CouponExpired = tagged('CouponExpired', { couponId: CouponId, ownerId: CustomerId, at: IsoInstant });

export const CouponEvent = t.union([CouponIssued, CouponRedeemed, CouponRedemptionReleased, CouponExpired]);
export type CouponEvent = t.TypeOf<typeof CouponEvent>;
