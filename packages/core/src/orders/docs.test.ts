// The example in docs/orders.md, run as a test: the doc's code block must be exactly the
// imports region followed by the example region below (dedented), so the doc never rots.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// #region imports
import * as E from 'fp-ts/lib/Either.js';
import { createCommandBus, customerOrderStats, eventRegistry, fixedClock, OrderEvent, ordersHandler, orderSummary, ProjectionRunner } from '@rapport/core';
import { MemoryEventStore, MemoryReadModelStore } from '@rapport/memory';
// #endregion

describe('docs/orders.md', () => {
  it('runs its example', async () => {
    // #region example
    const registry = eventRegistry(OrderEvent);
    const clock = fixedClock('2026-03-01T02:00:00.000Z');
    const eventStore = new MemoryEventStore({ registry, clock });
    const bus = createCommandBus([ordersHandler], { eventStore, registry, clock });
    let n = 0;
    const send = (type: string, data: Record<string, unknown>) =>
      bus.handle({ type, data, metadata: { commandId: `cmd-${++n}`, tenantId: 'shop1', actor: { kind: 'user', id: 'clerk-7' } } });

    await send('PlaceOrder', {
      orderId: 'o-1001', customerId: 'c-ann', sellerId: 's-shop', couponAmount: 1000, at: '2026-03-01T02:00:00.000Z',
      lines: [
        { sku: 'tee-white-m', productId: 'tee', category: 'apparel', quantity: 2, unitPrice: 5000 },
        { sku: 'cap-black', productId: 'cap', category: 'apparel', quantity: 1, unitPrice: 3000 },
      ],
    }); // total 2 × 50.00 + 30.00 − 10.00 = 120.00 CNY
    await send('PayOrder', { orderId: 'o-1001', method: 'alipay', amount: 12000, at: '2026-03-01T02:05:00.000Z' });
    await send('ShipOrder', { orderId: 'o-1001', trackingNumber: 'SF1234567', at: '2026-03-02T01:00:00.000Z' });
    await send('DeliverOrder', { orderId: 'o-1001', at: '2026-03-04T06:00:00.000Z' });
    // 七天无理由退货: the cap goes back on day 7, and its 30.00 CNY are refunded
    await send('RequestReturn', { orderId: 'o-1001', returnId: 'r-1', reason: 'noReason', lines: [{ line: 2, quantity: 1 }], at: '2026-03-11T06:00:00.000Z' });
    await send('RefundOrder', { orderId: 'o-1001', returnId: 'r-1', amount: 3000, at: '2026-03-12T02:00:00.000Z' });
    await send('CompleteOrder', { orderId: 'o-1001', by: 'buyer', at: '2026-03-12T03:00:00.000Z' });
    await send('RateOrderLine', { orderId: 'o-1001', line: 1, by: 'buyer', rating: 'good', text: '质量很好', at: '2026-03-13T03:00:00.000Z' });

    const tooMuch = await send('RefundOrder', { orderId: 'o-1001', amount: 9001, at: '2026-03-14T03:00:00.000Z' });
    if (E.isLeft(tooMuch) && tooMuch.left.kind === 'DomainError') console.log(tooMuch.left.code, tooMuch.left.path); // ORDER_REFUND_EXCEEDS_PAID [ 'data', 'amount' ]
    const late = await send('RequestReturn', { orderId: 'o-1001', returnId: 'r-2', reason: 'noReason', lines: [{ line: 1, quantity: 1 }], at: '2026-03-11T06:00:01.000Z' });
    if (E.isLeft(late)) console.log(late.left.code); // ORDER_RETURN_WINDOW_CLOSED: 7 × 24 h after delivery have passed

    const readModels = new MemoryReadModelStore();
    const runner = new ProjectionRunner({ eventStore, readModels, projections: [orderSummary, customerOrderStats] });
    await runner.catchUp();
    const order = await readModels.get<{ label: string; netPaid: number }>('orders.summary', 'shop1', 'o-1001');
    const ann = await readModels.get<{ completedCount: number; netSpend: number }>('orders.customerStats', 'shop1', 'c-ann');
    console.log(order?.label, order?.netPaid, ann?.completedCount, ann?.netSpend); // 交易成功 9000 1 9000
    // #endregion
    expect(tooMuch).toMatchObject({ left: { code: 'ORDER_REFUND_EXCEEDS_PAID', path: ['data', 'amount'] } });
    expect(late).toMatchObject({ left: { code: 'ORDER_RETURN_WINDOW_CLOSED' } });
    expect(order).toMatchObject({ label: '交易成功', netPaid: 9000 });
    expect(ann).toMatchObject({ completedCount: 1, netSpend: 9000 });
  });

  it('shows that example verbatim', () => {
    const source = readFileSync(fileURLToPath(import.meta.url), 'utf8');
    const region = (name: string) => {
      const m = new RegExp(`// #region ${name}\\n([\\s\\S]*?)\\n\\s*// #endregion`).exec(source);
      return m![1]!.split('\n').map((l) => l.replace(/^ {4}/, '')).join('\n');
    };
    const doc = readFileSync(fileURLToPath(new URL('../../../../docs/orders.md', import.meta.url)), 'utf8');
    expect(doc).toContain('```ts\n' + region('imports') + '\n\n' + region('example') + '\n```');
  });
});
