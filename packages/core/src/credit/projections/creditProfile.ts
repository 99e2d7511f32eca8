import type { Projection } from '../../kernel/projection.js';
import type { OrderEvent } from '../../orders/events.js';
import { levelOf, type CreditLevel } from '../levels.js';
import { defaultCreditPolicy, type CreditPolicy } from '../policy.js';
import { rateOf, type Rate } from '../rate.js';
import { scoreRatings, type PaidLineFact, type RatingFact } from '../score.js';

/** Whose credit: a seller's (from buyers' ratings) or a buyer's (from sellers' ratings). */
export type CreditSide = 'seller' | 'buyer';

/** The credit of one seller or buyer, with the facts needed to recompute it as of any instant. */
export interface CreditDocument {
  readonly tenantId: string;
  readonly side: CreditSide;
  /** The seller id (side `seller`) or the customer id (side `buyer`). */
  readonly partyId: string;
  readonly score: number;
  readonly level: CreditLevel;
  /** Ratings received, scored or not. */
  readonly good: number;
  readonly neutral: number;
  readonly bad: number;
  readonly goodRateAllTime: Rate | null;
  /** Scored points per rater (the pair's share of `score`). */
  readonly scoreByRater: Readonly<Record<string, number>>;
  /** Every paid line between this party and its raters (rated or not): the 14-day groups. */
  readonly lines: readonly PaidLineFact[];
  /** Every rating received, in the order recorded. */
  readonly ratings: readonly RatingFact[];
}

const empty = (side: CreditSide, policy: CreditPolicy): CreditDocument => ({
  tenantId: '',
  side,
  partyId: '',
  score: 0,
  level: levelOf(0, policy.levels),
  good: 0,
  neutral: 0,
  bad: 0,
  goodRateAllTime: null,
  scoreByRater: {},
  lines: [],
  ratings: [],
});

/** The side that rates the party whose credit this is. */
const raterSide = (side: CreditSide): 'buyer' | 'seller' => (side === 'seller' ? 'buyer' : 'seller');

/** Re-score one rater's pair only: groups and monthly caps never cross pairs. */
const rescore = (d: CreditDocument, raterId: string, policy: CreditPolicy): CreditDocument => {
  const mine = scoreRatings(
    d.lines.filter((l) => l.raterId === raterId),
    d.ratings.filter((r) => r.raterId === raterId),
    policy,
  );
  const scoreByRater = { ...d.scoreByRater, [raterId]: mine.score };
  const score = Object.values(scoreByRater).reduce((a, b) => a + b, 0);
  return { ...d, scoreByRater, score, level: levelOf(score, policy.levels) };
};

/**
 * `credit.seller` / `credit.buyer`: one document per seller (rated by buyers) or per
 * buyer (rated by sellers), from `OrderPaid` and `OrderLineRated`. Changing the credit
 * policy changes the scores: rebuild the projection after overriding it.
 */
export const makeCreditProjection = (side: CreditSide, policy: CreditPolicy = defaultCreditPolicy): Projection<CreditDocument, OrderEvent> => ({
  name: `credit.${side}`,
  version: 1,
  events: ['OrderPaid', 'OrderLineRated'],
  init: () => empty(side, policy),
  keyOf: (e) => {
    if (e.type !== 'OrderPaid' && e.type !== 'OrderLineRated') return undefined;
    if (e.type === 'OrderLineRated' && e.data.by !== raterSide(side)) return undefined;
    return side === 'seller' ? e.data.sellerId : e.data.customerId;
  },
  apply: (d, e) => {
    if (e.type !== 'OrderPaid' && e.type !== 'OrderLineRated') return d;
    const { customerId, sellerId, orderId } = e.data;
    const raterId = side === 'seller' ? customerId : sellerId;
    const ratedId = side === 'seller' ? sellerId : customerId;
    const base = { ...d, tenantId: e.metadata.tenantId, partyId: ratedId };
    if (e.type === 'OrderPaid') {
      const paid = e.data.lines.map((l): PaidLineFact => ({ raterId, ratedId, orderId, line: l.line, productId: l.productId, paidAt: e.data.at }));
      return rescore({ ...base, lines: [...d.lines, ...paid] }, raterId, policy);
    }
    const { line, productId, rating, at, placedAt, paidAt } = e.data;
    const fact: RatingFact = { raterId, ratedId, orderId, line, productId, paidAt, rating, at, placedAt };
    const ratings = [...d.ratings, fact];
    const counts = { good: d.good + (rating === 'good' ? 1 : 0), neutral: d.neutral + (rating === 'neutral' ? 1 : 0), bad: d.bad + (rating === 'bad' ? 1 : 0) };
    return rescore({ ...base, ...counts, ratings, goodRateAllTime: rateOf(counts.good, counts.good + counts.neutral + counts.bad) }, raterId, policy);
  },
});

/** `credit.seller` with the default policy: sellers' credit from buyers' ratings. */
export const sellerCredit = makeCreditProjection('seller');
/** `credit.buyer` with the default policy: buyers' credit from sellers' ratings. */
export const buyerCredit = makeCreditProjection('buyer');
