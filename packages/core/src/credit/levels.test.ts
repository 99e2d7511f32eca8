import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultLevelTable, levelOf } from './levels.js';

describe('credit levels', () => {
  it.each([
    [-5, 'none', 0],
    [0, 'none', 0],
    [3, 'none', 0],
    [4, 'heart', 1],
    [10, 'heart', 1],
    [11, 'heart', 2],
    [40, 'heart', 2],
    [41, 'heart', 3],
    [91, 'heart', 4],
    [150, 'heart', 4],
    [151, 'heart', 5],
    [250, 'heart', 5],
    [251, 'diamond', 1],
    [501, 'diamond', 2],
    [1001, 'diamond', 3],
    [2001, 'diamond', 4],
    [5001, 'diamond', 5],
    [10000, 'diamond', 5],
    [10001, 'crown', 1],
    [20001, 'crown', 2],
    [50001, 'crown', 3],
    [100001, 'crown', 4],
    [200001, 'crown', 5],
    [500000, 'crown', 5],
    [500001, 'goldenCrown', 1],
    [1000001, 'goldenCrown', 2],
    [2000001, 'goldenCrown', 3],
    [5000001, 'goldenCrown', 4],
    [10000000, 'goldenCrown', 4],
    [10000001, 'goldenCrown', 5],
    [99999999, 'goldenCrown', 5],
  ] as const)('score %i is %s %i', (score, kind, rank) => expect(levelOf(score)).toEqual({ kind, rank }));

  it('has 20 steps and never goes down as the score goes up', () => {
    expect(defaultLevelTable).toHaveLength(20);
    const order = (l: { kind: string; rank: number }) => ['none', 'heart', 'diamond', 'crown', 'goldenCrown'].indexOf(l.kind) * 10 + l.rank;
    fc.assert(fc.property(fc.integer({ min: -1000, max: 20_000_000 }), fc.nat({ max: 100_000 }), (s, d) => order(levelOf(s)) <= order(levelOf(s + d))));
  });
});
