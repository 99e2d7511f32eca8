import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { churnReport, type ChurnStatus } from './churn.js';
import { coreCustomersReport } from './coreCustomers.js';
import { customerDoc } from './fixtures.js';
import { defaultAnalyticsPolicy as policy } from './policy.js';
import { rfmReport } from './rfm.js';

const asOf = '2026-06-30T12:00:00.000Z';
const orderArb = fc.record({
  completedDaysAgo: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }),
  paid: fc.integer({ min: 0, max: 100_000 }),
  refund: fc.option(fc.integer({ min: 0, max: 120_000 }), { nil: null }),
});
const docsArb = fc
  .array(fc.array(orderArb, { minLength: 1, maxLength: 5 }), { minLength: 0, maxLength: 25 })
  .map((customers) =>
    customers.map((orders, i) =>
      customerDoc(
        `c-${String(i).padStart(2, '0')}`,
        asOf,
        orders.map((o) => ({ ...o, refunds: o.refund === null || o.completedDaysAgo === null ? [] : [{ daysAgo: Math.max(0, o.completedDaysAgo - 1), amount: o.refund }] })),
      ),
    ),
  );

describe('analytics properties', () => {
  it('RFM: every customer of the population is in exactly one segment and the 8 counts add up, for both methods; M is never negative', () =>
    fc.assert(
      fc.property(docsArb, fc.constantFrom('mean' as const, 'quantile' as const), (docs, method) => {
        const r = rfmReport(docs, { asOf, method, by: 'recordedAt' }, policy);
        expect(r.segments).toHaveLength(8);
        expect(r.segments.reduce((s, x) => s + x.count, 0)).toBe(r.population);
        expect(new Set(r.customers.map((c) => c.customerId)).size).toBe(r.population);
        for (const c of r.customers) {
          expect(c.monetary).toBeGreaterThanOrEqual(0);
          expect(c.frequency).toBeGreaterThanOrEqual(1);
          if (c.scores) for (const s of Object.values(c.scores)) expect(s).toBeGreaterThanOrEqual(1), expect(s).toBeLessThanOrEqual(5);
        }
      }),
    ));

  it('core customers reach 80% and are the fewest that do: without the last one the spend falls below 80%', () =>
    fc.assert(
      fc.property(docsArb, (docs) => {
        const r = coreCustomersReport(docs, { asOf, by: 'recordedAt' }, policy);
        if (r.totalNet === 0) {
          expect(r.customers).toEqual([]);
          return;
        }
        const spend = r.customers.map((c) => c.netSpend);
        expect(spend.every((s) => s > 0)).toBe(true);
        expect([...spend].sort((a, b) => b - a)).toEqual(spend);
        expect(100 * r.coreNet).toBeGreaterThanOrEqual(80 * r.totalNet);
        expect(100 * (r.coreNet - spend[spend.length - 1]!)).toBeLessThan(80 * r.totalNet);
        // and no other choice of fewer customers could reach it: the top k-1 spenders fall short
        const all = rfmReportSpends(docs);
        const topFewer = all.slice(0, r.customers.length - 1).reduce((s, x) => s + x, 0);
        expect(100 * topFewer).toBeLessThan(80 * r.totalNet);
      }),
    ));

  it('churn only gets worse as time passes after the last order', () =>
    fc.assert(
      fc.property(docsArb, fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 400 }), (docs, later, more) => {
        const rank: Record<ChurnStatus, number> = { active: 0, atRisk: 1, churned: 2 };
        const at = (days: number) => new Date(Date.parse(asOf) + days * 86_400_000).toISOString();
        const first = churnReport(docs, { asOf: at(later), by: 'recordedAt' }, policy);
        const second = churnReport(docs, { asOf: at(later + more), by: 'recordedAt' }, policy);
        expect(second.customers.map((c) => c.customerId)).toEqual(first.customers.map((c) => c.customerId));
        first.customers.forEach((c, i) => expect(rank[second.customers[i]!.status]).toBeGreaterThanOrEqual(rank[c.status]));
      }),
    ));
});

/** Every spender's window spend, largest first: the plain recomputation the minimality check compares with. */
const rfmReportSpends = (docs: Parameters<typeof rfmReport>[0]): number[] =>
  rfmReport(docs, { asOf, method: 'mean', by: 'recordedAt' }, policy)
    .customers.map((c) => c.monetary)
    .filter((m) => m > 0)
    .sort((a, b) => b - a);
