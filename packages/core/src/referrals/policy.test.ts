import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { defaultReferralPolicy, referralPolicy } from './policy.js';

const issues = (input: unknown) => {
  const r = referralPolicy(input);
  if (E.isRight(r)) throw new Error(`expected a refusal of ${JSON.stringify(input)}`);
  return r.left.issues;
};

describe('referralPolicy', () => {
  it('defaults to DOMAIN §7: 10% / 20% of L1 / 10% of L1, 5% tax, 5% fee, 10% retained, Asia/Shanghai', () => {
    expect(referralPolicy({})).toEqual(E.right(defaultReferralPolicy));
    expect(defaultReferralPolicy).toMatchObject({ levels: [1000, 2000, 1000], entryFee: 0, recruitBonus: 0, taxRate: 500, feeRate: 500, retainedRate: 1000, timeZone: 'Asia/Shanghai' });
    expect(referralPolicy(undefined)).toEqual(E.right(defaultReferralPolicy));
  });

  it('keeps overrides within the limits', () => {
    expect(referralPolicy({ levels: [800, 1500], timeZone: 'Europe/Berlin' })).toEqual(
      E.right({ ...defaultReferralPolicy, levels: [800, 1500], timeZone: 'Europe/Berlin' }),
    );
  });

  it('rejects a 4-level policy, saying why (anti-pyramid, 《禁止传销条例》)', () => {
    const [i, ...more] = issues({ levels: [1000, 2000, 1000, 500] });
    expect(more).toEqual([]);
    expect(i!.path).toEqual(['levels']);
    expect(i!.message).toContain('at most 3 levels');
    expect(i!.message).toContain('pyramid');
    expect(i!.message).toContain('《禁止传销条例》');
  });

  it('rejects an entry fee and a per-recruit bonus, each at its own path with its reason', () => {
    const fee = issues({ entryFee: 9_900 });
    expect(fee).toHaveLength(1);
    expect(fee[0]).toMatchObject({ path: ['entryFee'] });
    expect(fee[0]!.message).toMatch(/fee to join.*pyramid/);
    const bonus = issues({ recruitBonus: 500 });
    expect(bonus).toHaveLength(1);
    expect(bonus[0]).toMatchObject({ path: ['recruitBonus'] });
    expect(bonus[0]!.message).toMatch(/recruit.*real sales|recruiting rather than for sales/);
    expect(issues({ levels: [1, 1, 1, 1], entryFee: 1, recruitBonus: 1 }).map((x) => x.path)).toEqual([['levels'], ['entryFee'], ['recruitBonus']]);
  });

  it('refuses unknown settings, malformed values and float rates with their paths', () => {
    expect(issues({ joinFee: 0 }).map((x) => x.path)).toEqual([['joinFee']]);
    expect(issues({ levels: [0.1, 2000] }).map((x) => x.path)).toEqual([['levels', 0]]);
    expect(issues({ levels: [1000, 10_001] }).map((x) => x.path)).toEqual([['levels', 1]]);
    expect(issues({ entryFee: -1 }).map((x) => x.path)).toEqual([['entryFee']]);
    expect(issues({ timeZone: 'Mars/Olympus' }).map((x) => x.path)).toEqual([['timeZone']]);
    expect(issues('lots').map((x) => x.path)).toEqual([[]]);
  });

  it('caps tax + fee + retained at 50% so a statement never pays out less than nothing', () => {
    expect(issues({ taxRate: 2000, feeRate: 2000, retainedRate: 1001 }).map((x) => x.path)).toEqual([['taxRate'], ['feeRate'], ['retainedRate']]);
    expect(E.isRight(referralPolicy({ taxRate: 2000, feeRate: 2000, retainedRate: 1000 }))).toBe(true);
  });

  it('accepts exactly the level tables of at most 3 whole basis-point rates', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { maxLength: 6 }), (levels) => {
        const r = referralPolicy({ levels });
        expect(E.isRight(r)).toBe(levels.length <= 3);
        if (E.isLeft(r)) expect(r.left.issues.map((x) => x.path)).toEqual([['levels']]);
      }),
    );
  });

  it('accepts an entry fee or recruit bonus only when it is 0', () => {
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom('entryFee', 'recruitBonus'), (fen, field) => {
        expect(E.isRight(referralPolicy({ [field]: fen }))).toBe(fen === 0);
      }),
    );
  });
});
