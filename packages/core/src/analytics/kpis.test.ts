import { describe, expect, it } from 'vitest';
import { shopKpis } from './kpis.js';
import { defaultAnalyticsPolicy as policy } from './policy.js';
import type { CustomerFactsDoc, OrderFacts } from './projections/customerFacts.js';

// Shanghai is UTC+8: 2026-05-01T16:00Z is already 2 May there
const on = (iso: string) => ({ at: iso, rec: iso });
const order = (placed: string, paid: [string, number] | null, refunds: [string, number][] = []): OrderFacts => ({
  placed: on(placed),
  paid: paid && { ...on(paid[0]), amount: paid[1] },
  completed: null,
  cancelled: null,
  refunds: refunds.map(([at, amount]) => ({ ...on(at), amount })),
});
const docs: CustomerFactsDoc[] = [
  {
    customerId: 'c-1',
    orders: {
      a: order('2026-05-01T02:00:00.000Z', ['2026-05-01T03:00:00.000Z', 10_000], [['2026-05-03T02:00:00.000Z', 2_000]]),
      b: order('2026-05-01T05:00:00.000Z', ['2026-05-01T06:00:00.000Z', 5_000]),
    },
    complaints: [{ ...on('2026-05-01T07:00:00.000Z'), complaintId: 'cp-1' }],
  },
  {
    customerId: 'c-2',
    orders: {
      c: order('2026-05-01T08:00:00.000Z', null), // placed, never paid
      d: order('2026-05-01T15:59:59.999Z', ['2026-05-01T16:00:00.000Z', 3_001]), // placed 1 May 23:59, paid 2 May 00:00 local
    },
    complaints: [],
  },
];

describe('shop KPIs per day and month (DOMAIN §6)', () => {
  it('per local day: orders, paid conversion, revenue, average order value, 客单价, 复购率, refund and complaint rates', () => {
    const [may1, may2, may3] = shopKpis(docs, { from: '2026-05-01', to: '2026-05-03', by: 'day' }, policy);
    expect(may1).toEqual({
      period: '2026-05-01',
      orders: 4, // a, b, c, d (d at 23:59:59.999 local)
      paidOrders: 2, // a, b
      paidConversion: { numerator: 3, denominator: 4, percent: 75 }, // a, b, d paid (d the next day)
      revenue: 15_000,
      buyers: 1,
      averageOrderValue: { numerator: 15_000, denominator: 2, value: 7_500 },
      revenuePerBuyer: { numerator: 15_000, denominator: 1, value: 15_000 },
      repurchaseRate: { numerator: 1, denominator: 1, percent: 100 },
      refundedOrders: 0,
      refundedAmount: 0,
      refundRate: { numerator: 0, denominator: 2, percent: 0 },
      complaints: 1,
      complaintRate: { numerator: 1, denominator: 2, percent: 50 },
    });
    expect(may2).toMatchObject({ period: '2026-05-02', orders: 0, paidOrders: 1, paidConversion: null, revenue: 3_001, buyers: 1, repurchaseRate: { numerator: 0, denominator: 1, percent: 0 } });
    expect(may3).toMatchObject({ period: '2026-05-03', paidOrders: 0, refundedOrders: 1, refundedAmount: 2_000, refundRate: null, complaintRate: null, averageOrderValue: null });
  });

  it('per month, with averages rounded half up beside the exact fraction', () => {
    const [may] = shopKpis(docs, { from: '2026-05-01', to: '2026-05-31', by: 'month' }, policy);
    expect(may).toMatchObject({
      period: '2026-05',
      orders: 4,
      paidOrders: 3,
      revenue: 18_001,
      buyers: 2,
      averageOrderValue: { numerator: 18_001, denominator: 3, value: 6_000 }, // 6000.33
      revenuePerBuyer: { numerator: 18_001, denominator: 2, value: 9_001 }, // 9000.5 half up
      repurchaseRate: { numerator: 1, denominator: 2, percent: 50 },
      refundRate: { numerator: 1, denominator: 3, percent: 33.33 },
      complaintRate: { numerator: 1, denominator: 3, percent: 33.33 },
    });
  });

  it('as of an instant, facts not yet known are left out', () => {
    const [may] = shopKpis(docs, { from: '2026-05-01', to: '2026-05-31', by: 'month', asOf: '2026-05-02T00:00:00.000Z' }, policy);
    expect(may).toMatchObject({ orders: 4, paidOrders: 3, refundedOrders: 0 });
  });
});
