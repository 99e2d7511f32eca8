import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { MemoryEventStore, MemoryReadModelStore } from '@rapport/memory';
import { fixedClock } from '../../kernel/clock.js';
import { EventRegistry } from '../../kernel/registry.js';
import { createCrmKernel } from '../../crm/createCrm.js';
import { couponsModuleFor } from './module.js';
import { couponsPolicy, defaultCouponsPolicy } from './policy.js';
import type { CouponDoc } from './projections/coupon.js';
import type { CouponWallet } from './projections/wallet.js';

const kernelWith = (members: { customerId: string; tier: string }[] = []) => {
  const registry = new EventRegistry();
  const eventStore = new MemoryEventStore({ registry });
  const readModels = new MemoryReadModelStore();
  const kernel = createCrmKernel({
    eventStore,
    readModels,
    registry,
    clock: fixedClock('2026-06-01T00:00:00.000Z'),
    modules: [couponsModuleFor(defaultCouponsPolicy, { monthly: { members: async () => members, benefits: { super: [{ value: 500, minSpend: 5000 }] } } })],
  });
  const issue = (couponId: string, validUntil: string) =>
    kernel.handle({
      type: 'IssueCoupon',
      data: { couponId, ownerId: 'c-ann', value: 1000, minSpend: 0, validFrom: '2026-05-01T00:00:00.000Z', validUntil },
      metadata: { commandId: `issue-${couponId}`, tenantId: 'shop1', actor: { kind: 'user', id: 'u-1' } },
    });
  const coupon = (id: string) => readModels.get<CouponDoc>('loyalty.coupon', 'shop1', id);
  const wallet = (id: string) => readModels.get<CouponWallet>('loyalty.couponWallet', 'shop1', id);
  return { kernel, issue, coupon, wallet, eventStore };
};

describe('couponsModuleFor: runDue', () => {
  it('expires coupons past validUntil at their first expired instant, once', async () => {
    const { kernel, issue, coupon } = kernelWith();
    await issue('cp-1', '2026-06-10T15:59:59.999Z');
    await issue('cp-2', '2026-06-20T15:59:59.999Z');
    expect(await kernel.runDue('2026-06-10T15:59:59.999Z', 'shop1')).toMatchObject({ right: { issued: 0 } });
    expect(await kernel.runDue('2026-06-15T00:00:00.000Z', 'shop1')).toMatchObject({ right: { issued: 1, refused: [] } });
    expect(await coupon('cp-1')).toMatchObject({ status: 'expired', expiredAt: '2026-06-10T16:00:00.000Z' });
    expect(await coupon('cp-2')).toMatchObject({ status: 'issued' });
    expect(await kernel.runDue('2026-06-15T00:00:00.000Z', 'shop1')).toMatchObject({ right: { issued: 0, repeated: 0 } });
  });

  it('issues the month’s tier coupons from the issue day on, once per month and tier', async () => {
    const { kernel, wallet } = kernelWith([{ customerId: 'c-ann', tier: 'super' }, { customerId: 'c-bo', tier: 'regular' }]);
    expect(await kernel.runDue('2026-06-01T00:00:00.000Z', 'shop1')).toMatchObject({ right: { issued: 1 } });
    expect(await kernel.runDue('2026-06-20T00:00:00.000Z', 'shop1')).toMatchObject({ right: { issued: 0, repeated: 1 } });
    expect(await wallet('c-ann')).toMatchObject({ open: 1, openValue: 500 });
    expect(await wallet('c-bo')).toBeUndefined();
    // July: June's coupon expires, July's is issued
    expect(await kernel.runDue('2026-07-01T00:00:00.000Z', 'shop1')).toMatchObject({ right: { issued: 2 } });
    expect(await wallet('c-ann')).toMatchObject({ open: 1, expired: 1 });
  });

  it('is idempotent for any now: a second run at the same now issues nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 90 * 24 }), { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 120 * 24 }), async (hours, nowHour) => {
        const { kernel, issue } = kernelWith([{ customerId: 'c-ann', tier: 'super' }]);
        for (const [i, h] of hours.entries()) await issue(`cp-${i}`, new Date(Date.parse('2026-05-01T00:00:00.000Z') + h * 3_600_000 + 3_599_999).toISOString());
        const now = new Date(Date.parse('2026-05-01T00:00:00.000Z') + nowHour * 3_600_000).toISOString();
        const first = await kernel.runDue(now, 'shop1');
        const second = await kernel.runDue(now, 'shop1');
        expect(E.isRight(first) && first.right.refused).toEqual([]);
        expect(second).toMatchObject({ right: { issued: 0, refused: [] } });
      }),
      { numRuns: 25 },
    );
  });
});

describe('coupon commands sent directly', () => {
  it('refuse bad input with the field paths and write nothing', async () => {
    const { kernel, eventStore } = kernelWith();
    const r = await kernel.handle({
      type: 'IssueCoupon',
      data: { couponId: 'cp 1', ownerId: 'c-ann', value: 0, minSpend: -1, validFrom: '2026-05-01', validUntil: '2026-06-01T00:00:00.000Z', source: { kind: 'gift' } },
      metadata: { commandId: 'bad', tenantId: 'shop1', actor: { kind: 'user', id: 'u-1' } },
    });
    expect(E.isLeft(r) && r.left.kind === 'ValidationError' ? r.left.issues.map((i) => i.path) : []).toEqual([
      ['data', 'couponId'],
      ['data', 'value'],
      ['data', 'minSpend'],
      ['data', 'validFrom'],
      ['data', 'source', 'kind'],
    ]);
    let n = 0;
    for await (const _ of eventStore.readAll()) n++;
    expect(n).toBe(0);
  });
});

describe('couponsPolicy', () => {
  it('takes overrides and refuses a bad value with its path', () => {
    expect(couponsPolicy({ monthlyIssueDay: 8 })).toEqual(E.right({ ...defaultCouponsPolicy, monthlyIssueDay: 8 }));
    const bad = couponsPolicy({ monthlyIssueDay: 31, timeZone: 'Mars/Olympus' });
    expect(E.isLeft(bad) ? bad.left.issues.map((i) => i.path) : []).toEqual([['timeZone'], ['monthlyIssueDay']]);
  });
});
