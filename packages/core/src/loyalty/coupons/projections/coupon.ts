import type { IsoInstant } from '../../../kernel/codecs.js';
import type { Projection } from '../../../kernel/projection.js';
import { CouponEvent, type CouponSource } from '../events.js';

export type CouponStatus = 'issued' | 'redeemed' | 'expired';

/** One coupon as the shop reads it (`loyalty.coupon`, keyed by coupon id). */
export interface CouponDoc {
  readonly tenantId: string;
  readonly couponId: string;
  readonly ownerId: string;
  readonly value: number;
  readonly minSpend: number;
  readonly validFrom: IsoInstant;
  readonly validUntil: IsoInstant;
  readonly source: CouponSource;
  readonly status: CouponStatus;
  /** The order holding it while redeemed. */
  readonly orderId: string | null;
  readonly redeemedAt: IsoInstant | null;
  readonly expiredAt: IsoInstant | null;
  /** Redemptions given back because their order was refused. */
  readonly released: number;
}

/** `loyalty.coupon`: every coupon with its status; `runDue` finds the ones to expire here. */
export const couponDetail: Projection<CouponDoc | null, CouponEvent> = {
  name: 'loyalty.coupon',
  version: 1,
  events: CouponEvent,
  init: () => null,
  keyOf: (e) => e.data.couponId,
  apply: (doc, e) => {
    if (e.type === 'CouponIssued') {
      const { couponId, ownerId, value, minSpend, validFrom, validUntil, source } = e.data;
      return { tenantId: e.metadata.tenantId, couponId, ownerId, value, minSpend, validFrom, validUntil, source, status: 'issued', orderId: null, redeemedAt: null, expiredAt: null, released: 0 };
    }
    if (doc === null) return null; // a coupon's first event is its issue
    switch (e.type) {
      case 'CouponRedeemed':
        return { ...doc, status: 'redeemed', orderId: e.data.orderId, redeemedAt: e.data.at };
      case 'CouponRedemptionReleased':
        return { ...doc, status: 'issued', orderId: null, redeemedAt: null, released: doc.released + 1 };
      case 'CouponExpired':
        return { ...doc, status: 'expired', expiredAt: e.data.at };
    }
  },
};
