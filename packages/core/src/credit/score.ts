import { byPaid, byReceived, groupEnd, lineKey, monthOf, SEP, tripleKey } from './scoreKeys.js';

/**
 * Credit scoring (信用评价, DOMAIN §3 and §11), as a pure function of the paid order lines
 * and the ratings one side gave the other. It works for either direction: for seller
 * credit the rater is the buyer and the rated party the seller, for buyer credit the
 * other way round. Recompute it over the facts known at any instant for an as-of view.
 */

/** An order line once its order's payment is recorded. */
export interface PaidLineFact {
  readonly raterId: string;
  readonly ratedId: string;
  readonly orderId: string;
  /** 1-based position in its order. */
  readonly line: number;
  readonly productId: string;
  readonly paidAt: string;
}

/** One rating of one line, by the rater of the rated party. */
export interface RatingFact extends PaidLineFact {
  readonly rating: 'good' | 'neutral' | 'bad';
  /** When the rating was received. */
  readonly at: string;
  /** When the order was created: its local month is the month of the monthly cap. */
  readonly placedAt: string;
}

/** Why a rating scored what it did (for "explain"). */
export type ScoreReason = 'counted' | 'neutral' | 'groupGoodUsed' | 'groupBadUsed' | 'monthlyCap';

export interface ScoredRating extends RatingFact {
  readonly points: -1 | 0 | 1;
  readonly reason: ScoreReason;
  /** The 14-day group: `<orderId>#<line>` of the group's first line. */
  readonly group: string;
  /** Local `YYYY-MM` of the order's creation. */
  readonly month: string;
}

export interface ScoreRules {
  readonly timeZone: string;
  readonly sameProductDays: number;
  readonly monthlyCap: number;
}

export interface CreditScore {
  readonly score: number;
  readonly good: number;
  readonly neutral: number;
  readonly bad: number;
  /** Every rating in the order received, with its points. */
  readonly ratings: readonly ScoredRating[];
  /** Net of scored ratings per `rater|rated|month`; always within [−cap, +cap]. */
  readonly monthlyNet: Readonly<Record<string, number>>;
}

export { byReceived } from './scoreKeys.js';

/**
 * The 14-day groups: per rater, rated party and product, a group starts at the
 * earliest-paid line not yet in a group and holds every line paid at most
 * `days` × 24 h after it. Returns the group of each line (`<orderId>#<line>` of its first).
 */
export const sameProductGroups = (lines: Iterable<PaidLineFact>, days: number): Map<string, string> => {
  const byTriple = new Map<string, PaidLineFact[]>();
  for (const l of lines) {
    const k = tripleKey(l);
    const list = byTriple.get(k);
    if (list) list.push(l);
    else byTriple.set(k, [l]);
  }
  const groups = new Map<string, string>();
  for (const [triple, list] of byTriple) {
    list.sort(byPaid);
    let group = '';
    let until = '';
    for (const l of list) {
      if (group === '' || l.paidAt > until) {
        group = lineKey(l);
        until = groupEnd(l.paidAt, days);
      }
      groups.set(`${triple}${SEP}${lineKey(l)}`, group);
    }
  }
  return groups;
};

/**
 * Score ratings: +1 good, 0 neutral, −1 bad, in the order received; in a 14-day group
 * only the first good and the first bad score; per rater–rated pair and local month of
 * the order's creation the running net stays within [−cap, +cap] (a rating that would
 * leave it scores 0 and still uses up its group's good or bad).
 */
export const scoreRatings = (lines: readonly PaidLineFact[], ratings: readonly RatingFact[], rules: ScoreRules): CreditScore => score(lines, ratings, rules, true);

/** Only the score of {@link scoreRatings}: what a projection needs on every event, without the per-rating detail. */
export const scoreOf = (lines: readonly PaidLineFact[], ratings: readonly RatingFact[], rules: ScoreRules): number => score(lines, ratings, rules, false).score;

const score = (lines: readonly PaidLineFact[], ratings: readonly RatingFact[], rules: ScoreRules, detail: boolean): CreditScore => {
  // a rated line is paid by definition: keep it in the groups even if its payment fact is missing
  const known = new Map<string, PaidLineFact>();
  const know = (l: PaidLineFact): void => {
    const k = `${tripleKey(l)}${SEP}${lineKey(l)}`;
    if (!known.has(k)) known.set(k, { raterId: l.raterId, ratedId: l.ratedId, orderId: l.orderId, line: l.line, productId: l.productId, paidAt: l.paidAt });
  };
  for (const l of lines) know(l);
  for (const r of ratings) know(r);
  const groups = sameProductGroups(known.values(), rules.sameProductDays);
  const used = new Set<string>(); // `<group>|good` / `<group>|bad`
  const monthlyNet: Record<string, number> = {};
  const scored: ScoredRating[] = [];
  let score = 0;
  let good = 0;
  let neutral = 0;
  let bad = 0;
  for (const r of [...ratings].sort(byReceived)) {
    const group = groups.get(`${tripleKey(r)}${SEP}${lineKey(r)}`)!;
    const month = monthOf(r.placedAt, rules.timeZone);
    const pairMonth = `${r.raterId}${SEP}${r.ratedId}${SEP}${month}`;
    const groupKey = `${tripleKey(r)}${SEP}${group}`;
    let points: -1 | 0 | 1 = 0;
    let reason: ScoreReason;
    if (r.rating === 'neutral') {
      neutral++;
      reason = 'neutral';
    } else {
      if (r.rating === 'good') good++;
      else bad++;
      const step = r.rating === 'good' ? 1 : -1;
      const slot = `${groupKey}${SEP}${r.rating}`;
      const net = monthlyNet[pairMonth] ?? 0;
      if (used.has(slot)) reason = r.rating === 'good' ? 'groupGoodUsed' : 'groupBadUsed';
      else {
        used.add(slot); // used up even when the cap stops it from scoring
        if (Math.abs(net + step) > rules.monthlyCap) reason = 'monthlyCap';
        else {
          points = step;
          reason = 'counted';
          monthlyNet[pairMonth] = net + step;
          score += step;
        }
      }
    }
    if (detail) scored.push({ ...r, points, reason, group, month });
  }
  return { score, good, neutral, bad, ratings: scored, monthlyNet };
};
