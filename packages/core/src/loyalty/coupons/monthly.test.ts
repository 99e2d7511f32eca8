import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { couponDecider } from './decider.js';
import { monthlyTierCoupons, monthlyValidity } from './monthly.js';
import type { CouponCommand } from './commands.js';

const benefits = { super: [{ value: 500, minSpend: 5000 }], paidMember: [{ value: 1000, minSpend: 10000 }, { value: 500, minSpend: 3000 }] };
const options = { tenantId: 'shop1', timeZone: 'Asia/Shanghai' };

describe('monthlyTierCoupons', () => {
  it('issues each member their tier’s coupons, valid for the local month', () => {
    const r = monthlyTierCoupons('2026-06', [{ customerId: 'c-bo', tier: 'paidMember' }, { customerId: 'c-ann', tier: 'super' }, { customerId: 'c-cy', tier: 'regular' }], benefits, options);
    if (E.isLeft(r)) throw new Error(r.left.message);
    expect(r.right.map((c) => [c.data.ownerId, c.data.value, c.data.minSpend])).toEqual([
      ['c-ann', 500, 5000],
      ['c-bo', 1000, 10000],
      ['c-bo', 500, 3000],
    ]);
    expect(r.right[0]!.data).toMatchObject({ validFrom: '2026-05-31T16:00:00.000Z', validUntil: '2026-06-30T15:59:59.999Z', source: { kind: 'monthlyTier', month: '2026-06', tier: 'super' } });
    // every command is one the decider accepts on a fresh stream
    for (const c of r.right) expect(E.isRight(couponDecider.decide(c as unknown as CouponCommand, couponDecider.initialState()))).toBe(true);
  });

  it('is deterministic: the same month gives the same coupon ids and commandIds, another month others', () =>
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom('c-1', 'c-2', 'c-3', 'c-4'), { minLength: 1 }), fc.constantFrom('super', 'paidMember'), (ids, tier) => {
        const members = ids.map((customerId) => ({ customerId, tier }));
        const a = monthlyTierCoupons('2026-06', members, benefits, options);
        const b = monthlyTierCoupons('2026-06', [...members].reverse(), benefits, options);
        const c = monthlyTierCoupons('2026-07', members, benefits, options);
        if (E.isLeft(a) || E.isLeft(b) || E.isLeft(c)) throw new Error('refused');
        expect(b.right).toEqual(a.right);
        const ids1 = a.right.map((x) => x.data.couponId as string);
        expect(new Set(ids1).size).toBe(ids1.length);
        expect(c.right.some((x) => ids1.includes(x.data.couponId as string))).toBe(false);
        for (const x of a.right) expect(x.data.couponId).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
      }),
    ));

  it('gives a tier change within the month the new tier’s set once', () => {
    const before = monthlyTierCoupons('2026-06', [{ customerId: 'c-ann', tier: 'super' }], benefits, options);
    const after = monthlyTierCoupons('2026-06', [{ customerId: 'c-ann', tier: 'paidMember' }], benefits, options);
    if (E.isLeft(before) || E.isLeft(after)) throw new Error('refused');
    expect(after.right.some((c) => before.right.some((b) => b.metadata.commandId === c.metadata.commandId))).toBe(false);
  });

  it('starts on the issue day and ends at the month’s last millisecond, across a year end and a DST zone', () => {
    expect(monthlyValidity('2026-12', 'Asia/Shanghai', 8)).toEqual({ validFrom: '2026-12-07T16:00:00.000Z', validUntil: '2026-12-31T15:59:59.999Z' });
    expect(monthlyValidity('2026-03', 'Europe/Berlin')).toEqual({ validFrom: '2026-02-28T23:00:00.000Z', validUntil: '2026-03-31T21:59:59.999Z' });
  });

  it('refuses bad input with the field path', () => {
    const r = monthlyTierCoupons('2026-13', [{ customerId: 'bad id', tier: 'super' }], { super: [{ value: 0, minSpend: 1 }] }, options);
    expect(E.isLeft(r) ? r.left.issues.map((i) => i.path) : []).toEqual([['month'], ['members', 0, 'customerId'], ['benefits', 'super', 0, 'value']]);
  });
});
