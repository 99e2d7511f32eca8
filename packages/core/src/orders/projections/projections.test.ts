import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { MemoryEventStore, MemoryReadModelStore } from '@rapport/memory';
import { createCommandBus, eventRegistry, fixedClock, ProjectionRunner } from '../../index.js';
import { OrderEvent } from '../events.js';
import { ordersHandler } from '../handler.js';
import { after, T0, times } from '../testFixtures.js';
import { customerOrderStats, type CustomerOrderStats } from './customerStats.js';
import { orderSummary, type OrderSummary } from './summary.js';

const setup = async () => {
  const registry = eventRegistry(OrderEvent);
  const store = new MemoryEventStore({ registry, clock: fixedClock(T0) });
  const bus = createCommandBus([ordersHandler], { eventStore: store, registry, clock: fixedClock(T0) });
  const readModels = new MemoryReadModelStore();
  const runner = new ProjectionRunner({ eventStore: store, readModels, projections: [orderSummary, customerOrderStats] });
  let n = 0;
  const send = async (type: string, data: Record<string, unknown>) => {
    const r = await bus.handle({ type, data, metadata: { commandId: `c-${++n}`, tenantId: 'shop1', actor: { kind: 'user', id: 'clerk' } } });
    if (E.isLeft(r)) throw new Error(`${type} refused: ${r.left.message}`);
  };
  return { send, runner, readModels };
};

const lines = [
  { sku: 'sku-1', productId: 'p-1', category: 'apparel', quantity: 2, unitPrice: 5000 },
  { sku: 'sku-2', productId: 'p-2', category: 'shoes', quantity: 1, unitPrice: 3000 },
];

describe('orders.summary and orders.customerStats', () => {
  it('follow an order through every state, a return, refunds and ratings', async () => {
    const { send, runner, readModels } = await setup();
    await send('PlaceOrder', { orderId: 'o-1', customerId: 'c-ann', sellerId: 's-shop', lines, couponAmount: 1000, couponId: 'cp-1', at: T0 });
    await send('PayOrder', { orderId: 'o-1', method: 'wechat', amount: 12000, at: times.paid });
    await send('ShipOrder', { orderId: 'o-1', at: times.shipped, trackingNumber: 'SF1' });
    await send('DeliverOrder', { orderId: 'o-1', at: times.delivered });
    await send('RequestReturn', { orderId: 'o-1', returnId: 'r-1', reason: 'noReason', lines: [{ line: 2, quantity: 1 }], at: after(times.delivered, 1) });
    await send('RefundOrder', { orderId: 'o-1', amount: 3000, returnId: 'r-1', at: after(times.delivered, 2) });
    await send('CompleteOrder', { orderId: 'o-1', by: 'buyer', at: times.completed });
    await send('RateOrderLine', { orderId: 'o-1', line: 1, by: 'buyer', rating: 'good', text: '很好', at: after(times.completed, 1) });
    await send('RefundOrder', { orderId: 'o-1', amount: 1000, at: after(times.completed, 2) });
    await send('PlaceOrder', { orderId: 'o-2', customerId: 'c-ann', sellerId: 's-shop', lines, couponAmount: 0, at: after(T0, 1) });
    await send('PayOrder', { orderId: 'o-2', method: 'alipay', amount: 13000, at: after(T0, 1, 5) });
    await send('CancelOrder', { orderId: 'o-2', reason: 'out of stock', at: after(T0, 2) });
    await runner.catchUp();
    const o1 = await readModels.get<OrderSummary>('orders.summary', 'shop1', 'o-1');
    expect(o1).toMatchObject({
      state: 'completed',
      label: '交易成功',
      total: 12000,
      couponId: 'cp-1',
      method: 'wechat',
      paid: 12000,
      refunded: 4000,
      netPaid: 8000,
      trackingNumber: 'SF1',
      completedBy: 'buyer',
      returns: [{ returnId: 'r-1', reason: 'noReason', lines: [{ line: 2, quantity: 1 }] }],
      refunds: [{ amount: 3000, returnId: 'r-1' }, { amount: 1000, returnId: null }],
      ratings: [{ line: 1, productId: 'p-1', by: 'buyer', rating: 'good', text: '很好' }],
    });
    expect(await readModels.get<OrderSummary>('orders.summary', 'shop1', 'o-2')).toMatchObject({
      state: 'cancelled',
      label: '已取消',
      paid: 13000,
      refunded: 13000,
      netPaid: 0,
      cancelReason: 'out of stock',
    });
    expect(await readModels.get<CustomerOrderStats>('orders.customerStats', 'shop1', 'c-ann')).toMatchObject({
      orderCount: 2,
      completedCount: 1,
      netSpend: 8000, // 12,000 − 3,000 before completion − 1,000 after
      lastOrderId: 'o-2',
      lastOrderAt: after(T0, 1),
    });
  });
});
