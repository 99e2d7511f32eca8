import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { defaultLoyaltyPolicy, loyaltyPolicy, monthlyCouponBenefits, tierBenefits } from './policy.js';
import { loyaltyPointsReactor } from './reactors.js';
import { tierOf, valueClassOf } from './tiers.js';
import { stored } from './testFixtures.js';

const paths = (r: ReturnType<typeof loyaltyPolicy>) => (E.isLeft(r) ? r.left.issues.map((i) => i.path) : []);

describe('loyaltyPolicy', () => {
  it('defaults: Shanghai, the 8th, 12 months, 88/888 CNY, multipliers 1 / 1.5 / 2 / 3, paid members at 95%', () => {
    expect(loyaltyPolicy({})).toEqual(E.right(defaultLoyaltyPolicy));
    expect(defaultLoyaltyPolicy).toMatchObject({ timeZone: 'Asia/Shanghai', scoreDay: 8, pointsLifeMonths: 12, membershipPrice: 8_800, membershipFullPrice: 88_800 });
    expect(['regular', 'super', 'paidMember', 'keyAccount'].map((t) => tierBenefits(defaultLoyaltyPolicy, t as never).pointsMultiplier)).toEqual([100, 150, 200, 300]);
    expect(tierBenefits(defaultLoyaltyPolicy, 'paidMember')).toMatchObject({ discount: 95, servicePriority: 'raised' });
  });
  it('merges score rules and tier benefits setting by setting', () => {
    const p = loyaltyPolicy({ scoreDay: 1, score: { daySpendCap: 200 }, benefits: { super: { pointsMultiplier: 125 } } });
    expect(E.isRight(p) && p.right).toMatchObject({ scoreDay: 1, score: { daySpendCap: 200, orderSpendCap: 100 }, benefits: { super: { pointsMultiplier: 125, discount: 100 } } });
  });
  it('refuses bad values and unknown settings with their paths', () => {
    expect(paths(loyaltyPolicy({ scoreDay: 29, timeZone: 'Mars/Olympus', benefits: { super: { pointsMultiplier: 1.5 } } }))).toEqual([
      ['timeZone'], ['scoreDay'], ['benefits', 'super', 'pointsMultiplier'],
    ]);
    expect(paths(loyaltyPolicy({ pointz: 1, score: { dailyCap: 1 }, benefits: { gold: {}, super: { cashback: 1 } } }))).toEqual([
      ['pointz'], ['score', 'dailyCap'], ['benefits', 'gold'], ['benefits', 'super', 'cashback'],
    ]);
    expect(paths(loyaltyPolicy([]))).toEqual([[]]);
  });
  it('gives the coupons module its monthly coupons per tier', () => {
    const b = monthlyCouponBenefits(defaultLoyaltyPolicy);
    expect([b.regular.length, b.super.length, b.paidMember.length, b.keyAccount.length]).toEqual([0, 0, 4, 4]);
    expect(b.keyAccount[0]).toEqual({ value: 5_000, minSpend: 30_000 });
  });
});

describe('tiers and value classes', () => {
  const p = defaultLoyaltyPolicy;
  it.each([
    [{ keyAccount: true, membership: { paidUntil: '2027-01-01T00:00:00.000Z', active: true }, score: { score: 3000 } }, 'keyAccount', 'key'],
    [{ keyAccount: false, membership: { paidUntil: '2027-01-01T00:00:00.000Z', active: true }, score: { score: 3000 } }, 'paidMember', 'important'],
    [{ keyAccount: false, membership: { paidUntil: '2026-01-01T00:00:00.000Z', active: true }, score: { score: 1000 } }, 'super', 'ordinary'],
    [{ keyAccount: false, membership: null, score: { score: 999 } }, 'regular', 'ordinary'],
    [{ keyAccount: false, membership: null, score: null }, 'regular', 'ordinary'],
  ] as const)('%j → %s (%s)', (facts, tier, valueClass) => {
    expect(tierOf(facts, '2026-06-01T00:00:00.000Z', p)).toBe(tier);
    expect(valueClassOf(tier)).toBe(valueClass);
  });
});

describe('loyaltyPointsReactor', () => {
  const parties = { orderId: 'o1', customerId: 'c1', sellerId: 's1' };
  it('completion → EarnPoints with the net paid; a refund after completion → ReversePoints; before completion → nothing', () => {
    const [done, after, before] = stored([
      { type: 'OrderCompleted', data: { ...parties, by: 'buyer', netPaid: 9_000, at: '2026-03-01T00:00:00.000Z' } },
      { type: 'OrderRefunded', data: { ...parties, amount: 1_000, refundedTotal: 2_000, netPaid: 8_000, completed: true, at: '2026-03-02T00:00:00.000Z' } },
      { type: 'OrderRefunded', data: { ...parties, amount: 1_000, refundedTotal: 1_000, netPaid: 9_000, completed: false, at: '2026-02-28T00:00:00.000Z' } },
    ]);
    expect(loyaltyPointsReactor.react(done as never)).toEqual([{ type: 'EarnPoints', data: { customerId: 'c1', orderId: 'o1', netPaidFen: 9_000, at: '2026-03-01T00:00:00.000Z' } }]);
    expect(loyaltyPointsReactor.react(after as never)).toEqual([{ type: 'ReversePoints', data: { customerId: 'c1', orderId: 'o1', netPaidFen: 8_000, at: '2026-03-02T00:00:00.000Z' } }]);
    expect(loyaltyPointsReactor.react(before as never)).toEqual([]);
  });
});
