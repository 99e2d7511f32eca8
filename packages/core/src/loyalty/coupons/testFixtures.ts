import { make, Fen, IsoInstant } from '../../kernel/codecs.js';
import { CouponId, CustomerId, OrderId } from '../../shared/ids.js';
import { PositiveFen } from '../../orders/codecs.js';
import type { CouponCommand } from './commands.js';
import type { CouponEvent } from './events.js';

/** Shared values of the coupon tests. */
export const at = make(IsoInstant);
export const fen = make(Fen);
export const positive = make(PositiveFen);
export const ann = make(CustomerId)('c-ann');
export const bo = make(CustomerId)('c-bo');
export const cp = make(CouponId)('cp-1');
export const o1 = make(OrderId)('o-1');
export const o2 = make(OrderId)('o-2');

/** Valid through the last millisecond of June 2026 in Shanghai. */
export const VALID_UNTIL = at('2026-06-30T15:59:59.999Z');
export const VALID_FROM = at('2026-05-31T16:00:00.000Z');

export const issued: CouponEvent = {
  type: 'CouponIssued',
  data: { couponId: cp, ownerId: ann, value: positive(1000), minSpend: fen(5000), validFrom: VALID_FROM, validUntil: VALID_UNTIL, source: { kind: 'manual' } },
};

export const redeem = (orderAmount: number, when = '2026-06-01T02:00:00.000Z', customerId = ann, orderId = o1): CouponCommand => ({
  type: 'RedeemCoupon',
  data: { couponId: cp, customerId, orderId, orderAmount: fen(orderAmount), at: at(when) },
});

export const redeemed = (orderId = o1, when = '2026-06-01T02:00:00.000Z'): CouponEvent => ({
  type: 'CouponRedeemed',
  data: { couponId: cp, ownerId: ann, orderId, value: positive(1000), orderAmount: fen(6000), at: at(when) },
});
