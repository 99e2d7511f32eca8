import { isReached, type CallOutcome } from './values.js';

/** A call as the conversion rule sees it. */
export interface CallFact {
  readonly listId: string;
  readonly callId: string;
  readonly agentId: string;
  readonly outcome: CallOutcome;
  readonly at: string;
}

/** A paid order of the called customer (from the orders context's `OrderPaid`). */
export interface PaymentFact {
  readonly orderId: string;
  readonly at: string;
}

/** Calls of one agent on one list: made, reached, interested, converted. */
export interface CallCounts {
  readonly attempts: number;
  readonly reached: number;
  readonly interested: number;
  readonly converted: number;
}

export const NO_CALLS: CallCounts = { attempts: 0, reached: 0, interested: 0, converted: 0 };

const DAY_MS = 86_400_000;

/** Whether `paidAt` lies within `days` × 24 h after `calledAt`, both ends inclusive. */
export const withinConversionWindow = (calledAt: string, paidAt: string, days: number): boolean => {
  const gap = Date.parse(paidAt) - Date.parse(calledAt);
  return gap >= 0 && gap <= days * DAY_MS;
};

const later = (a: CallFact, b: CallFact): boolean => a.at > b.at || (a.at === b.at && a.callId > b.callId);

/**
 * Which calls of one list a customer's paid orders convert (DOMAIN §12, §11): a paid order
 * converts the latest call that reached the customer (ties: the greater call id) at or
 * before its payment and at most `days` × 24 h before it. Each order converts at most one
 * call of the list, and a call counts once however many orders follow it.
 * Returns callId → the first converting order id (payment time, then order id).
 */
export const conversionsOf = (calls: readonly CallFact[], payments: readonly PaymentFact[], days: number): Record<string, string> => {
  const reached = calls.filter((c) => isReached(c.outcome));
  const out: Record<string, string> = {};
  const ordered = [...payments].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0));
  for (const p of ordered) {
    let best: CallFact | undefined;
    for (const c of reached) if (withinConversionWindow(c.at, p.at, days) && (!best || later(c, best))) best = c;
    if (best && out[best.callId] === undefined) out[best.callId] = p.orderId;
  }
  return out;
};

/** One list's counts for one customer's calls (all by the same agent, their assigned one). */
export const countCalls = (calls: readonly CallFact[], conversions: Readonly<Record<string, string>>): CallCounts => ({
  attempts: calls.length,
  reached: calls.filter((c) => isReached(c.outcome)).length,
  interested: calls.filter((c) => c.outcome === 'interested').length,
  converted: calls.filter((c) => conversions[c.callId] !== undefined).length,
});

/** Sum of counts. */
export const addCounts = (a: CallCounts, b: CallCounts): CallCounts => ({
  attempts: a.attempts + b.attempts,
  reached: a.reached + b.reached,
  interested: a.interested + b.interested,
  converted: a.converted + b.converted,
});

/** What one customer's calls on one list came to: their agent, the counts, and which order converted which call. */
export interface CustomerListCalls extends CallCounts {
  readonly listId: string;
  readonly agentId: string;
  /** callId → the paid order that converted it. */
  readonly conversions: Readonly<Record<string, string>>;
}

/** One customer's calls on a list, counted with a conversion window of `days` × 24 h. */
export const customerListCalls = (
  facts: { readonly lists: Readonly<Record<string, { readonly agentId: string }>>; readonly calls: readonly CallFact[]; readonly payments: readonly PaymentFact[] },
  listId: string,
  days: number,
): CustomerListCalls | undefined => {
  const place = facts.lists[listId];
  if (!place) return undefined;
  const calls = facts.calls.filter((c) => c.listId === listId);
  const conversions = conversionsOf(calls, facts.payments, days);
  return { listId, agentId: place.agentId, ...countCalls(calls, conversions), conversions };
};
