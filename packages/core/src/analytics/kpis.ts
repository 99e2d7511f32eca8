import { localDateOf } from '../calendar/localDate.js';
import { rateOf, type Rate } from '../shared/rate.js';
import { knownAt, type AsOfBasis } from './asOf.js';
import type { AnalyticsPolicy } from './policy.js';
import type { CustomerFactsDoc, Dated } from './projections/customerFacts.js';

/** An average as an exact fraction with its value rounded half-up to a whole fen. */
export interface Average {
  readonly numerator: number;
  readonly denominator: number;
  readonly value: number;
}

const averageOf = (numerator: number, denominator: number): Average | null =>
  denominator === 0 ? null : { numerator, denominator, value: Math.floor((2 * numerator + denominator) / (2 * denominator)) };

export type KpiPeriod = 'day' | 'month';

/** A shop's numbers for one local day or month (DOMAIN §6). Money in fen. */
export interface ShopKpiRow {
  /** `YYYY-MM-DD` or `YYYY-MM`, in the policy's zone. */
  readonly period: string;
  /** Orders placed in the period. */
  readonly orders: number;
  /** Payments in the period. */
  readonly paidOrders: number;
  /** Of the orders placed in the period, the share paid (支付转化率). */
  readonly paidConversion: Rate | null;
  /** Σ paid in the period (after coupons). */
  readonly revenue: number;
  /** Distinct customers who paid in the period. */
  readonly buyers: number;
  /** revenue ÷ paid orders. */
  readonly averageOrderValue: Average | null;
  /** 客单价 as Taobao reads it: revenue ÷ buyers. */
  readonly revenuePerBuyer: Average | null;
  /** 复购率: buyers who paid for 2 or more orders in the period ÷ buyers. */
  readonly repurchaseRate: Rate | null;
  /** Orders with money paid back in the period (refund, or cancellation after payment). */
  readonly refundedOrders: number;
  readonly refundedAmount: number;
  /** refundedOrders ÷ paidOrders. */
  readonly refundRate: Rate | null;
  /** Complaints filed in the period. */
  readonly complaints: number;
  /** complaints ÷ paidOrders. */
  readonly complaintRate: Rate | null;
}

interface Bucket {
  orders: number;
  placedPaid: number;
  paidOrders: number;
  revenue: number;
  payments: Map<string, number>;
  refunded: Set<string>;
  refundedAmount: number;
  complaints: number;
}

const newBucket = (): Bucket => ({ orders: 0, placedPaid: 0, paidOrders: 0, revenue: 0, payments: new Map(), refunded: new Set(), refundedAmount: 0, complaints: 0 });

const DAY_MS = 86_400_000;

/** Every period from `from` to `to` (local dates, inclusive). */
export const periodsBetween = (from: string, to: string, by: KpiPeriod): string[] => {
  const out: string[] = [];
  if (by === 'month') {
    let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
    const last = to.slice(0, 7);
    for (;;) {
      const p = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
      if (p > last) break;
      out.push(p);
      m === 12 ? ((y += 1), (m = 1)) : (m += 1);
    }
    return out;
  }
  for (let t = Date.parse(`${from.slice(0, 10)}T00:00:00Z`), end = Date.parse(`${to.slice(0, 10)}T00:00:00Z`); t <= end; t += DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
};

/**
 * Shop KPIs per local day or month between two local dates (DOMAIN §6). Each fact counts
 * in the period of its business time; with `asOf`, only facts known then count.
 */
export const shopKpis = (
  docs: Iterable<CustomerFactsDoc>,
  options: { from: string; to: string; by: KpiPeriod; asOf?: string; basis?: AsOfBasis },
  policy: AnalyticsPolicy,
): ShopKpiRow[] => {
  const periods = periodsBetween(options.from, options.to, options.by);
  const buckets = new Map(periods.map((p) => [p, newBucket()]));
  const known = options.asOf === undefined ? (f: Dated | null): f is Dated => f !== null : knownAt(options.asOf, options.basis);
  const periodOf = (at: string) => {
    const date = localDateOf(at, policy.timeZone);
    return options.by === 'month' ? date.slice(0, 7) : date;
  };
  const bucketOf = (f: Dated) => buckets.get(periodOf(f.at));
  for (const doc of docs) {
    for (const [orderId, o] of Object.entries(doc.orders)) {
      const placed = known(o.placed) ? bucketOf(o.placed) : undefined;
      if (placed) {
        placed.orders++;
        if (known(o.paid)) placed.placedPaid++;
      }
      if (known(o.paid)) {
        const b = bucketOf(o.paid);
        if (b) {
          b.paidOrders++;
          b.revenue += o.paid.amount;
          b.payments.set(doc.customerId, (b.payments.get(doc.customerId) ?? 0) + 1);
        }
      }
      for (const r of o.refunds) {
        const b = known(r) ? bucketOf(r) : undefined;
        if (!b) continue;
        b.refunded.add(orderId);
        b.refundedAmount += r.amount;
      }
    }
    for (const c of doc.complaints) {
      const b = known(c) ? bucketOf(c) : undefined;
      if (b) b.complaints++;
    }
  }
  return periods.map((period) => {
    const b = buckets.get(period)!;
    const buyers = b.payments.size;
    const repeat = [...b.payments.values()].filter((n) => n >= 2).length;
    return {
      period,
      orders: b.orders,
      paidOrders: b.paidOrders,
      paidConversion: rateOf(b.placedPaid, b.orders),
      revenue: b.revenue,
      buyers,
      averageOrderValue: averageOf(b.revenue, b.paidOrders),
      revenuePerBuyer: averageOf(b.revenue, buyers),
      repurchaseRate: rateOf(repeat, buyers),
      refundedOrders: b.refunded.size,
      refundedAmount: b.refundedAmount,
      refundRate: rateOf(b.refunded.size, b.paidOrders),
      complaints: b.complaints,
      complaintRate: rateOf(b.complaints, b.paidOrders),
    };
  });
};
