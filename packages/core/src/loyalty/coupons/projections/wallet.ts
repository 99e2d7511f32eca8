import type { IsoInstant } from '../../../kernel/codecs.js';
import type { Projection } from '../../../kernel/projection.js';
import { CouponEvent } from '../events.js';
import type { CouponStatus } from './coupon.js';

/** A coupon in its owner's wallet. */
export interface WalletCoupon {
  readonly couponId: string;
  readonly value: number;
  readonly minSpend: number;
  readonly validFrom: IsoInstant;
  readonly validUntil: IsoInstant;
  readonly status: CouponStatus;
  readonly orderId: string | null;
}

/** A customer's coupons (`loyalty.couponWallet`, keyed by customer id). */
export interface CouponWallet {
  readonly tenantId: string;
  readonly customerId: string;
  /** Every coupon the customer was issued, by coupon id. */
  readonly coupons: Readonly<Record<string, WalletCoupon>>;
  /** Coupons not redeemed and not recorded as expired, and their value in fen. */
  readonly open: number;
  readonly openValue: number;
  readonly redeemed: number;
  readonly expired: number;
}

const totals = (w: Omit<CouponWallet, 'open' | 'openValue' | 'redeemed' | 'expired'>): CouponWallet => {
  const all = Object.values(w.coupons);
  const open = all.filter((c) => c.status === 'issued');
  return {
    ...w,
    open: open.length,
    openValue: open.reduce((s, c) => s + c.value, 0),
    redeemed: all.filter((c) => c.status === 'redeemed').length,
    expired: all.filter((c) => c.status === 'expired').length,
  };
};

/** `loyalty.couponWallet`: what each customer holds, for the customer 360 and the loyalty account. */
export const couponWallet: Projection<CouponWallet, CouponEvent> = {
  name: 'loyalty.couponWallet',
  version: 1,
  events: CouponEvent,
  init: () => ({ tenantId: '', customerId: '', coupons: {}, open: 0, openValue: 0, redeemed: 0, expired: 0 }),
  keyOf: (e) => e.data.ownerId,
  apply: (w, e) => {
    const base = { tenantId: e.metadata.tenantId, customerId: e.data.ownerId, coupons: w.coupons };
    if (e.type === 'CouponIssued') {
      const { couponId, value, minSpend, validFrom, validUntil } = e.data;
      return totals({ ...base, coupons: { ...w.coupons, [couponId]: { couponId, value, minSpend, validFrom, validUntil, status: 'issued', orderId: null } } });
    }
    const c = w.coupons[e.data.couponId];
    if (!c) return w;
    const next: WalletCoupon =
      e.type === 'CouponRedeemed'
        ? { ...c, status: 'redeemed', orderId: e.data.orderId }
        : e.type === 'CouponRedemptionReleased'
          ? { ...c, status: 'issued', orderId: null }
          : { ...c, status: 'expired' };
    return totals({ ...base, coupons: { ...w.coupons, [c.couponId]: next } });
  },
};
