import { describe, expect, it } from 'vitest';
import { churnReport } from './churn.js';
import { customerDoc } from './fixtures.js';
import { defaultAnalyticsPolicy as policy } from './policy.js';

const asOf = '2026-06-30T12:00:00.000Z';
/** A customer whose completed orders were `gaps` days apart, the last `since` days before asOf. */
const withGaps = (id: string, since: number, gaps: readonly number[]) => {
  let day = since;
  const days = [since];
  for (const g of [...gaps].reverse()) days.unshift((day += g));
  return customerDoc(id, asOf, days.map((d) => ({ completedDaysAgo: d, paid: 100 })));
};
const statusOf = (doc: ReturnType<typeof withGaps>) => churnReport([doc], { asOf, by: 'recordedAt' }, policy).customers[0]!;

describe('churn (DOMAIN §6, §11)', () => {
  it('with 2 orders 10 days apart: active up to 15 days (1.5 ×), at risk from 16 up to 30 (3 ×), churned from 31', () => {
    expect(statusOf(withGaps('a', 15, [10])).status).toBe('active');
    expect(statusOf(withGaps('a', 16, [10])).status).toBe('atRisk');
    expect(statusOf(withGaps('a', 30, [10])).status).toBe('atRisk');
    expect(statusOf(withGaps('a', 31, [10])).status).toBe('churned');
    expect(statusOf(withGaps('a', 31, [10])).meanGap).toEqual({ numerator: 10, denominator: 1 });
  });

  it('the mean gap is an exact fraction: gaps 10 and 5 make 7.5, so 11 days is active and 12 at risk, 22 at risk and 23 churned', () => {
    const line = (since: number) => statusOf(withGaps('b', since, [10, 5]));
    expect(line(11)).toMatchObject({ orders: 3, meanGap: { numerator: 15, denominator: 2 }, status: 'active' });
    expect(line(12).status).toBe('atRisk');
    expect(line(22).status).toBe('atRisk');
    expect(line(23).status).toBe('churned');
  });

  it('with one order: at risk after 90 days, churned after 180', () => {
    expect(statusOf(withGaps('c', 90, [])).status).toBe('active');
    expect(statusOf(withGaps('c', 91, [])).status).toBe('atRisk');
    expect(statusOf(withGaps('c', 180, [])).status).toBe('atRisk');
    expect(statusOf(withGaps('c', 181, [])).status).toBe('churned');
    expect(statusOf(withGaps('c', 181, [])).meanGap).toBeNull();
  });

  it('uses every completed order, older than the RFM window too; counts by status; customers without one are left out', () => {
    const docs = [withGaps('old', 700, [400]), withGaps('new', 1, [1]), customerDoc('none', asOf, [{ completedDaysAgo: null, paid: 100 }])];
    const report = churnReport(docs, { asOf, by: 'recordedAt' }, policy);
    expect(report.customers.map((c) => [c.customerId, c.orders, c.status])).toEqual([
      ['new', 2, 'active'],
      ['old', 2, 'atRisk'],
    ]);
    expect(report.counts).toEqual({ active: 1, atRisk: 1, churned: 0 });
  });
});
