import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { specFor } from '../../testing/deciderSpecification.js';
import { couponDecider } from './decider.js';
import { ann, at, bo, cp, fen, issued, o1, o2, positive, redeem, redeemed, VALID_FROM, VALID_UNTIL } from './testFixtures.js';
import type { CouponCommand } from './commands.js';

const given = specFor(couponDecider);
const issue = (over: Partial<Record<string, unknown>> = {}): CouponCommand =>
  ({ type: 'IssueCoupon', data: { couponId: cp, ownerId: ann, value: positive(1000), minSpend: fen(5000), validFrom: VALID_FROM, validUntil: VALID_UNTIL, ...over } }) as CouponCommand;
const release = (orderId = o1): CouponCommand => ({ type: 'ReleaseCouponRedemption', data: { couponId: cp, orderId, reason: 'order refused' as never, at: at('2026-06-01T02:00:00.001Z') } });
const expire = (when: string): CouponCommand => ({ type: 'ExpireCoupon', data: { couponId: cp, at: at(when) } });

describe('issuing a coupon', () => {
  it('records the terms, manual when no source is named', () => given([]).when(issue()).then([issued]));
  it('keeps a named source', () =>
    given([]).when(issue({ source: { kind: 'monthlyTier', month: '2026-06', tier: 'super' } })).then([
      { ...issued, data: { ...issued.data, source: { kind: 'monthlyTier', month: '2026-06', tier: 'super' } } } as never,
    ]));
  it('refuses a second issue of the same id', () => given([issued]).when(issue()).thenRejects('COUPON_EXISTS', ['data', 'couponId']));
  it('refuses a validity that ends before it starts', () =>
    given([]).when(issue({ validUntil: at('2026-05-31T15:59:59.999Z') })).thenRejects('COUPON_VALIDITY', ['data', 'validUntil']));
  it('accepts a one-instant validity', () => given([]).when(issue({ validUntil: VALID_FROM })).then([{ ...issued, data: { ...issued.data, validUntil: VALID_FROM } } as never]));
});

describe('redeeming a coupon', () => {
  it('redeems for the owner on an order meeting the minimum', () => given([issued]).when(redeem(6000)).then([redeemed()]));
  it('redeems exactly at validUntil', () =>
    given([issued]).when(redeem(6000, VALID_UNTIL)).then([redeemed(o1, VALID_UNTIL)]));
  it('refuses 1 ms after validUntil, naming data.at and the validity', () => {
    given([issued]).when(redeem(6000, '2026-06-30T16:00:00.000Z')).thenRejects('COUPON_EXPIRED', ['data', 'at']);
    const r = couponDecider.decide(redeem(6000, '2026-06-30T16:00:00.000Z'), couponDecider.evolve(couponDecider.initialState(), issued));
    expect(r).toMatchObject({ left: { details: { validUntil: VALID_UNTIL } } });
  });
  it('redeems exactly at validFrom, refuses 1 ms before', () => {
    given([issued]).when(redeem(6000, VALID_FROM)).then([redeemed(o1, VALID_FROM)]);
    given([issued]).when(redeem(6000, '2026-05-31T15:59:59.999Z')).thenRejects('COUPON_NOT_YET_VALID', ['data', 'at']);
  });
  it('accepts exactly the minimum spend, refuses 1 fen below', () => {
    given([issued]).when(redeem(5000)).then([{ ...redeemed(), data: { ...redeemed().data, orderAmount: fen(5000) } } as never]);
    given([issued]).when(redeem(4999)).thenRejects('COUPON_MIN_SPEND', ['data', 'orderAmount']);
  });
  it('refuses another customer', () => given([issued]).when(redeem(6000, undefined, bo)).thenRejects('COUPON_NOT_OWNER', ['data', 'customerId']));
  it('refuses a second redemption, naming the order holding it', () => {
    given([issued, redeemed()]).when(redeem(6000, undefined, ann, o2)).thenRejects('COUPON_ALREADY_REDEEMED', ['data', 'couponId']);
    const s = [issued, redeemed()].reduce(couponDecider.evolve, couponDecider.initialState());
    expect(couponDecider.decide(redeem(6000, undefined, ann, o2), s)).toMatchObject({ left: { details: { orderId: o1 } } });
  });
  it('refuses a coupon recorded as expired, even for a time inside its validity', () =>
    given([issued, { type: 'CouponExpired', data: { couponId: cp, ownerId: ann, at: at('2026-06-30T16:00:00.000Z') } }])
      .when(redeem(6000))
      .thenRejects('COUPON_EXPIRED', ['data', 'at']));
  it('refuses an unknown coupon', () => given([]).when(redeem(6000)).thenRejects('COUPON_NOT_FOUND', ['data', 'couponId']));
  it('redeems again after the redemption was released', () =>
    given([issued, redeemed(), { type: 'CouponRedemptionReleased', data: { couponId: cp, ownerId: ann, orderId: o1, reason: 'x' as never, at: at('2026-06-01T02:00:00.001Z') } }])
      .when(redeem(6000, undefined, ann, o2))
      .then([redeemed(o2)]));
});

describe('releasing a redemption', () => {
  it('gives the coupon back to the owner', () =>
    given([issued, redeemed()]).when(release()).then([
      { type: 'CouponRedemptionReleased', data: { couponId: cp, ownerId: ann, orderId: o1, reason: 'order refused' as never, at: at('2026-06-01T02:00:00.001Z') } },
    ]));
  it('does nothing when nothing is held', () => {
    given([issued]).when(release()).thenNothing();
    given([issued, redeemed(), { type: 'CouponRedemptionReleased', data: { couponId: cp, ownerId: ann, orderId: o1, reason: 'x' as never, at: at('2026-06-01T02:00:00.001Z') } }])
      .when(release())
      .thenNothing();
  });
  it('refuses to release another order’s redemption', () => given([issued, redeemed(o2)]).when(release(o1)).thenRejects('COUPON_HELD_BY_OTHER_ORDER', ['data', 'orderId']));
});

describe('expiring a coupon', () => {
  it('expires after validUntil', () =>
    given([issued]).when(expire('2026-06-30T16:00:00.000Z')).then([{ type: 'CouponExpired', data: { couponId: cp, ownerId: ann, at: at('2026-06-30T16:00:00.000Z') } }]));
  it('refuses an expiry at validUntil', () => given([issued]).when(expire(VALID_UNTIL)).thenRejects('COUPON_NOT_DUE', ['data', 'at']));
  it('does nothing for a redeemed or an expired coupon', () => {
    given([issued, redeemed()]).when(expire('2026-07-30T16:00:00.000Z')).thenNothing();
    given([issued, { type: 'CouponExpired', data: { couponId: cp, ownerId: ann, at: at('2026-06-30T16:00:00.000Z') } }]).when(expire('2026-07-30T16:00:00.000Z')).thenNothing();
  });
  it('refuses an unknown coupon', () => expect(E.isLeft(couponDecider.decide(expire('2026-07-01T00:00:00.000Z'), couponDecider.initialState()))).toBe(true));
});
