import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { floorShare, halfUpShare, levelCommissions, statementFigures } from './arithmetic.js';
import { defaultReferralPolicy } from './policy.js';

const rates = defaultReferralPolicy.levels;
const amounts = (net: number) => levelCommissions(net, rates).map((l) => l.amount);

describe('commissions, rounded down level by level', () => {
  it('a 1,000.00 CNY order pays 10,000 / 2,000 / 1,000 fen', () => {
    expect(levelCommissions(100_000, rates)).toEqual([
      { level: 1, base: 100_000, rate: 1000, amount: 10_000 },
      { level: 2, base: 10_000, rate: 2000, amount: 2_000 },
      { level: 3, base: 10_000, rate: 1000, amount: 1_000 },
    ]);
  });

  it('1, 9 and 99 fen orders floor to nothing at every level', () => {
    expect(amounts(1)).toEqual([0, 0, 0]); // ⌊0.1⌋
    expect(amounts(9)).toEqual([0, 0, 0]); // ⌊0.9⌋
    expect(amounts(99)).toEqual([9, 1, 0]); // ⌊9.9⌋ = 9; ⌊9 × 20%⌋ = ⌊1.8⌋ = 1; ⌊0.9⌋ = 0
  });

  it('levels 2 and 3 are shares of the floored level 1, not of the net', () => {
    // net 1,999: L1 = ⌊199.9⌋ = 199; L2 = ⌊199 × 20%⌋ = ⌊39.8⌋ = 39; L3 = ⌊19.9⌋ = 19
    expect(amounts(1_999)).toEqual([199, 39, 19]);
    // a 15% level 2 on net 1,330: L1 = 133, L2 = ⌊133 × 15%⌋ = ⌊19.95⌋ = 19
    expect(levelCommissions(1_330, [1000, 1500]).map((l) => l.amount)).toEqual([133, 19]);
  });

  it('stays exact beyond 2^53 / 10,000 fen', () => {
    expect(floorShare(Number.MAX_SAFE_INTEGER, 1000)).toBe(900_719_925_474_099);
    expect(halfUpShare(Number.MAX_SAFE_INTEGER, 500)).toBe(450_359_962_737_050);
  });

  it('Σ commissions per order ≤ 13% of net paid, each level the floor of its share', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (net) => {
        const [l1, l2, l3] = amounts(net) as [number, number, number];
        expect(BigInt(l1 + l2 + l3) * 100n <= BigInt(net) * 13n).toBe(true);
        expect(BigInt(l1) * 10n <= BigInt(net) && BigInt(net) < BigInt(l1 + 1) * 10n).toBe(true);
        expect(l2 * 5 <= l1 && l1 < (l2 + 1) * 5).toBe(true);
        expect(l3 * 10 <= l1 && l1 < (l3 + 1) * 10).toBe(true);
      }),
    );
  });
});

describe('statement figures, half up', () => {
  const p = defaultReferralPolicy;
  it('G = 12,345: tax ⌊617.25 + ½⌋ = 617, fee 617, retained ⌊1,234.5 + ½⌋ = 1,235, paid out 9,876', () => {
    expect(statementFigures(12_345, 0, 0, p)).toEqual({ commissions: 12_345, clawbacks: 0, carriedIn: 0, gross: 12_345, tax: 617, fee: 617, retained: 1_235, paidOut: 9_876, carriedOut: 0 });
  });

  it('half a fen rounds up: G = 10 → tax ⌊0.5 + ½⌋ = 1, fee 1, retained 1, paid out 7; G = 9 → 0, 0, 1, 8', () => {
    expect(statementFigures(10, 0, 0, p)).toMatchObject({ tax: 1, fee: 1, retained: 1, paidOut: 7 });
    expect(statementFigures(9, 0, 0, p)).toMatchObject({ tax: 0, fee: 0, retained: 1, paidOut: 8 });
    expect(statementFigures(1, 0, 0, p)).toMatchObject({ tax: 0, fee: 0, retained: 0, paidOut: 1 });
  });

  it('a negative G pays nothing and carries forward; the next statement nets it', () => {
    const may = statementFigures(100, 600, 0, p);
    expect(may).toEqual({ commissions: 100, clawbacks: 600, carriedIn: 0, gross: -500, tax: 0, fee: 0, retained: 0, paidOut: 0, carriedOut: -500 });
    expect(statementFigures(2_000, 0, may.carriedOut, p)).toEqual({ commissions: 2_000, clawbacks: 0, carriedIn: -500, gross: 1_500, tax: 75, fee: 75, retained: 150, paidOut: 1_200, carriedOut: 0 });
    expect(statementFigures(0, 0, -500, p)).toMatchObject({ gross: -500, paidOut: 0, carriedOut: -500 });
  });

  it('for G > 0: paid out + tax + fee + retained = G, nothing negative; for G ≤ 0 nothing is paid and G is carried', () => {
    const deductions = fc
      .tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 5000 }))
      .filter(([a, b, c]) => a + b + c <= 5000)
      .map(([taxRate, feeRate, retainedRate]) => ({ taxRate, feeRate, retainedRate }));
    fc.assert(
      fc.property(fc.nat(10_000_000), fc.nat(10_000_000), fc.integer({ min: -10_000_000, max: 0 }), deductions, (c, k, carried, r) => {
        const f = statementFigures(c, k, carried, r);
        expect(f.gross).toBe(c - k + carried);
        if (f.gross > 0) {
          expect(f.paidOut + f.tax + f.fee + f.retained).toBe(f.gross);
          expect(Math.min(f.paidOut, f.tax, f.fee, f.retained)).toBeGreaterThanOrEqual(0);
          expect(f.tax).toBe(Math.floor((f.gross * r.taxRate + 5000) / 10_000));
          expect(f.carriedOut).toBe(0);
        } else {
          expect([f.paidOut, f.tax, f.fee, f.retained]).toEqual([0, 0, 0, 0]);
          expect(f.carriedOut).toBe(f.gross);
        }
      }),
    );
  });
});
