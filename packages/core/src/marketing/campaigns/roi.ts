/**
 * Return on investment (DOMAIN §12): (attributed net revenue − cost) ÷ cost, as the exact
 * fraction (not reduced) plus a percentage rounded half-up to 2 decimals. Half-up means
 * towards +∞ on a tie, negative results included (−12.345 % shows as −12.34). Null when
 * the cost is 0 (DOMAIN §11).
 */
export interface CampaignRoi {
  readonly numerator: number;
  readonly denominator: number;
  /** e.g. 250 for (35,000 − 10,000) ÷ 10,000. */
  readonly percent: number;
}

const floorDiv = (n: bigint, d: bigint): bigint => (n % d === 0n || n > 0n ? n / d : n / d - 1n);

/** The ROI of `revenue` fen against `cost` fen; integer arithmetic only (BigInt, so no fen is lost to floats). */
export const campaignRoi = (revenue: number, cost: number): CampaignRoi | null => {
  if (cost === 0) return null;
  const numerator = revenue - cost;
  // hundredths of a percent, half up: ⌊(2 × n × 10,000 + d) ÷ 2d⌋
  const hundredths = floorDiv(2n * BigInt(numerator) * 10_000n + BigInt(cost), 2n * BigInt(cost));
  return { numerator, denominator: cost, percent: Number(hundredths) / 100 };
};
