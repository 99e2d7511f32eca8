import { addDays } from '../orders/policy.js';

/** A rate as an exact fraction with its percentage rounded half-up to 2 decimals. */
export interface Rate {
  readonly numerator: number;
  readonly denominator: number;
  /** e.g. 97.56 for 40/41. */
  readonly percent: number;
}

/** numerator ÷ denominator as a {@link Rate}; null when the denominator is 0. */
export const rateOf = (numerator: number, denominator: number): Rate | null => {
  if (denominator === 0) return null;
  // hundredths of a percent, half up, in integers: ⌊(2 × n × 10000 + d) ÷ 2d⌋
  const hundredths = Math.floor((2 * numerator * 10000 + denominator) / (2 * denominator));
  return { numerator, denominator, percent: hundredths / 100 };
};

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
