// The example in docs/coupons.md, run as a test: the doc's code block must be exactly the
// imports region followed by the example region below (dedented), so the doc never rots.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// #region imports
import * as E from 'fp-ts/lib/Either.js';
import { couponsModuleFor, createCrmKernel, defaultCouponsPolicy, OrderEvent, ordersHandler, placeOrderWithCoupon, type CouponWallet } from '@rapport/core';
import { memoryStores } from '@rapport/memory';
// #endregion

describe('docs/coupons.md', () => {
  it('runs its example', async () => {
    // #region example
    const { registry, eventStore, readModels } = memoryStores();
    const tiers = [{ customerId: 'c-ann', tier: 'super' }]; // from the loyalty account in a real shop
    const kernel = createCrmKernel({
      registry,
      eventStore,
      readModels,
      modules: [
        { name: 'orders', events: [OrderEvent], deciders: [ordersHandler], projections: [] },
        couponsModuleFor(defaultCouponsPolicy, { monthly: { members: async () => tiers, benefits: { super: [{ value: 1000, minSpend: 5000 }] } } }),
      ],
    });
    const meta = (commandId: string) => ({ commandId, tenantId: 'shop1', actor: { kind: 'user' as const, id: 'u-1' } });

    // runDue on 1 June (Shanghai) hands out June's tier coupons: 10 CNY off 50 CNY, valid all month
    await kernel.runDue('2026-05-31T16:00:00.000Z', 'shop1');
    const wallet = async () => (await kernel.settle(), readModels.get<CouponWallet>('loyalty.couponWallet', 'shop1', 'c-ann'));
    const [couponId] = Object.keys((await wallet())!.coupons);
    console.log((await wallet())!.open, (await wallet())!.openValue); // 1 1000

    // an order with the coupon: the coupon amount comes from the coupon
    const lines = [{ sku: 'longjing-250g', productId: 'p-longjing', category: 'tea', quantity: 2, unitPrice: 3000 }];
    const order = { orderId: 'o-1', customerId: 'c-ann', sellerId: 's-1', lines, couponId: couponId!, at: '2026-06-02T02:00:00.000Z' };
    const placed = await placeOrderWithCoupon({ handle: kernel.handle }, { data: order, metadata: meta('place-o-1') });
    if (E.isRight(placed)) console.log(placed.right.events[0]!.data); // { ..., couponAmount: 1000, total: 5000, couponId }

    // the coupon is used once
    const again = await placeOrderWithCoupon({ handle: kernel.handle }, { data: { ...order, orderId: 'o-2' }, metadata: meta('place-o-2') });
    if (E.isLeft(again) && again.left.kind === 'DomainError') console.log(again.left.code, again.left.path, again.left.details);
    // COUPON_ALREADY_REDEEMED [ 'data', 'couponId' ] { orderId: 'o-1' }

    // a coupon nobody uses expires by runDue, once, whatever the now
    await kernel.handle({
      type: 'IssueCoupon',
      data: { couponId: 'welcome-ann', ownerId: 'c-ann', value: 500, minSpend: 0, validFrom: '2026-06-01T00:00:00.000Z', validUntil: '2026-06-07T15:59:59.999Z' },
      metadata: meta('issue-welcome'),
    });
    const first = await kernel.runDue('2026-06-08T00:00:00.000Z', 'shop1');
    const second = await kernel.runDue('2026-06-09T00:00:00.000Z', 'shop1');
    if (E.isRight(first) && E.isRight(second)) console.log(first.right.issued, second.right.issued); // 1 0
    const after = (await wallet())!;
    console.log(after.redeemed, after.expired, after.coupons['welcome-ann']!.status); // 1 1 expired
    // #endregion
    expect(placed).toMatchObject({ right: { events: [{ type: 'OrderPlaced', data: { couponAmount: 1000, total: 5000, couponId } }] } });
    expect(again).toMatchObject({ left: { code: 'COUPON_ALREADY_REDEEMED', path: ['data', 'couponId'], details: { orderId: 'o-1' } } });
    expect([E.isRight(first) && first.right.issued, E.isRight(second) && second.right.issued]).toEqual([1, 0]);
    expect(after).toMatchObject({ redeemed: 1, expired: 1, open: 0 });
  });

  it('shows that example verbatim', () => {
    const source = readFileSync(fileURLToPath(import.meta.url), 'utf8');
    const region = (name: string) => {
      const m = new RegExp(`// #region ${name}\\n([\\s\\S]*?)\\n\\s*// #endregion`).exec(source);
      return m![1]!.split('\n').map((l) => l.replace(/^ {4}/, '')).join('\n');
    };
    const doc = readFileSync(fileURLToPath(new URL('../../../../../docs/coupons.md', import.meta.url)), 'utf8');
    expect(doc).toContain('```ts\n' + region('imports') + '\n\n' + region('example') + '\n```');
  });
});
