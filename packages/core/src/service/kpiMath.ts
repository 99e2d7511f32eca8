/**
 * KPI arithmetic (DOMAIN §10, §11): rates and averages as exact fractions plus a rounded
 * display value (half up); null when the denominator is 0; medians take the lower middle.
 */

/** A share: exact fraction and a percentage rounded half-up to 2 decimals (null for 0 / 0). */
export interface KpiRate {
  readonly numerator: number;
  readonly denominator: number;
  readonly percent: number | null;
}

/** An average: exact fraction and the value rounded half-up to a whole unit (ms, fen). */
export interface KpiAverage {
  readonly numerator: number;
  readonly denominator: number;
  readonly value: number | null;
}

/** ⌊(2n + d) / 2d⌋: n / d rounded half up, for non-negative integers. */
const halfUp = (n: number, d: number): number => Math.floor((2 * n + d) / (2 * d));

export const kpiRate = (numerator: number, denominator: number): KpiRate => ({
  numerator,
  denominator,
  percent: denominator === 0 ? null : halfUp(numerator * 10_000, denominator) / 100,
});

export const kpiAverage = (numerator: number, denominator: number): KpiAverage => ({
  numerator,
  denominator,
  value: denominator === 0 ? null : halfUp(numerator, denominator),
});

const ascending = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);

/** The median; of an even count, the lower middle value. */
export const lowerMedian = (xs: readonly number[]): number | null => (xs.length === 0 ? null : ascending(xs)[Math.floor((xs.length - 1) / 2)]!);

/** The 90th percentile by nearest rank: the ⌈0.9 n⌉-th smallest value. */
export const percentile90 = (xs: readonly number[]): number | null =>
  xs.length === 0 ? null : ascending(xs)[Math.floor((9 * xs.length + 9) / 10) - 1]!;

/** True when `rate` reaches `target` (exact comparison); null when there is nothing to judge. */
export const meetsTarget = (rate: KpiRate, target: { numerator: number; denominator: number }): boolean | null =>
  rate.denominator === 0 ? null : rate.numerator * target.denominator >= target.numerator * rate.denominator;
