import * as E from 'fp-ts/lib/Either.js';
import { absurd } from 'fp-ts/lib/function.js';
import type { IsoInstant } from '../../kernel/codecs.js';
import type { Decider } from '../../kernel/decider.js';
import type { OrderId } from '../../shared/ids.js';
import type { CouponCommand } from './commands.js';
import { refuseCoupon, type CouponError } from './errors.js';
import type { CouponEvent, CouponIssued } from './events.js';
import type * as t from 'io-ts';

/** A coupon's terms as issued. */
export type CouponTerms = t.TypeOf<typeof CouponIssued>['data'];

/** What the decider knows of a coupon. */
export type Coupon =
  | { readonly status: 'none' }
  | { readonly status: 'issued'; readonly terms: CouponTerms }
  | { readonly status: 'redeemed'; readonly terms: CouponTerms; readonly orderId: OrderId; readonly redeemedAt: IsoInstant }
  | { readonly status: 'expired'; readonly terms: CouponTerms; readonly expiredAt: IsoInstant };

type Decision = E.Either<CouponError, readonly CouponEvent[]>;
type Cmd<T extends CouponCommand['type']> = Extract<CouponCommand, { type: T }>;

const issue = (c: Cmd<'IssueCoupon'>, s: Coupon): Decision => {
  const { source, ...terms } = c.data;
  if (s.status !== 'none') return refuseCoupon('COUPON_EXISTS', `coupon ${terms.couponId} was issued already`, ['data', 'couponId']);
  if (terms.validUntil < terms.validFrom)
    return refuseCoupon('COUPON_VALIDITY', `valid until ${terms.validUntil} is before valid from ${terms.validFrom}`, ['data', 'validUntil']);
  return E.right([{ type: 'CouponIssued', data: { ...terms, source: source ?? { kind: 'manual' } } }]);
};

const redeem = (c: Cmd<'RedeemCoupon'>, s: Exclude<Coupon, { status: 'none' }>): Decision => {
  const { couponId, customerId, orderId, orderAmount, at } = c.data;
  const { terms } = s;
  if (customerId !== terms.ownerId) return refuseCoupon('COUPON_NOT_OWNER', `coupon ${couponId} belongs to another customer`, ['data', 'customerId']);
  if (s.status === 'redeemed')
    return refuseCoupon('COUPON_ALREADY_REDEEMED', `coupon ${couponId} was redeemed on order ${s.orderId}`, ['data', 'couponId'], { orderId: s.orderId });
  if (s.status === 'expired' || at > terms.validUntil)
    return refuseCoupon('COUPON_EXPIRED', `coupon ${couponId} was valid until ${terms.validUntil}`, ['data', 'at'], { validUntil: terms.validUntil });
  if (at < terms.validFrom)
    return refuseCoupon('COUPON_NOT_YET_VALID', `coupon ${couponId} is valid from ${terms.validFrom}`, ['data', 'at'], { validFrom: terms.validFrom });
  if (orderAmount < terms.minSpend)
    return refuseCoupon('COUPON_MIN_SPEND', `the order's ${orderAmount} fen are below the minimum spend of ${terms.minSpend} fen`, ['data', 'orderAmount'], {
      minSpend: terms.minSpend,
    });
  return E.right([{ type: 'CouponRedeemed', data: { couponId, ownerId: terms.ownerId, orderId, value: terms.value, orderAmount, at } }]);
};

const release = (c: Cmd<'ReleaseCouponRedemption'>, s: Exclude<Coupon, { status: 'none' }>): Decision => {
  const { couponId, orderId, reason, at } = c.data;
  // nothing held: an earlier release (or none needed) already gave it back
  if (s.status !== 'redeemed') return E.right([]);
  if (s.orderId !== orderId)
    return refuseCoupon('COUPON_HELD_BY_OTHER_ORDER', `coupon ${couponId} is held by order ${s.orderId}`, ['data', 'orderId'], { orderId: s.orderId });
  return E.right([{ type: 'CouponRedemptionReleased', data: { couponId, ownerId: s.terms.ownerId, orderId, reason, at } }]);
};

const expire = (c: Cmd<'ExpireCoupon'>, s: Exclude<Coupon, { status: 'none' }>): Decision => {
  const { couponId, at } = c.data;
  // redeemed coupons never expire; an expired one expires once
  if (s.status !== 'issued') return E.right([]);
  if (at <= s.terms.validUntil)
    return refuseCoupon('COUPON_NOT_DUE', `coupon ${couponId} is valid until ${s.terms.validUntil}`, ['data', 'at'], { validUntil: s.terms.validUntil });
  return E.right([{ type: 'CouponExpired', data: { couponId, ownerId: s.terms.ownerId, at } }]);
};

const decide = (c: CouponCommand, s: Coupon): Decision => {
  if (c.type === 'IssueCoupon') return issue(c, s);
  if (s.status === 'none') return refuseCoupon('COUPON_NOT_FOUND', `coupon ${c.data.couponId} was never issued`, ['data', 'couponId']);
  switch (c.type) {
    case 'RedeemCoupon':
      return redeem(c, s);
    case 'ReleaseCouponRedemption':
      return release(c, s);
    case 'ExpireCoupon':
      return expire(c, s);
    default:
      return absurd(c);
  }
};

const evolve = (s: Coupon, e: CouponEvent): Coupon => {
  switch (e.type) {
    case 'CouponIssued':
      return { status: 'issued', terms: e.data };
    case 'CouponRedeemed':
      return s.status === 'none' ? s : { status: 'redeemed', terms: s.terms, orderId: e.data.orderId, redeemedAt: e.data.at };
    case 'CouponRedemptionReleased':
      return s.status === 'none' ? s : { status: 'issued', terms: s.terms };
    case 'CouponExpired':
      return s.status === 'none' ? s : { status: 'expired', terms: s.terms, expiredAt: e.data.at };
    default:
      return absurd(e);
  }
};

/**
 * One coupon: issued to its owner, redeemed once by them on an order that meets the
 * minimum spend between `validFrom` and `validUntil` (both inclusive), released if that
 * order is refused, expired by `runDue` once `validUntil` has passed.
 */
export const couponDecider: Decider<Coupon, CouponCommand, CouponEvent, CouponError> = {
  initialState: () => ({ status: 'none' }),
  decide,
  evolve,
};
