import type { IsoInstant } from '../kernel/codecs.js';
import { localMonthOf } from '../calendar/localDate.js';
import { instantAtLocal } from '../calendar/zoned.js';

/**
 * Points lots (积分): the arithmetic of earning, expiry and oldest-first use. Pure.
 */

/** ⌊⌊net paid fen ÷ 100⌋ × multiplier⌋ with the multiplier in integer hundredths: no floats. */
export const pointsFor = (netPaidFen: number, multiplierHundredths: number): number =>
  Math.floor((Math.floor(netPaidFen / 100) * multiplierHundredths) / 100);

/** The first instant (00:00 local) of the month `months` after local month `month` (`YYYY-MM`). */
export const monthStartAfter = (month: string, months: number, timeZone: string): IsoInstant => {
  const index = Number(month.slice(0, 4)) * 12 + (Number(month.slice(5, 7)) - 1) + months;
  const ms = instantAtLocal({ year: Math.floor(index / 12), month: (index % 12) + 1, day: 1 }, 0, timeZone);
  return new Date(ms).toISOString() as IsoInstant;
};

/** When a lot earned at `earnedAt` stops being usable. */
export interface LotExpiry {
  /** The last instant the lot can be used (the end of month M + life, local). */
  readonly usableUntil: IsoInstant;
  /** 00:00 local on the first day of month M + life + 1: gone for any event at or after it. */
  readonly expiresAt: IsoInstant;
}

/** A lot earned in local month M is usable through the end of month M + `lifeMonths` (default 12). */
export const lotExpiry = (earnedAt: string, timeZone: string, lifeMonths = 12): LotExpiry => {
  const expiresAt = monthStartAfter(localMonthOf(earnedAt, timeZone), lifeMonths + 1, timeZone);
  return { usableUntil: new Date(Date.parse(expiresAt) - 1).toISOString() as IsoInstant, expiresAt };
};

/** One order's points as the ledger holds them. */
export interface Lot {
  readonly orderId: string;
  readonly earnedAt: IsoInstant;
  readonly expiresAt: IsoInstant;
  /** Points still in the lot. */
  readonly remaining: number;
}

/** A lot is live at `at` while it holds points and `at` is before its expiry. */
export const isLive = (lot: Lot, at: string): boolean => lot.remaining > 0 && at < lot.expiresAt;

/** Oldest earned first, ties by order id (code-unit order). */
export const byAge = (a: Lot, b: Lot): number =>
  a.earnedAt < b.earnedAt ? -1 : a.earnedAt > b.earnedAt ? 1 : a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0;

/** Points taken from one lot. */
export interface Take {
  readonly orderId: string;
  readonly points: number;
}

/**
 * Take `points` from the lots live at `at`: from `first`'s lot before any other when given
 * (a reversal starts with the order's own lot), then oldest earned first. What the live
 * lots cannot cover is `short`.
 */
export const takeFromLots = (lots: readonly Lot[], points: number, at: string, first?: string): { taken: Take[]; short: number } => {
  const live = lots.filter((l) => isLive(l, at)).sort(byAge);
  const ordered = first === undefined ? live : [...live.filter((l) => l.orderId === first), ...live.filter((l) => l.orderId !== first)];
  const taken: Take[] = [];
  let left = points;
  for (const lot of ordered) {
    if (left === 0) break;
    const n = Math.min(left, lot.remaining);
    taken.push({ orderId: lot.orderId, points: n });
    left -= n;
  }
  return { taken, short: left };
};

/** Σ remaining of the lots live at `at`. */
export const balanceAt = (lots: readonly Lot[], at: string): number => lots.reduce((s, l) => (isLive(l, at) ? s + l.remaining : s), 0);
