import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { MemoryEventStore } from '@rapport/memory';
import { createCommandBus } from '../../kernel/commandBus.js';
import { fixedClock } from '../../kernel/clock.js';
import type { Command } from '../../kernel/command.js';
import { eventRegistry } from '../../kernel/registry.js';
import { OrderEvent } from '../../orders/events.js';
import { ordersHandler } from '../../orders/handler.js';
import { CouponEvent } from './events.js';
import { couponHandler } from './streams.js';
import { placeOrderWithCoupon, type CouponOrderInput } from './placeOrderWithCoupon.js';

const setup = async () => {
  const registry = eventRegistry(CouponEvent, OrderEvent);
  const store = new MemoryEventStore({ registry });
  const bus = createCommandBus([couponHandler, ordersHandler], { eventStore: store, registry, clock: fixedClock('2026-06-01T02:00:00.000Z') });
  const sent: Command[] = [];
  const handle = (c: Command) => (sent.push(c), bus.handle(c));
  const meta = (commandId: string) => ({ commandId, tenantId: 'shop1', actor: { kind: 'customer' as const, id: 'c-ann' } });
  await bus.handle({
    type: 'IssueCoupon',
    data: { couponId: 'cp-1', ownerId: 'c-ann', value: 1000, minSpend: 5000, validFrom: '2026-05-31T16:00:00.000Z', validUntil: '2026-06-30T15:59:59.999Z' },
    metadata: meta('issue-1'),
  });
  const events = async (stream: string) => {
    const out: { type: string; data: unknown }[] = [];
    for await (const e of store.readStream(stream)) out.push({ type: e.type, data: e.data });
    return out;
  };
  const count = async () => {
    let n = 0;
    for await (const _ of store.readAll()) n++;
    return n;
  };
  return { handle, meta, events, count, sent };
};

const order = (over: Partial<CouponOrderInput['data']> = {}, commandId = 'place-o1'): CouponOrderInput => ({
  data: {
    orderId: 'o-1',
    customerId: 'c-ann',
    sellerId: 's-1',
    lines: [{ sku: 'tea-250', productId: 'p-tea', category: 'tea', quantity: 2, unitPrice: 3000 }],
    couponId: 'cp-1',
    at: '2026-06-01T02:00:00.000Z',
    ...over,
  },
  metadata: { commandId, tenantId: 'shop1', actor: { kind: 'customer', id: 'c-ann' } },
});

