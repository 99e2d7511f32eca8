import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { campaignRoi } from './roi.js';

describe('campaignRoi', () => {
  it('is (revenue − cost) ÷ cost as the exact fraction and a percentage with 2 decimals', () => {
    // hand fixture: cost 100 CNY, attributed net revenue 350 CNY → 25,000 / 10,000 = 250.00 %
    expect(campaignRoi(35_000, 10_000)).toEqual({ numerator: 25_000, denominator: 10_000, percent: 250 });
    expect(campaignRoi(10_000, 10_000)).toEqual({ numerator: 0, denominator: 10_000, percent: 0 });
    expect(campaignRoi(0, 10_000)).toEqual({ numerator: -10_000, denominator: 10_000, percent: -100 });
    expect(campaignRoi(1, 3)).toEqual({ numerator: -2, denominator: 3, percent: -66.67 });
    expect(campaignRoi(4, 3)).toEqual({ numerator: 1, denominator: 3, percent: 33.33 });
  });

  it('rounds half up on a tie (towards +∞, negative results too)', () => {
    // 1 / 20,000 = 0.005 % → 0.01; −1 / 20,000 = −0.005 % → 0.00; −3 / 20,000 = −0.015 % → −0.01; 1 / 40,000 = 0.0025 % → 0.00
    expect(campaignRoi(20_001, 20_000)?.percent).toBe(0.01);
    expect(campaignRoi(19_999, 20_000)?.percent).toBe(0);
    expect(campaignRoi(19_997, 20_000)?.percent).toBe(-0.01);
    expect(campaignRoi(40_001, 40_000)?.percent).toBe(0);
    // safe-integer fen do not lose precision in the intermediate products (BigInt)
    expect(campaignRoi(9_007_199_254_740_991, 4_503_599_627_370_496)?.percent).toBe(100);
  });

  it('is null when the campaign cost nothing', () => expect(campaignRoi(35_000, 0)).toBeNull());

  it('shows the fraction to within half a hundredth of a percent (property)', () =>
    fc.assert(
      fc.property(fc.nat(10_000_000), fc.integer({ min: 1, max: 10_000_000 }), (revenue, cost) => {
        const roi = campaignRoi(revenue, cost)!;
        expect(roi.numerator).toBe(revenue - cost);
        expect(roi.denominator).toBe(cost);
        // |percent − exact| ≤ 0.005 %, and a tie goes up: exact − 0.005 < percent ≤ exact + 0.005 (in hundredths, integers)
        const h = Math.round(roi.percent * 100);
        expect(2 * h * cost - 2 * (revenue - cost) * 10_000).toBeLessThanOrEqual(cost);
        expect(2 * h * cost - 2 * (revenue - cost) * 10_000).toBeGreaterThan(-cost);
      }),
    ));
});
