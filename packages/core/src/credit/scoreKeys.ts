import { localMonthOf as localMonth } from '../calendar/localDate.js';
import { addDays } from '../orders/policy.js';
import type { PaidLineFact, RatingFact } from './score.js';

/** Keys, orders and memoised dates shared by credit scoring over all facts and per pair. */

export const SEP = '|';
export const lineKey = (f: Pick<PaidLineFact, 'orderId' | 'line'>): string => `${f.orderId}#${f.line}`;
export const tripleKey = (f: PaidLineFact): string => `${f.raterId}${SEP}${f.ratedId}${SEP}${f.productId}`;

/*
 * A projection re-scores a rater–rated pair on every new line or rating, over the same
 * lines and order dates again: remember the group ends and local months already worked out.
 */
const MEMO_LIMIT = 50_000;
const groupEnds = new Map<string, string>();
const localMonths = new Map<string, string>();
const memo = (cache: Map<string, string>, key: string, compute: () => string): string => {
  let v = cache.get(key);
  if (v === undefined) {
    if (cache.size >= MEMO_LIMIT) cache.clear();
    v = compute();
    cache.set(key, v);
  }
  return v;
};
export const groupEnd = (paidAt: string, days: number): string => memo(groupEnds, `${days}${SEP}${paidAt}`, () => addDays(paidAt, days));
export const monthOf = (at: string, timeZone: string): string => memo(localMonths, `${timeZone}${SEP}${at}`, () => localMonth(at, timeZone));

/** Ids compare as strings (code units), lines by position. */
export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
export const byPaid = (a: PaidLineFact, b: PaidLineFact): number => cmp(a.paidAt, b.paidAt) || cmp(a.orderId, b.orderId) || a.line - b.line;
/** Received order: occurredAt, then order id, then line (then the parties, for a total order). */
export const byReceived = (a: RatingFact, b: RatingFact): number =>
  cmp(a.at, b.at) || cmp(a.orderId, b.orderId) || a.line - b.line || cmp(a.raterId, b.raterId) || cmp(a.ratedId, b.ratedId);

