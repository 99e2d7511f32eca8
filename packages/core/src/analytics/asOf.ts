import { localDateOf } from '../calendar/localDate.js';
import type { CustomerFactsDoc, Dated, OrderFacts } from './projections/customerFacts.js';

/**
 * What "as of T" counts (DOMAIN §11): by default a fact that had happened and had been
 * recorded by T (what the shop knew then); with `'occurredAt'`, every fact that had
 * happened by T, late-recorded ones included (business time).
 */
export type AsOfBasis = 'recordedAt' | 'occurredAt';

export type Known = (f: Dated | null) => f is Dated;

export const knownAt = (asOf: string, by: AsOfBasis = 'recordedAt'): Known =>
  ((f: Dated | null) => f !== null && f.at <= asOf && (by === 'occurredAt' || f.rec <= asOf)) as Known;

/** Net paid of an order as known: paid − refunds, never below 0 (0 when the payment is not known). */
export const netPaidOf = (o: OrderFacts, known: Known): number => {
  if (!known(o.paid)) return 0;
  let net = o.paid.amount;
  for (const r of o.refunds) if (known(r)) net -= r.amount;
  return Math.max(0, net);
};

/** A customer's completed orders as known at T: completion time and net paid, oldest first (ties by id). */
export interface CompletedOrder {
  readonly orderId: string;
  readonly completedAt: string;
  readonly netPaid: number;
}

export const completedOrdersOf = (doc: CustomerFactsDoc, known: Known): CompletedOrder[] => {
  const out: CompletedOrder[] = [];
  for (const [orderId, o] of Object.entries(doc.orders))
    if (known(o.completed)) out.push({ orderId, completedAt: o.completed.at, netPaid: netPaidOf(o, known) });
  return out.sort((a, b) => (a.completedAt < b.completedAt ? -1 : a.completedAt > b.completedAt ? 1 : a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0));
};

const DAY_MS = 86_400_000;

/** Whole calendar days from local date `a` to local date `b` (YYYY-MM-DD). */
export const daysBetweenDates = (a: string, b: string): number => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);

/** "Days since" (DOMAIN §11): the difference of the calendar dates of two instants in the zone. */
export const calendarDaysSince = (from: string, to: string, timeZone: string): number => daysBetweenDates(localDateOf(from, timeZone), localDateOf(to, timeZone));

/** The first instant of an N-day window ending at `asOf` (N × 24 h, both ends inclusive). */
export const windowStart = (asOf: string, days: number): string => new Date(Date.parse(asOf) - days * DAY_MS).toISOString();
