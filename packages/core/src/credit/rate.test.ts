import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { goodRatingRate, rateOf } from './rate.js';
import { at, T } from './testFacts.js';

describe('rates', () => {
  it.each([
    [1, 1, 100],
    [2, 3, 66.67],
    [1, 3, 33.33],
    [1, 8, 12.5],
    [1, 800, 0.13], // 0.125 rounds half up
    [1, 1600, 0.06], // 0.0625
    [40, 41, 97.56],
    [0, 5, 0],
  ])('%i / %i is %f %%', (n, d, percent) => expect(rateOf(n, d)).toEqual({ numerator: n, denominator: d, percent }));

  it('is null with no ratings', () => expect(rateOf(0, 0)).toBeNull());

  it('rounds half up to two decimals', () =>
    fc.assert(
      fc.property(fc.nat({ max: 100_000 }), fc.integer({ min: 1, max: 100_000 }), (a, b) => {
        const n = Math.min(a, b);
        const r = rateOf(n, b)!;
        const exact = (n * 100) / b;
        expect(Math.abs(r.percent - exact)).toBeLessThanOrEqual(0.005 + 1e-9);
      }),
    ));
});

describe('good-rating rate', () => {
  const ratings = [
    { rating: 'good' as const, at: at(0) },
    { rating: 'bad' as const, at: at(1) },
    { rating: 'good' as const, at: at(181) },
    { rating: 'neutral' as const, at: at(200) },
  ];
  it('counts every rating received, scored or not, over all time up to as-of', () => {
    expect(goodRatingRate(ratings, at(200))).toMatchObject({ numerator: 2, denominator: 4, percent: 50 });
    expect(goodRatingRate(ratings, at(199))).toMatchObject({ numerator: 2, denominator: 3 });
  });
  it('takes the last 180 × 24 h with both ends inclusive', () => {
    // window [at(1), at(181)]: the bad at day 1 is exactly 180 × 24 h before
    expect(goodRatingRate(ratings, at(181), 180)).toMatchObject({ numerator: 1, denominator: 2 });
    expect(goodRatingRate(ratings, at(181, 1), 180)).toMatchObject({ numerator: 1, denominator: 1 });
    expect(goodRatingRate(ratings, at(0, -1, T), 180)).toBeNull();
  });
});
