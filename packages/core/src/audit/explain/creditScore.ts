import { creditProfileAsOf } from '../../credit/profile.js';
import type { CreditDocument } from '../../credit/projections/creditProfile.js';
import type { ScoredRating } from '../../credit/score.js';
import type { ExplainedStep, Explainer } from './explainer.js';
import { signed } from './explainer.js';

interface RatedData {
  readonly orderId: string;
  readonly line: number;
  readonly productId: string;
  readonly rating: 'good' | 'neutral' | 'bad';
  readonly at: string;
}

const why = (r: ScoredRating, cap: number): string => {
  switch (r.reason) {
    case 'counted':
      return 'counted';
    case 'neutral':
      return 'neutral scores nothing';
    case 'groupGoodUsed':
      return `the 14-day group ${r.group} already counted its good`;
    case 'groupBadUsed':
      return `the 14-day group ${r.group} already counted its bad`;
    case 'monthlyCap':
      return `capped by the monthly rule (net for ${r.month} stays within ±${cap})`;
  }
};

/**
 * Seller or buyer credit score (信用评价): every rating received, with the points it scored
 * as of the instant and why (counted, neutral, its 14-day group already used, monthly cap).
 * Payments only form the 14-day groups and are not listed.
 */
export const creditScoreExplainer: Explainer<CreditDocument> = {
  what: 'creditScore',
  projection: (options) => `credit.${options.role ?? 'seller'}`,
  explain(steps, doc, { at, policy }) {
    const profile = creditProfileAsOf(doc, at, policy.credit);
    const key = (r: Pick<RatedData, 'orderId' | 'line' | 'at' | 'rating'>): string => `${r.orderId}#${r.line}@${r.at}:${r.rating}`;
    const scoredBy = new Map(profile.ratings.map((r) => [key(r), r]));
    const lines: ExplainedStep<CreditDocument>[] = [];
    for (const step of steps) {
      if (step.event.type !== 'OrderLineRated') continue;
      const d = step.event.data as RatedData;
      const scored = scoredBy.get(key(d));
      const what = `${d.rating} on order ${d.orderId} line ${d.line} (${d.productId})`;
      lines.push(
        scored
          ? { step, contribution: scored.points, text: `${signed(scored.points)} ${what}: ${why(scored, policy.credit.monthlyCap)}` }
          : { step, contribution: 0, text: `0 ${what}: received ${d.at}, after ${at}` },
      );
    }
    return { value: profile.score, lines };
  },
};
