import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { MemoryEventStore, MemoryReadModelStore } from '@rapport/memory';
import { createCommandBus, eventRegistry, fixedClock, ProjectionRunner, type Command, type StoredEvent } from '../index.js';
import { dueAutoCompletions, readDueAutoCompletions } from './due.js';
import { OrderEvent } from './events.js';
import { ordersHandler } from './handler.js';
import { ordersDueForAutoCompletion, type OrderDueForAutoCompletion } from './projections/dueForAutoCompletion.js';
import { after, T0, times } from './testFixtures.js';

const setup = () => {
  const registry = eventRegistry(OrderEvent);
  const clock = fixedClock(T0);
  const store = new MemoryEventStore({ registry, clock });
  const bus = createCommandBus([ordersHandler], { eventStore: store, registry, clock });
  let n = 0;
  const send = (type: string, data: Record<string, unknown>, tenantId = 'shop1') =>
    bus.handle({ type, data, metadata: { commandId: `c-${++n}`, tenantId, actor: { kind: 'user', id: 'clerk' } } });
  const all = async () => {
    const out: StoredEvent[] = [];
    for await (const e of store.readAll()) out.push(e);
    return out;
  };
  return { store, bus, send, all };
};

const lines = [{ sku: 'sku-1', productId: 'p-1', category: 'apparel', quantity: 2, unitPrice: 5000 }];
const placeData = { orderId: 'o-1', customerId: 'c-ann', sellerId: 's-shop', lines, couponAmount: 0, at: T0 };

