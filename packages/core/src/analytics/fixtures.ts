import type { CustomerFactsDoc, OrderFacts } from './projections/customerFacts.js';

const DAY = 86_400_000;

/** The instant `days` × 24 h before (negative: after) `asOf`. */
export const daysBefore = (asOf: string, days: number): string => new Date(Date.parse(asOf) - days * DAY).toISOString();

export interface OrderSpec {
  /** Completed this many days before `asOf` (null: not completed). */
  readonly completedDaysAgo: number | null;
  readonly paid: number;
  readonly refunds?: readonly { readonly daysAgo: number; readonly amount: number; readonly recordedDaysAgo?: number }[];
}

/** A customer's facts document, each order placed and paid an hour before its completion, recorded when it happened. */
export const customerDoc = (customerId: string, asOf: string, orders: readonly OrderSpec[], complaintsDaysAgo: readonly number[] = []): CustomerFactsDoc => {
  const at = (daysAgo: number) => ({ at: daysBefore(asOf, daysAgo), rec: daysBefore(asOf, daysAgo) });
  const entries = orders.map((o, i): [string, OrderFacts] => {
    const done = o.completedDaysAgo ?? 0;
    const placed = at(done + 1 / 12);
    return [
      `${customerId}-o${i + 1}`,
      {
        placed,
        paid: { ...at(done + 1 / 24), amount: o.paid },
        completed: o.completedDaysAgo === null ? null : at(o.completedDaysAgo),
        cancelled: null,
        refunds: (o.refunds ?? []).map((r) => ({ at: daysBefore(asOf, r.daysAgo), rec: daysBefore(asOf, r.recordedDaysAgo ?? r.daysAgo), amount: r.amount })),
      },
    ];
  });
  return {
    customerId,
    orders: Object.fromEntries(entries),
    complaints: complaintsDaysAgo.map((d, i) => ({ ...at(d), complaintId: `${customerId}-cp${i + 1}` })),
  };
};

/** `count` completed orders, the latest `lastDaysAgo` days before asOf and each earlier one 10 days before the next, splitting `total` fen. */
export const ordersOf = (count: number, lastDaysAgo: number, total: number): OrderSpec[] =>
  Array.from({ length: count }, (_, i) => ({ completedDaysAgo: lastDaysAgo + 10 * (count - 1 - i), paid: total / count }));
