import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { kpiAverage, kpiRate, lowerMedian, meetsTarget, percentile90 } from './kpiMath.js';

describe('KPI arithmetic', () => {
  it('rates are exact fractions with a percentage rounded half up to 2 decimals, null for 0 / 0', () => {
    expect(kpiRate(2, 3)).toEqual({ numerator: 2, denominator: 3, percent: 66.67 });
    expect(kpiRate(1, 8)).toEqual({ numerator: 1, denominator: 8, percent: 12.5 });
    expect(kpiRate(1, 80000)).toEqual({ numerator: 1, denominator: 80000, percent: 0 }); // 0.00125 % → 0.00
    expect(kpiRate(1, 32).percent).toBe(3.13); // 3.125 % → half up
    expect(kpiRate(5, 16000).percent).toBe(0.03); // 0.03125 % → 0.03
    expect(kpiRate(0, 0).percent).toBeNull();
    expect(kpiAverage(14999, 2).value).toBe(7500);
    expect(kpiAverage(0, 0).value).toBeNull();
  });

  it('the median of an even count is the lower middle; p90 is the nearest rank', () => {
    expect(lowerMedian([40, 10, 30, 20])).toBe(20);
    expect(lowerMedian([5])).toBe(5);
    expect(lowerMedian([])).toBeNull();
    expect(percentile90([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBe(9);
    expect(percentile90([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])).toBe(10);
    expect(percentile90([7])).toBe(7);
  });

  it('meets the 98 % target exactly at 98 %', () => {
    expect(meetsTarget(kpiRate(49, 50), { numerator: 98, denominator: 100 })).toBe(true);
    expect(meetsTarget(kpiRate(48, 50), { numerator: 98, denominator: 100 })).toBe(false);
    expect(meetsTarget(kpiRate(0, 0), { numerator: 98, denominator: 100 })).toBeNull();
  });

  it('the rounded percentage is within half a hundredth of the exact one; medians and p90 are members', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.integer({ min: 1, max: 10_000 }), (n, d) => {
        expect(Math.abs(kpiRate(n, d).percent! - (n * 100) / d)).toBeLessThanOrEqual(0.005 + 1e-9);
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1 }), (xs) => {
        expect(xs).toContain(lowerMedian(xs));
        expect(xs).toContain(percentile90(xs));
        expect(percentile90(xs)!).toBeGreaterThanOrEqual(lowerMedian(xs)!);
      }),
    );
  });
});
