import { describe, expect, it } from 'vitest';
import { defaultAnalyticsPolicy as policy } from './policy.js';
import { rfmReport } from './rfm.js';
import { customerDoc, daysBefore, ordersOf } from './fixtures.js';

const asOf = '2026-06-30T12:00:00.000Z'; // 20:00 on 30 June in Shanghai

// High values: R 5 days, F 5 orders, M ¥500.00; low: R 300 days, F 1 order, M ¥1.00
const H = { r: 5, f: 5, m: 50_000 };
const L = { r: 300, f: 1, m: 100 };
const cell = (code: string) => {
  const [r, f, m] = [...code].map((c, i) => (c === 'H' ? H : L)[(['r', 'f', 'm'] as const)[i]!]);
  return customerDoc(`c-${code.toLowerCase()}`, asOf, ordersOf(f!, r!, m!));
};
const CELLS = ['HHH', 'HLH', 'LHH', 'LLH', 'HHL', 'HLL', 'LHL', 'LLL'];
// 12 more customers as low as can be, so that quintiles have room: 4 of 20 high on each of R, F, M
const fillers = Array.from({ length: 12 }, (_, i) => customerDoc(`f-${String(i).padStart(2, '0')}`, asOf, ordersOf(L.f, L.r, L.m)));
const population = [...CELLS.map(cell), ...fillers];

const expected = {
  HHH: ['importantValue', '重要价值客户', 'important-value'],
  HLH: ['importantDevelop', '重要发展客户', 'important-develop'],
  LHH: ['importantRetain', '重要保持客户', 'important-retain'],
  LLH: ['importantWinBack', '重要挽留客户', 'important-win-back'],
  HHL: ['generalValue', '一般价值客户', 'general-value'],
  HLL: ['generalDevelop', '一般发展客户', 'general-develop'],
  LHL: ['generalRetain', '一般保持客户', 'general-retain'],
  LLL: ['generalWinBack', '一般挽留客户', 'general-win-back'],
} as const;

