import type { Projection } from '../../kernel/projection.js';
import { CreditEvent } from '../events.js';
import { levelOf, type CreditLevel } from '../levels.js';
import { defaultCreditPolicy, type CreditPolicy } from '../policy.js';
import { rateOf, type Rate } from '../rate.js';
import { pairScore } from '../pairScore.js';
import type { PaidLineFact, RatingFact } from '../score.js';

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
  /**
   * The facts per rater (buyer of a seller, seller of a buyer): groups and monthly caps
   * never cross rater–rated pairs, so each event re-scores only its own pair. Kept in
   * {@link RATER_SHARDS} shards by rater id (see {@link raterShardOf}), so one event
   * copies one shard, not every rater of a seller with thousands of buyers. Read them with
   * {@link raterFactsOf} and {@link creditFacts}.
   */
  readonly raters: Readonly<Record<string, Readonly<Record<string, RaterFacts>>>>;
}

/** What one rater and the rated party have between them. */
export interface RaterFacts {
  /** Every paid line (rated or not): the 14-day groups are formed over these. */
  readonly lines: readonly PaidLineFact[];
  /** Every rating received from this rater, in the order recorded. */
  readonly ratings: readonly RatingFact[];
  /** The pair's share of the score. */
  readonly score: number;
}

/** How many shards a credit document spreads its raters over. */
export const RATER_SHARDS = 64;

/** The shard of a rater id: FNV-1a over its UTF-16 code units, modulo {@link RATER_SHARDS}, as a decimal string. */
export const raterShardOf = (raterId: string): string => {
  let h = 0x811c9dc5;
  for (let i = 0; i < raterId.length; i++) h = Math.imul(h ^ raterId.charCodeAt(i), 0x01000193);
  return String((h >>> 0) % RATER_SHARDS);
};

/** What one rater and the rated party have between them, if anything. */
export const raterFactsOf = (doc: CreditDocument, raterId: string): RaterFacts | undefined => doc.raters[raterShardOf(raterId)]?.[raterId];

/** Every rater of a credit document with its facts. */
export const ratersOf = (doc: CreditDocument): [string, RaterFacts][] => Object.values(doc.raters).flatMap((shard) => Object.entries(shard));

/** Every paid line and rating of a credit document, across its raters. */
export const creditFacts = (doc: CreditDocument): { lines: PaidLineFact[]; ratings: RatingFact[] } => {
  const lines: PaidLineFact[] = [];
  const ratings: RatingFact[] = [];
  for (const [, r] of ratersOf(doc)) {
    lines.push(...r.lines);
    ratings.push(...r.ratings);
  }
  return { lines, ratings };
};

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
  raters: {},
});

/** The side that rates the party whose credit this is. */
const raterSide = (side: CreditSide): 'buyer' | 'seller' => (side === 'seller' ? 'buyer' : 'seller');

/** Re-score one rater's pair with its new facts (`added` to what `known` held); the document's score moves by the pair's change. */
const rescore = (
  d: CreditDocument,
  raterId: string,
  known: RaterFacts | undefined,
  added: { readonly lines?: readonly PaidLineFact[]; readonly rating?: RatingFact },
  policy: CreditPolicy,
): CreditDocument => {
  const facts = { lines: known?.lines ?? [], ratings: known?.ratings ?? [], score: 0 };
  if (added.lines) facts.lines = [...facts.lines, ...added.lines];
  if (added.rating) facts.ratings = [...facts.ratings, added.rating];
  facts.score = pairScore(known, added, facts, policy);
  const shard = raterShardOf(raterId);
  const score = d.score - (known?.score ?? 0) + facts.score;
  // only the rater's shard is new: the others are shared with the previous document
  const raters = { ...d.raters, [shard]: { ...d.raters[shard], [raterId]: facts } };
  return { ...d, raters, score, level: levelOf(score, policy.levels) };
};

/**
 * `credit.seller` / `credit.buyer`: one document per seller (rated by buyers) or per
 * buyer (rated by sellers), from `OrderPaid` and `OrderLineRated`. Changing the credit
 * policy changes the scores: rebuild the projection after overriding it.
 */
export const makeCreditProjection = (side: CreditSide, policy: CreditPolicy = defaultCreditPolicy): Projection<CreditDocument, CreditEvent> => ({
  name: `credit.${side}`,
  // 2: raters kept in shards
  version: 2,
  events: CreditEvent,
  init: () => empty(side, policy),
  keyOf: (e) => {
    if (e.type === 'OrderLineRated' && e.data.by !== raterSide(side)) return undefined;
    return side === 'seller' ? e.data.sellerId : e.data.customerId;
  },
  apply: (d, e) => {
    const { customerId, sellerId, orderId } = e.data;
    const raterId = side === 'seller' ? customerId : sellerId;
    const ratedId = side === 'seller' ? sellerId : customerId;
    const base = { ...d, tenantId: e.metadata.tenantId, partyId: ratedId };
    const known = raterFactsOf(d, raterId);
    if (e.type === 'OrderPaid') {
      const paid = e.data.lines.map((l): PaidLineFact => ({ raterId, ratedId, orderId, line: l.line, productId: l.productId, paidAt: e.data.at }));
      return rescore(base, raterId, known, { lines: paid }, policy);
    }
    const { line, productId, rating, at, placedAt, paidAt } = e.data;
    const fact: RatingFact = { raterId, ratedId, orderId, line, productId, paidAt, rating, at, placedAt };
    const counts = { good: d.good + (rating === 'good' ? 1 : 0), neutral: d.neutral + (rating === 'neutral' ? 1 : 0), bad: d.bad + (rating === 'bad' ? 1 : 0) };
    const withCounts = { ...base, ...counts, goodRateAllTime: rateOf(counts.good, counts.good + counts.neutral + counts.bad) };
    return rescore(withCounts, raterId, known, { rating: fact }, policy);
  },
});

/** `credit.seller` with the default policy: sellers' credit from buyers' ratings. */
export const sellerCredit = makeCreditProjection('seller');
/** `credit.buyer` with the default policy: buyers' credit from sellers' ratings. */
export const buyerCredit = makeCreditProjection('buyer');
