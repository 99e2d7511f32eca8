import { addDays } from '../orders/policy.js';

import { rateOf, type Rate } from '../shared/rate.js';

export { rateOf, type Rate };

/**
 * Good-rating rate (好评率) = good ÷ every rating received (scored or not). With `days`,
 * only ratings received in [asOf − days × 24 h, asOf] (both ends inclusive); without,
 * every rating received at or before `asOf`.
 */
export const goodRatingRate = (
  ratings: Iterable<{ readonly rating: 'good' | 'neutral' | 'bad'; readonly at: string }>,
  asOf: string,
  days?: number,
): Rate | null => {
  const from = days === undefined ? '' : addDays(asOf, -days);
  let good = 0;
  let all = 0;
  for (const r of ratings) {
    if (r.at > asOf || r.at < from) continue;
    all++;
    if (r.rating === 'good') good++;
  }
  return rateOf(good, all);
};
