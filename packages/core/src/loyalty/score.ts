import type { IsoInstant } from '../kernel/codecs.js';
import { localDateOf, localMonthOf } from '../calendar/localDate.js';
import { instantAtLocal } from '../calendar/zoned.js';
import type { ScoreComponents } from './events.js';
import type { LoyaltyPolicy } from './policy.js';
import { addLocalMonths } from './tiers.js';

/**
 * The member score (淘气值) as a pure function of a customer's facts (DOMAIN §4, §10, §11).
 */

/** A dated fact with an id (a share, an answer, a charge-back). */
export interface DatedFact {
  readonly id: string;
  readonly at: string;
}

/** Everything the score reads about one customer: the `loyalty.scoreFacts` document. */
export interface ScoreFacts {
  readonly customerId: string;
  /** Completed orders: completion time and every net paid since (the first at completion). */
  readonly orders: Readonly<Record<string, { readonly completedAt: string; readonly netPaid: readonly { readonly at: string; readonly netPaidFen: number }[] }>>;
  /** Lines the customer rated as a buyer with a non-empty text. */
  readonly reviews: readonly DatedFact[];
  readonly shares: readonly DatedFact[];
  readonly answers: readonly DatedFact[];
  /** Bad ratings the customer received as a buyer (from sellers). */
  readonly badRatings: readonly DatedFact[];
  readonly chargebacks: readonly DatedFact[];
  /** Family accounts bound and unbound, in the order recorded. */
  readonly family: readonly { readonly familyAccountId: string; readonly bound: boolean; readonly at: string }[];
  /** The month of the latest recorded monthly score. */
  readonly lastScoredMonth: string | null;
  /** The earliest business time among the facts. */
  readonly firstFactAt: string | null;
}

export const emptyScoreFacts = (customerId: string): ScoreFacts => ({
  customerId,
  orders: {},
  reviews: [],
  shares: [],
  answers: [],
  badRatings: [],
  chargebacks: [],
  family: [],
  lastScoredMonth: null,
  firstFactAt: null,
});

/** A score with its parts, as `RecordMonthlyScore` carries it. */
export interface MemberScore {
  readonly at: IsoInstant;
  /** Events after this instant (T − 12 calendar months) and at or before `at` count. */
  readonly windowFrom: IsoInstant;
  readonly score: number;
  readonly components: ScoreComponents;
  /** Net paid (fen) at T of the orders completed in the window. */
  readonly spend12m: number;
  readonly clean: boolean;
  /** Orders that counted (completed in the window, net paid at T > 0). */
  readonly countedOrders: number;
  readonly familyCounted: number;
}

/** T − 12 calendar months, same local wall-clock time. */
export const scoreWindowFrom = (at: string, timeZone: string): IsoInstant => addLocalMonths(at, -12, timeZone);

const add = (m: Map<string, number>, k: string, n: number): void => {
  m.set(k, (m.get(k) ?? 0) + n);
};

/** The order's net paid at T: the latest amount recorded at or before T. */
export const netPaidAt = (history: readonly { readonly at: string; readonly netPaidFen: number }[], at: string): number => {
  let net = 0;
  let when = '';
  for (const h of history) if (h.at <= at && h.at >= when) ((net = h.netPaidFen), (when = h.at));
  return net;
};

/**
 * The member score at `at` over the facts dated after `at` − 12 calendar months and at or
 * before `at`: shopping (per order min(100, ⌊net ÷ 1000⌋), each local day capped at 300;
 * +5 per order, each local month capped at 60) + rewards (2 per review with text, 1 per
 * share or answer, each local month capped at 100) + family (20, then 10 each, at most 3
 * counted, outside the cap) + base (400 clean, 200 otherwise). Numbers from the policy.
 */
export const memberScoreAt = (facts: ScoreFacts, at: IsoInstant, policy: Pick<LoyaltyPolicy, 'timeZone' | 'score'>): MemberScore => {
  const r = policy.score;
  const tz = policy.timeZone;
  const windowFrom = scoreWindowFrom(at, tz);
  const inWindow = (t: string) => t > windowFrom && t <= at;

  const spendByDay = new Map<string, number>();
  const ordersByMonth = new Map<string, number>();
  let spend12m = 0;
  let countedOrders = 0;
  for (const o of Object.values(facts.orders)) {
    if (!inWindow(o.completedAt)) continue;
    const net = netPaidAt(o.netPaid, at);
    if (net <= 0) continue;
    spend12m += net;
    countedOrders++;
    add(spendByDay, localDateOf(o.completedAt, tz), Math.min(r.orderSpendCap, Math.floor(net / r.fenPerSpendPoint)));
    add(ordersByMonth, localMonthOf(o.completedAt, tz), 1);
  }
  const spend = [...spendByDay.values()].reduce((s, n) => s + Math.min(r.daySpendCap, n), 0);
  const orderBonus = [...ordersByMonth.values()].reduce((s, n) => s + Math.min(r.monthOrderBonusCap, n * r.orderBonus), 0);

  const rewardsByMonth = new Map<string, number>();
  const reward = (list: readonly DatedFact[], points: number) => {
    for (const f of list) if (inWindow(f.at)) add(rewardsByMonth, localMonthOf(f.at, tz), points);
  };
  reward(facts.reviews, r.reviewPoints);
  reward(facts.shares, r.sharePoints);
  reward(facts.answers, r.answerPoints);
  const rewards = [...rewardsByMonth.values()].reduce((s, n) => s + Math.min(r.monthRewardsCap, n), 0);

  const bound = new Set<string>();
  const changes = facts.family.map((f, i) => ({ ...f, i })).filter((f) => f.at <= at);
  changes.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.i - b.i));
  for (const f of changes) if (f.bound) bound.add(f.familyAccountId);
  else bound.delete(f.familyAccountId);
  const familyCounted = Math.min(bound.size, r.familyMaxCounted);
  const family = familyCounted === 0 ? 0 : r.familyFirst + (familyCounted - 1) * r.familyNext;

  // any bad rating received as a buyer, or a charge-back, dated in the window: scored or not
  const clean = !facts.badRatings.some((f) => inWindow(f.at)) && !facts.chargebacks.some((f) => inWindow(f.at));
  const base = clean ? r.baseClean : r.baseUnclean;
  const components: ScoreComponents = { spend, orderBonus, rewards, family, base } as ScoreComponents;
  return { at, windowFrom, score: spend + orderBonus + rewards + family + base, components, spend12m, clean, countedOrders, familyCounted };
};

/** The latest score instant at or before `now`: 00:00 local on the policy's score day, with its month. */
export const scoreDayAt = (now: string, policy: Pick<LoyaltyPolicy, 'timeZone' | 'scoreDay'>): { month: string; at: IsoInstant } => {
  const month = localMonthOf(now, policy.timeZone);
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const thisMonth = instantAtLocal({ year: y, month: m, day: policy.scoreDay }, 0, policy.timeZone);
  if (Date.parse(now) >= thisMonth) return { month, at: new Date(thisMonth).toISOString() as IsoInstant };
  const prev = m === 1 ? { year: y - 1, month: 12 } : { year: y, month: m - 1 };
  const at = instantAtLocal({ ...prev, day: policy.scoreDay }, 0, policy.timeZone);
  return { month: `${String(prev.year).padStart(4, '0')}-${String(prev.month).padStart(2, '0')}`, at: new Date(at).toISOString() as IsoInstant };
};