describe('placeOrderWithCoupon', () => {
  it('redeems the coupon and places the order with the coupon’s value', async () => {
    const { handle, events } = await setup();
    const r = await placeOrderWithCoupon({ handle }, order());
    expect(E.isRight(r)).toBe(true);
    const placed = (await events('order-shop1.o-1'))[0]!;
    expect(placed).toMatchObject({ type: 'OrderPlaced', data: { couponAmount: 1000, couponId: 'cp-1', total: 5000 } });
    expect((await events('coupon-shop1.cp-1')).map((e) => e.type)).toEqual(['CouponIssued', 'CouponRedeemed']);
  });

  it('derives the coupon commandIds from the order command, so a retry does nothing twice', async () => {
    const { handle, events, sent } = await setup();
    await placeOrderWithCoupon({ handle }, order());
    const again = await placeOrderWithCoupon({ handle }, order());
    expect(again).toMatchObject({ right: { duplicate: true } });
    expect((await events('coupon-shop1.cp-1')).map((e) => e.type)).toEqual(['CouponIssued', 'CouponRedeemed']);
    const redeemIds = sent.filter((c) => c.type === 'RedeemCoupon').map((c) => c.metadata.commandId);
    expect(new Set(redeemIds).size).toBe(1);
    expect(sent.find((c) => c.type === 'RedeemCoupon')!.metadata.causationId).toBe('place-o1');
  });

  it('gives the coupon back when the order is refused, and returns the order’s refusal', async () => {
    const { handle, events } = await setup();
    // the order id was placed before: PlaceOrder is refused after the coupon was redeemed
    await handle({
      type: 'PlaceOrder',
      data: { orderId: 'o-1', customerId: 'c-ann', sellerId: 's-1', lines: order().data.lines, couponAmount: 0, at: '2026-06-01T01:00:00.000Z' },
      metadata: { commandId: 'first', tenantId: 'shop1', actor: { kind: 'customer', id: 'c-ann' } },
    });
    const r = await placeOrderWithCoupon({ handle }, order());
    expect(r).toMatchObject({ left: { code: 'ORDER_EXISTS', path: ['data', 'orderId'] } });
    const coupon = await events('coupon-shop1.cp-1');
    expect(coupon.map((e) => e.type)).toEqual(['CouponIssued', 'CouponRedeemed', 'CouponRedemptionReleased']);
    expect(coupon[2]).toMatchObject({ data: { orderId: 'o-1', reason: 'order o-1 refused: ORDER_EXISTS' } });
    // released: the owner uses it on another order
    expect(E.isRight(await placeOrderWithCoupon({ handle }, order({ orderId: 'o-2' }, 'place-o2')))).toBe(true);
  });

  it('refuses a coupon worth more than the lines through the order, releasing it', async () => {
    const { handle, events } = await setup();
    await handle({
      type: 'IssueCoupon',
      data: { couponId: 'cp-big', ownerId: 'c-ann', value: 9000, minSpend: 0, validFrom: '2026-05-31T16:00:00.000Z', validUntil: '2026-06-30T15:59:59.999Z' },
      metadata: { commandId: 'issue-big', tenantId: 'shop1', actor: { kind: 'user', id: 'u' } },
    });
    const r = await placeOrderWithCoupon({ handle }, order({ couponId: 'cp-big' }));
    expect(r).toMatchObject({ left: { code: 'ORDER_NEGATIVE_TOTAL', path: ['data', 'couponAmount'] } });
    expect((await events('coupon-shop1.cp-big')).map((e) => e.type)).toEqual(['CouponIssued', 'CouponRedeemed', 'CouponRedemptionReleased']);
    expect(await events('order-shop1.o-1')).toEqual([]);
  });

  it.each([
    ['another customer', { customerId: 'c-bo' }, 'COUPON_NOT_OWNER', ['data', 'customerId']],
    ['below the minimum spend', { lines: [{ sku: 'tea-250', productId: 'p-tea', category: 'tea', quantity: 1, unitPrice: 4999 }] }, 'COUPON_MIN_SPEND', ['data', 'lines']],
    ['after validUntil', { at: '2026-06-30T16:00:00.000Z' }, 'COUPON_EXPIRED', ['data', 'at']],
    ['an unknown coupon', { couponId: 'cp-none' }, 'COUPON_NOT_FOUND', ['data', 'couponId']],
  ] as const)('refuses %s with the input’s field, placing nothing', async (_name, over, code, path) => {
    const { handle, events } = await setup();
    const r = await placeOrderWithCoupon({ handle }, order(over as never));
    expect(r).toMatchObject({ left: { code, path } });
    expect(await events('order-shop1.o-1')).toEqual([]);
  });

  it('accepts exactly the minimum spend on the lines before the coupon', async () => {
    const { handle } = await setup();
    const r = await placeOrderWithCoupon({ handle }, order({ lines: [{ sku: 'tea-250', productId: 'p-tea', category: 'tea', quantity: 1, unitPrice: 5000 }] }));
    expect(r).toMatchObject({ right: { events: [{ data: { total: 4000, couponAmount: 1000 } }] } });
  });

  it('refuses a second order with the same coupon', async () => {
    const { handle } = await setup();
    await placeOrderWithCoupon({ handle }, order());
    const r = await placeOrderWithCoupon({ handle }, order({ orderId: 'o-2' }, 'place-o2'));
    expect(r).toMatchObject({ left: { code: 'COUPON_ALREADY_REDEEMED', path: ['data', 'couponId'], details: { orderId: 'o-1' } } });
  });

  it('refuses bad input with every field path and writes nothing', async () => {
    const { handle, count } = await setup();
    const before = await count();
    const r = await placeOrderWithCoupon({ handle }, {
      data: { ...order().data, couponId: 'bad id', lines: [{ ...order().data.lines[0]!, quantity: 0 }] },
      metadata: { commandId: '', tenantId: 'shop1', actor: { kind: 'customer', id: 'c-ann' } },
    });
    expect(E.isLeft(r) && r.left.kind === 'ValidationError' ? r.left.issues.map((i) => i.path) : []).toEqual([
      ['data', 'lines', 0, 'quantity'],
      ['data', 'couponId'],
      ['metadata', 'commandId'],
    ]);
    expect(await count()).toBe(before);
  });
});