describe('RFM (DOMAIN §6, §11)', () => {
  for (const method of ['mean', 'quantile'] as const) {
    it(`puts a known member in each of the 8 cells, with Chinese and English labels (${method})`, () => {
      const report = rfmReport(population, { asOf, method, by: 'recordedAt' }, policy);
      expect(report.population).toBe(20);
      for (const code of CELLS) {
        const c = report.customers.find((x) => x.customerId === `c-${code.toLowerCase()}`)!;
        expect(`${c.r}${c.f}${c.m}`).toBe(code);
        expect(c.segment).toBe(expected[code as keyof typeof expected][0]);
      }
      expect(report.segments.map((s) => [s.segment, s.zh, s.en])).toEqual(Object.values(expected).map((x) => [...x]));
      expect(report.segments.map((s) => s.count)).toEqual([1, 1, 1, 1, 1, 1, 1, 13]);
    });
  }

  it('R is high when RECENT: 5 days since the last order is H, 300 days is L (the direction trap)', () => {
    for (const method of ['mean', 'quantile'] as const) {
      const report = rfmReport(population, { asOf, method, by: 'recordedAt' }, policy);
      const recent = report.customers.find((c) => c.customerId === 'c-hll')!;
      const old = report.customers.find((c) => c.customerId === 'c-lhh')!;
      expect([recent.recencyDays, recent.r]).toEqual([5, 'H']);
      expect([old.recencyDays, old.r]).toEqual([300, 'L']);
      if (method === 'quantile') expect([recent.scores!.r, old.scores!.r]).toEqual([5, 1]);
    }
  });

  it('mean method: high when R ≤ mean, F ≥ mean, M ≥ mean, compared exactly (means as fractions)', () => {
    const report = rfmReport(population, { asOf, method: 'mean', by: 'recordedAt' }, policy);
    // R: 4 × 5 + 16 × 300 = 4820 over 20; F: 4 × 5 + 16 = 36; M: 4 × 50000 + 16 × 100 = 201600
    expect(report.means).toEqual({ r: { numerator: 4820, denominator: 20 }, f: { numerator: 36, denominator: 20 }, m: { numerator: 201_600, denominator: 20 } });
    // exactly at the mean counts as high on every axis
    const atMean = rfmReport(
      [customerDoc('a', asOf, ordersOf(2, 10, 1000)), customerDoc('b', asOf, ordersOf(2, 10, 1000))],
      { asOf, method: 'mean', by: 'recordedAt' },
      policy,
    );
    expect(atMean.customers.map((c) => c.segment)).toEqual(['importantValue', 'importantValue']);
  });

  it('quantile method: score = 1 + ⌊5 × strictly worse ÷ N⌋, high from 4; ties are not worse', () => {
    // the 8 "high R" customers of a smaller population: 4 at 5 days, 4 at 300 days
    const eight = CELLS.map(cell);
    const mean = rfmReport(eight, { asOf, method: 'mean', by: 'recordedAt' }, policy);
    const quintiles = rfmReport(eight, { asOf, method: 'quantile', by: 'recordedAt' }, policy);
    const recent = (r: typeof mean) => r.customers.find((c) => c.customerId === 'c-hhh')!;
    expect(recent(mean).r).toBe('H');
    // 4 of 8 strictly worse: 1 + ⌊20 ÷ 8⌋ = 3, low
    expect(recent(quintiles).scores).toEqual({ r: 3, f: 3, m: 3 });
    expect(recent(quintiles).segment).toBe('generalWinBack');
  });

  it('counts completed orders of the last 365 × 24 h at their net paid; a fully refunded one still counts in R and F', () => {
    const windowEdge = daysBefore(asOf, 365);
    const docs = [
      customerDoc('edge', asOf, [{ completedDaysAgo: 365, paid: 1000 }]),
      customerDoc('outside', asOf, [{ completedDaysAgo: 365 + 1 / 86_400_000, paid: 1000 }]),
      customerDoc('refunded', asOf, [{ completedDaysAgo: 3, paid: 1000, refunds: [{ daysAgo: 2, amount: 1000 }] }, { completedDaysAgo: 1, paid: 2000, refunds: [{ daysAgo: 0.5, amount: 500 }] }]),
      customerDoc('open', asOf, [{ completedDaysAgo: null, paid: 9000 }]),
    ];
    const report = rfmReport(docs, { asOf, method: 'mean', by: 'recordedAt' }, policy);
    expect(report.windowStart).toBe(windowEdge);
    expect(report.customers.map((c) => [c.customerId, c.recencyDays, c.frequency, c.monetary])).toEqual([
      ['edge', 365, 1, 1000],
      ['refunded', 1, 2, 1500],
    ]);
  });

  it('as of T: a refund recorded after T is not known at T, but counts by business time', () => {
    const docs = [customerDoc('c', asOf, [{ completedDaysAgo: 10, paid: 1000, refunds: [{ daysAgo: 5, amount: 400, recordedDaysAgo: -3 }] }])];
    expect(rfmReport(docs, { asOf, method: 'mean', by: 'recordedAt' }, policy).customers[0]!.monetary).toBe(1000);
    expect(rfmReport(docs, { asOf, method: 'mean', by: 'occurredAt' }, policy).customers[0]!.monetary).toBe(600);
  });

  it('counts days since as calendar dates in the shop zone, not 24 h spans', () => {
    // completed 23:30 Shanghai on 29 June; as of 00:30 on 30 June: one hour later, one calendar day
    const doc = customerDoc('c', '2026-06-29T15:30:00.000Z', [{ completedDaysAgo: 0, paid: 100 }]);
    const report = rfmReport([doc], { asOf: '2026-06-29T16:30:00.000Z', method: 'mean', by: 'recordedAt' }, policy);
    expect(report.customers[0]!.recencyDays).toBe(1);
    expect(rfmReport([doc], { asOf: '2026-06-29T16:30:00.000Z', method: 'mean', by: 'recordedAt' }, { ...policy, timeZone: 'UTC' as typeof policy.timeZone }).customers[0]!.recencyDays).toBe(0);
  });
});
