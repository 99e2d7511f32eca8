import type { PaidLineFact, RatingFact, ScoreRules } from './score.js';
import { byPaid, byReceived, groupEnd, lineKey, monthOf, SEP } from './scoreKeys.js';

/**
 * The credit score of one rater–rated pair, kept up to date fact by fact. A credit
 * projection re-scores a pair on every paid order and every rating; scoring all of the
 * pair's facts again each time grows with the pair's history. What scoring worked out
 * (each line's 14-day group, the slots used, the month nets, the last rating) is
 * remembered per facts object, so a new line paid after the pair's others and a rating
 * received after its others are scored alone. Anything else (a fact out of order, a facts
 * object not scored here before, other rules) is scored from scratch. The result is always
 * `scoreOf(lines, ratings, rules)` (`pairScore.property.test.ts`).
 */

interface Progress {
  readonly rules: ScoreRules;
  score: number;
  /** `<productId>|<orderId>#<line>` → the line's group (the `<orderId>#<line>` of its first line) and the paidAt it was grouped by. */
  readonly groups: Map<string, { readonly group: string; readonly paidAt: string }>;
  /** productId → the product's last line in paid order, with its group and the group's end. */
  readonly last: Map<string, { readonly line: PaidLineFact; readonly group: string; readonly until: string }>;
  /** `<productId>|<group>|good` / `…|bad`: a group's good or bad already used. */
  readonly used: Set<string>;
  /** Local month of the order's creation → net of the ratings scored in it. */
  readonly monthlyNet: Map<string, number>;
  lastRating: RatingFact | undefined;
}

/** Keyed by the facts object a score was worked out for: a few thousand live pairs at most. */
const progressOf = new WeakMap<object, Progress>();

const addLine = (p: Progress, l: PaidLineFact): boolean => {
  const key = `${l.productId}${SEP}${lineKey(l)}`;
  const seen = p.groups.get(key);
  // known already: the same fact again changes nothing; a payment fact that disagrees with
  // the rating that brought the line in wins, as it does when all is scored from scratch
  if (seen !== undefined) return seen.paidAt === l.paidAt;
  const last = p.last.get(l.productId);
  if (last && byPaid(l, last.line) <= 0) return false; // paid before a line already grouped
  const joins = last !== undefined && l.paidAt <= last.until;
  const group = joins ? last.group : lineKey(l);
  const until = joins ? last.until : groupEnd(l.paidAt, p.rules.sameProductDays);
  p.groups.set(key, { group, paidAt: l.paidAt });
  p.last.set(l.productId, { line: l, group, until });
  return true;
};

const addRating = (p: Progress, r: RatingFact): boolean => {
  const group = p.groups.get(`${r.productId}${SEP}${lineKey(r)}`)?.group;
  if (group === undefined) return false; // a rating of a line with no payment fact yet
  if (p.lastRating && byReceived(r, p.lastRating) <= 0) return false; // received before the last
  p.lastRating = r;
  if (r.rating === 'neutral') return true;
  const step = r.rating === 'good' ? 1 : -1;
  const slot = `${r.productId}${SEP}${group}${SEP}${r.rating}`;
  if (p.used.has(slot)) return true;
  p.used.add(slot); // used up even when the cap stops it from scoring
  const month = monthOf(r.placedAt, p.rules.timeZone);
  const net = p.monthlyNet.get(month) ?? 0;
  if (Math.abs(net + step) > p.rules.monthlyCap) return true;
  p.monthlyNet.set(month, net + step);
  p.score += step;
  return true;
};

/** Score a pair's facts from scratch: lines (then rated lines) grouped in paid order, ratings scored in received order. */
const fromScratch = (lines: readonly PaidLineFact[], ratings: readonly RatingFact[], rules: ScoreRules): Progress => {
  const p: Progress = { rules, score: 0, groups: new Map(), last: new Map(), used: new Set(), monthlyNet: new Map(), lastRating: undefined };
  // a rated line is paid by definition: it joins the groups even without its payment fact
  const known = new Map<string, PaidLineFact>();
  for (const l of [...lines, ...ratings]) {
    const key = `${l.productId}${SEP}${lineKey(l)}`;
    if (!known.has(key)) known.set(key, l);
  }
  for (const l of [...known.values()].sort(byPaid)) addLine(p, l);
  const received = [...ratings].sort(byReceived);
  for (const r of received) {
    // ties in received order are scored in the order given, as scoreRatings does
    p.lastRating = undefined;
    addRating(p, r);
  }
  p.lastRating = received[received.length - 1];
  return p;
};

/**
 * The score of the pair whose facts are now `lines` and `ratings` (kept as `next`), given
 * that they were the facts of `previous` plus `added`. All facts belong to one rater and
 * one rated party.
 */
export const pairScore = (
  previous: object | undefined,
  added: { readonly lines?: readonly PaidLineFact[]; readonly rating?: RatingFact },
  next: { readonly lines: readonly PaidLineFact[]; readonly ratings: readonly RatingFact[] },
  rules: ScoreRules,
): number => {
  const known = previous === undefined ? undefined : progressOf.get(previous);
  let p: Progress | undefined;
  if (known !== undefined && known.rules === rules) {
    // the previous facts object keeps nothing: its progress moves on to the next one
    progressOf.delete(previous!);
    const ok = (added.lines ?? []).every((l) => addLine(known, l)) && (added.rating === undefined || addRating(known, added.rating));
    if (ok) p = known;
  }
  p ??= fromScratch(next.lines, next.ratings, rules);
  progressOf.set(next, p);
  return p.score;
};
