import { levelOf, type CreditLevel } from './levels.js';
import { defaultCreditPolicy, type CreditPolicy } from './policy.js';
import { creditFacts, type CreditDocument, type CreditSide } from './projections/creditProfile.js';
import { goodRatingRate, type Rate } from './rate.js';
import { scoreRatings, type ScoredRating } from './score.js';

/** A seller's or buyer's credit as it stood at one instant. */
export interface CreditProfile {
  readonly side: CreditSide;
  readonly partyId: string;
  readonly asOf: string;
  readonly score: number;
  readonly level: CreditLevel;
  readonly good: number;
  readonly neutral: number;
  readonly bad: number;
  /** Good ÷ all ratings received in the last `recentDays` × 24 h up to asOf (inclusive). */
  readonly goodRateRecent: Rate | null;
  readonly recentDays: number;
  /** Good ÷ all ratings received up to asOf. */
  readonly goodRateAllTime: Rate | null;
  /** Every rating up to asOf with the points it scored and why (the "explain" of the score). */
  readonly ratings: readonly ScoredRating[];
}

/**
 * Re-derive a credit document's score, level, counts and good-rating rates from the facts
 * up to `asOf`: lines paid and ratings received at or before it.
 */
export const creditProfileAsOf = (doc: CreditDocument, asOf: string, policy: CreditPolicy = defaultCreditPolicy): CreditProfile => {
  const facts = creditFacts(doc);
  const lines = facts.lines.filter((l) => l.paidAt <= asOf);
  const ratings = facts.ratings.filter((r) => r.at <= asOf);
  const s = scoreRatings(lines, ratings, policy);
  return {
    side: doc.side,
    partyId: doc.partyId,
    asOf,
    score: s.score,
    level: levelOf(s.score, policy.levels),
    good: s.good,
    neutral: s.neutral,
    bad: s.bad,
    goodRateRecent: goodRatingRate(ratings, asOf, policy.goodRateDays),
    recentDays: policy.goodRateDays,
    goodRateAllTime: goodRatingRate(ratings, asOf),
    ratings: s.ratings,
  };
};
