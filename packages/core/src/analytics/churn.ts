import { localDateOf } from '../calendar/localDate.js';
import { completedOrdersOf, daysBetweenDates, knownAt, type AsOfBasis } from './asOf.js';
import type { AnalyticsPolicy } from './policy.js';
import type { CustomerFactsDoc } from './projections/customerFacts.js';
import type { Fraction } from './rfm.js';

export type ChurnStatus = 'active' | 'atRisk' | 'churned';

export interface ChurnLine {
  readonly customerId: string;
  /** Completed orders up to `asOf` (all time). */
  readonly orders: number;
  readonly daysSinceLast: number;
  /** Mean gap between consecutive completed orders in calendar days, exact; null with one order. */
  readonly meanGap: Fraction | null;
  readonly status: ChurnStatus;
}

export interface ChurnReport {
  readonly asOf: string;
  readonly customers: readonly ChurnLine[];
  readonly counts: Readonly<Record<ChurnStatus, number>>;
}

/**
 * Churn status as of `asOf` (DOMAIN §6, §11). With n ≥ 2 completed orders the mean gap is
 * (last date − first date) ÷ (n − 1) calendar days (the gaps add up to that span); at risk
 * when days since the last order > 1.5 × the mean gap, churned when > 3 ×, compared in
 * integers. With one order: > 90 days at risk, > 180 churned.
 */
export const churnLineOf = (doc: CustomerFactsDoc, asOf: string, by: AsOfBasis, policy: AnalyticsPolicy): ChurnLine | undefined => {
  const orders = completedOrdersOf(doc, knownAt(asOf, by));
  if (orders.length === 0) return undefined;
  const dates = orders.map((o) => localDateOf(o.completedAt, policy.timeZone));
  const today = localDateOf(asOf, policy.timeZone);
  const daysSinceLast = daysBetweenDates(dates[dates.length - 1]!, today);
  if (orders.length === 1) {
    const status: ChurnStatus =
      daysSinceLast > policy.singleOrderChurnedDays ? 'churned' : daysSinceLast > policy.singleOrderAtRiskDays ? 'atRisk' : 'active';
    return { customerId: doc.customerId, orders: 1, daysSinceLast, meanGap: null, status };
  }
  const span = daysBetweenDates(dates[0]!, dates[dates.length - 1]!);
  const gaps = orders.length - 1;
  // d > k/10 × span/gaps  ⇔  10 × d × gaps > k × span
  const beyond = (tenths: number) => 10 * daysSinceLast * gaps > tenths * span;
  const status: ChurnStatus = beyond(policy.churnedGapTenths) ? 'churned' : beyond(policy.atRiskGapTenths) ? 'atRisk' : 'active';
  return { customerId: doc.customerId, orders: orders.length, daysSinceLast, meanGap: { numerator: span, denominator: gaps }, status };
};

export const churnReport = (docs: Iterable<CustomerFactsDoc>, options: { asOf: string; by: AsOfBasis }, policy: AnalyticsPolicy): ChurnReport => {
  const customers: ChurnLine[] = [];
  for (const doc of docs) {
    const line = churnLineOf(doc, options.asOf, options.by, policy);
    if (line) customers.push(line);
  }
  customers.sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
  const counts = { active: 0, atRisk: 0, churned: 0 };
  for (const c of customers) counts[c.status]++;
  return { asOf: options.asOf, customers, counts };
};