describe('orders through the command bus', () => {
  it('writes to order-<tenant>.<orderId>', async () => {
    const { send } = setup();
    const r = await send('PlaceOrder', placeData);
    expect(E.isRight(r) && r.right.stream).toBe('order-shop1.o-1');
  });

  it.each([
    ['a negative quantity', { ...placeData, lines: [{ ...lines[0], quantity: -1 }] }, ['data', 'lines', 0, 'quantity']],
    ['a quantity of 0', { ...placeData, lines: [{ ...lines[0], quantity: 0 }] }, ['data', 'lines', 0, 'quantity']],
    ['a quantity of the wrong type', { ...placeData, lines: [lines[0], { ...lines[0], quantity: 'two' }] }, ['data', 'lines', 1, 'quantity']],
    ['a fractional unit price', { ...placeData, lines: [{ ...lines[0], unitPrice: 10.5 }] }, ['data', 'lines', 0, 'unitPrice']],
    ['a negative coupon', { ...placeData, couponAmount: -1 }, ['data', 'couponAmount']],
    ['no lines', { ...placeData, lines: [] }, ['data', 'lines']],
    ['a bad customer id', { ...placeData, customerId: 'ann smith' }, ['data', 'customerId']],
    ['a missing time', { ...placeData, at: undefined }, ['data', 'at']],
    ['a time that is no ISO instant', { ...placeData, at: '2026-03-01' }, ['data', 'at']],
  ])('refuses %s with a ValidationError at its path and appends nothing', async (_, data, path) => {
    const { send, all } = setup();
    const r = await send('PlaceOrder', data as Record<string, unknown>);
    expect(E.isLeft(r) && r.left.kind).toBe('ValidationError');
    if (E.isLeft(r) && r.left.kind === 'ValidationError') expect(r.left.issues.map((i) => i.path)).toContainEqual(path);
    expect(await all()).toHaveLength(0);
  });

  it('refuses an unknown payment method and an unknown rating with the field path, leaving the store unchanged', async () => {
    const { send, all } = setup();
    await send('PlaceOrder', placeData);
    const before = await all();
    const bad = await send('PayOrder', { orderId: 'o-1', method: 'paypal', amount: 10000, at: times.paid });
    expect(bad).toMatchObject({ left: { kind: 'ValidationError', issues: [{ path: ['data', 'method'] }] } });
    const badRating = await send('RateOrderLine', { orderId: 'o-1', line: 1, by: 'buyer', rating: 'excellent', at: times.paid });
    expect(badRating).toMatchObject({ left: { kind: 'ValidationError', issues: [{ path: ['data', 'rating'] }] } });
    const badSide = await send('RateOrderLine', { orderId: 'o-1', line: 0, by: 'courier', rating: 'good', at: times.paid });
    expect(E.isLeft(badSide) && badSide.left.kind === 'ValidationError' && badSide.left.issues.map((i) => i.path)).toEqual([
      ['data', 'line'],
      ['data', 'by'],
    ]);
    expect(await all()).toEqual(before);
  });

  it('appends nothing on a domain refusal', async () => {
    const { send, all } = setup();
    await send('PlaceOrder', placeData);
    const before = await all();
    expect(await send('PayOrder', { orderId: 'o-1', method: 'wechat', amount: 1, at: times.paid })).toMatchObject({
      left: { kind: 'DomainError', code: 'ORDER_PAYMENT_AMOUNT' },
    });
    expect(await all()).toEqual(before);
  });

  it('auto-completes through the due projection with derived, repeatable commandIds', async () => {
    const { send, store, bus, all } = setup();
    await send('PlaceOrder', placeData);
    await send('PayOrder', { orderId: 'o-1', method: 'alipay', amount: 10000, at: times.paid });
    await send('ShipOrder', { orderId: 'o-1', at: times.shipped, trackingNumber: 'SF123' });
    await send('DeliverOrder', { orderId: 'o-1', at: times.delivered });
    await send('PlaceOrder', { ...placeData, orderId: 'o-2' });
    const readModels = new MemoryReadModelStore();
    const runner = new ProjectionRunner({ eventStore: store, readModels, projections: [ordersDueForAutoCompletion] });
    await runner.catchUp();
    const docs = async () => {
      const out: OrderDueForAutoCompletion[] = [];
      for await (const d of readModels.query<OrderDueForAutoCompletion>(ordersDueForAutoCompletion.name, 'shop1')) out.push(d);
      return out;
    };
    expect(await docs()).toEqual([{ tenantId: 'shop1', orderId: 'o-1', deliveredAt: times.delivered, dueAt: after(times.delivered, 10) }]);
    expect(dueAutoCompletions(after(times.delivered, 10, -1), await docs())).toEqual([]);
    expect(await readDueAutoCompletions(after(times.delivered, 12), { tenantId: 'shop1', readModels })).toEqual(dueAutoCompletions(after(times.delivered, 12), await docs()));
    expect(await readDueAutoCompletions(after(times.delivered, 12), { tenantId: 'shop2', readModels })).toEqual([]);
    const due = dueAutoCompletions(after(times.delivered, 12), await docs());
    expect(due).toHaveLength(1);
    expect(dueAutoCompletions(after(times.delivered, 20), await docs())[0]!.metadata.commandId).toBe(due[0]!.metadata.commandId);
    const first = await bus.handle(due[0] as Command);
    expect(first).toMatchObject({ right: { duplicate: false, events: [{ type: 'OrderCompleted', data: { by: 'auto', at: after(times.delivered, 10) } }] } });
    const count = (await all()).length;
    expect(await bus.handle(due[0] as Command)).toMatchObject({ right: { duplicate: true } });
    expect(await all()).toHaveLength(count);
    await runner.catchUp();
    expect(await docs()).toEqual([]);
  });

  it('orders due work by due time, then order id', () => {
    const d = (orderId: string, dueAt: string) => ({ tenantId: 't', orderId, deliveredAt: T0, dueAt });
    const due = dueAutoCompletions(after(T0, 30), [d('o-b', after(T0, 2)), d('o-c', after(T0, 1)), d('o-a', after(T0, 2)), d('o-z', after(T0, 31))]);
    expect(due.map((c) => c.data.orderId)).toEqual(['o-c', 'o-a', 'o-b']);
  });
});
