/** A rate as an exact fraction plus its percentage rounded half-up to 2 decimals (DOMAIN §10, §11). */
export interface Rate {
  readonly numerator: number;
  readonly denominator: number;
  readonly percent: number;
}

/** `numerator ÷ denominator`, or `null` when the denominator is 0. Integer arithmetic only. */
export const rateOf = (numerator: number, denominator: number): Rate | null => {
  if (denominator === 0) return null;
  // basis points rounded half-up: ⌊(n × 10000 + d/2) ÷ d⌋, kept in integers
  const basisPoints = Math.floor((numerator * 20000 + denominator) / (2 * denominator));
  return { numerator, denominator, percent: basisPoints / 100 };
};
