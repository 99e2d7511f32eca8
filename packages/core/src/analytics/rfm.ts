import { calendarDaysSince, completedOrdersOf, knownAt, windowStart, type AsOfBasis } from './asOf.js';
import type { AnalyticsPolicy } from './policy.js';
import type { CustomerFactsDoc } from './projections/customerFacts.js';
import { RFM_SEGMENT_ORDER, RFM_SEGMENTS, segmentOf, type Level, type RfmSegment } from './segments.js';

/** An exact fraction. */
export interface Fraction {
  readonly numerator: number;
  readonly denominator: number;
}

export type RfmMethod = 'mean' | 'quantile';

export interface RfmCustomer {
  readonly customerId: string;
  /** Calendar days from the last completed order in the window to `asOf`. */
  readonly recencyDays: number;
  /** Completed orders in the window. */
  readonly frequency: number;
  /** Their net paid, fen. */
  readonly monetary: number;
  /** Quintile scores 1–5 (with the quantile method), else null. */
  readonly scores: { readonly r: number; readonly f: number; readonly m: number } | null;
  readonly r: Level;
  readonly f: Level;
  readonly m: Level;
  readonly segment: RfmSegment;
}

export interface RfmReport {
  readonly asOf: string;
  readonly method: RfmMethod;
  readonly windowStart: string;
  /** Customers with at least one completed order in the window. */
  readonly population: number;
  /** Population means as exact fractions (null for an empty population). */
  readonly means: { readonly r: Fraction; readonly f: Fraction; readonly m: Fraction } | null;
  /** By customer id. */
  readonly customers: readonly RfmCustomer[];
  /** All 8 segments in DOMAIN §6's order, with their labels and sizes. */
  readonly segments: readonly { readonly segment: RfmSegment; readonly code: string; readonly zh: string; readonly en: string; readonly count: number }[];
}

interface Row {
  readonly customerId: string;
  readonly recencyDays: number;
  readonly frequency: number;
  readonly monetary: number;
}

/** R, F and M of every customer with a completed order in the window (DOMAIN §6, §11). */
export const rfmRows = (docs: Iterable<CustomerFactsDoc>, asOf: string, by: AsOfBasis, policy: AnalyticsPolicy): Row[] => {
  const known = knownAt(asOf, by);
  const from = windowStart(asOf, policy.windowDays);
  const rows: Row[] = [];
  for (const doc of docs) {
    const inWindow = completedOrdersOf(doc, known).filter((o) => o.completedAt >= from);
    if (inWindow.length === 0) continue;
    const last = inWindow[inWindow.length - 1]!;
    rows.push({
      customerId: doc.customerId,
      recencyDays: calendarDaysSince(last.completedAt, asOf, policy.timeZone),
      frequency: inWindow.length,
      monetary: inWindow.reduce((s, o) => s + o.netPaid, 0),
    });
  }
  return rows.sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
};

const big = BigInt;

/** Quintile score = 1 + ⌊5 × (number strictly worse) ÷ N⌋. */
const quintile = (worse: number, n: number): number => 1 + Math.floor((5 * worse) / n);

/** How many values are strictly below each value (sorted once, binary search). */
const countBelow = (values: readonly number[]): ((v: number) => number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return (v) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
};

/**
 * RFM as of `asOf` (DOMAIN §6, §11 "Segments"). Mean method: R is high when at most the
 * mean (recent is good), F and M when at least the mean, compared exactly (Σ × N, no
 * floats). Quantile method: a quintile score of 4 or 5 is high; for R, "worse" means more
 * days since the last order.
 */
export const rfmReport = (docs: Iterable<CustomerFactsDoc>, options: { asOf: string; method: RfmMethod; by: AsOfBasis }, policy: AnalyticsPolicy): RfmReport => {
  const { asOf, method, by } = options;
  const rows = rfmRows(docs, asOf, by, policy);
  const n = rows.length;
  const sum = (k: keyof Omit<Row, 'customerId'>) => rows.reduce((s, r) => s + big(r[k]), 0n);
  const sums = { r: sum('recencyDays'), f: sum('frequency'), m: sum('monetary') };
  const N = big(n);
  let customers: RfmCustomer[];
  if (method === 'mean') {
    customers = rows.map((row) => {
      const r: Level = big(row.recencyDays) * N <= sums.r ? 'H' : 'L';
      const f: Level = big(row.frequency) * N >= sums.f ? 'H' : 'L';
      const m: Level = big(row.monetary) * N >= sums.m ? 'H' : 'L';
      return { ...row, scores: null, r, f, m, segment: segmentOf(r, f, m) };
    });
  } else {
    const rBelow = countBelow(rows.map((x) => -x.recencyDays)); // more days is worse: negate
    const fBelow = countBelow(rows.map((x) => x.frequency));
    const mBelow = countBelow(rows.map((x) => x.monetary));
    customers = rows.map((row) => {
      const scores = { r: quintile(rBelow(-row.recencyDays), n), f: quintile(fBelow(row.frequency), n), m: quintile(mBelow(row.monetary), n) };
      const level = (s: number): Level => (s >= 4 ? 'H' : 'L');
      const [r, f, m] = [level(scores.r), level(scores.f), level(scores.m)];
      return { ...row, scores, r, f, m, segment: segmentOf(r, f, m) };
    });
  }
  const counts = new Map<RfmSegment, number>();
  for (const c of customers) counts.set(c.segment, (counts.get(c.segment) ?? 0) + 1);
  const fraction = (s: bigint): Fraction => ({ numerator: Number(s), denominator: n });
  return {
    asOf,
    method,
    windowStart: windowStart(asOf, policy.windowDays),
    population: n,
    means: n === 0 ? null : { r: fraction(sums.r), f: fraction(sums.f), m: fraction(sums.m) },
    customers,
    segments: RFM_SEGMENT_ORDER.map((code) => ({ ...RFM_SEGMENTS[code], code, count: counts.get(RFM_SEGMENTS[code].segment) ?? 0 })),
  };
};
