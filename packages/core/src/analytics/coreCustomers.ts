import { rateOf, type Rate } from '../shared/rate.js';
import type { AsOfBasis } from './asOf.js';
import type { AnalyticsPolicy } from './policy.js';
import type { CustomerFactsDoc } from './projections/customerFacts.js';
import { rfmRows } from './rfm.js';

export interface CoreCustomersReport {
  readonly asOf: string;
  /** Net spend of every customer over the window, fen. */
  readonly totalNet: number;
  /** Net spend of the core customers. */
  readonly coreNet: number;
  /** coreNet ÷ totalNet (null when nothing was spent). */
  readonly share: Rate | null;
  /** Customers with spend in the window (the core customers are a prefix of this count). */
  readonly spenders: number;
  /** Most spend first, ties by id. */
  readonly customers: readonly { readonly customerId: string; readonly netSpend: number }[];
}

/**
 * Core customers (DOMAIN §6, §11): over the RFM window, sorted by net spend descending
 * then id, the shortest prefix whose spend is ≥ 80% of the total; zero spenders never.
 */
export const coreCustomersReport = (docs: Iterable<CustomerFactsDoc>, options: { asOf: string; by: AsOfBasis }, policy: AnalyticsPolicy): CoreCustomersReport => {
  const spenders = rfmRows(docs, options.asOf, options.by, policy)
    .filter((r) => r.monetary > 0)
    .map((r) => ({ customerId: r.customerId, netSpend: r.monetary }))
    .sort((a, b) => b.netSpend - a.netSpend || (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
  const total = spenders.reduce((s, c) => s + BigInt(c.netSpend), 0n);
  const customers: { customerId: string; netSpend: number }[] = [];
  let core = 0n;
  // spend ≥ p% of total  ⇔  100 × spend ≥ p × total, in integers
  for (const c of spenders) {
    if (total === 0n || 100n * core >= BigInt(policy.coreRevenuePercent) * total) break;
    customers.push(c);
    core += BigInt(c.netSpend);
  }
  return {
    asOf: options.asOf,
    totalNet: Number(total),
    coreNet: Number(core),
    share: rateOf(Number(core), Number(total)),
    spenders: spenders.length,
    customers,
  };
};
