import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MemoryEventStore, MemoryReadModelStore } from '@rapport/memory';
import { createCommandBus, eventRegistry, fixedClock, foldProjection, ProjectionRunner, type Projection, type StoredEvent } from '../../index.js';
import { buyerCredit, sellerCredit } from '../../credit/projections/creditProfile.js';
import { OrderEvent } from '../events.js';
import { ordersHandler } from '../handler.js';
import { after, T0 } from '../testFixtures.js';
import { customerOrderStats } from './customerStats.js';
import { ordersDueForAutoCompletion } from './dueForAutoCompletion.js';
import { orderSummary } from './summary.js';
import { customerFacts } from '../../analytics/projections/customerFacts.js';

// every projection built from order events, the credit and analytics ones included
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const projections: Projection<any, any>[] = [orderSummary, customerOrderStats, ordersDueForAutoCompletion, sellerCredit, buyerCredit, customerFacts];

type Step = { readonly type: string; readonly data: Record<string, unknown>; readonly tenantId: string };

/** One order's commands, each `at` later than the last: how far it gets, refunds, returns and ratings. */
const orderArb = (no: number) =>
  fc
    .record({
      tenantId: fc.constantFrom('shop1', 'shop2'),
      customerId: fc.constantFrom('c-1', 'c-2', 'c-3'),
      sellerId: fc.constantFrom('s-1', 's-2'),
      products: fc.array(fc.constantFrom('p-1', 'p-2', 'p-3'), { minLength: 1, maxLength: 3 }),
      startHour: fc.integer({ min: 0, max: 60 * 24 }),
      reach: fc.integer({ min: 0, max: 7 }), // 0 placed, 1 paid, 2 shipped, 3–4 delivered, 5–7 completed
      cancel: fc.boolean(),
      refund: fc.option(fc.integer({ min: 1, max: 20000 })),
      returnReason: fc.option(fc.constantFrom('noReason', 'quality')),
      ratings: fc.array(fc.record({ line: fc.integer({ min: 1, max: 3 }), by: fc.constantFrom('buyer', 'seller'), rating: fc.constantFrom('good', 'neutral', 'bad'), hours: fc.integer({ min: 0, max: 400 }) }), {
        maxLength: 4,
      }),
      autoComplete: fc.boolean(),
    })
    .map((o): Step[] => {
      const orderId = `o-${no}`;
      const start = after(T0, o.startHour / 24);
      const h = (hours: number) => after(start, hours / 24);
      const lines = o.products.map((productId, i) => ({ sku: `sku-${i}`, productId, category: 'toys', quantity: 1 + i, unitPrice: 1000 * (i + 1) }));
      const total = lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
      const step = (type: string, data: Record<string, unknown>): Step => ({ type, data: { orderId, ...data }, tenantId: o.tenantId });
      const out: Step[] = [step('PlaceOrder', { customerId: o.customerId, sellerId: o.sellerId, lines, couponAmount: 500, at: start })];
      if (o.reach >= 1) out.push(step('PayOrder', { method: 'unionpay', amount: total - 500, at: h(1) }));
      if (o.cancel && o.reach <= 1) return [...out, step('CancelOrder', { reason: 'no longer needed', at: h(2) })];
      if (o.refund !== null && o.reach >= 1) out.push(step('RefundOrder', { amount: o.refund, at: h(2) })); // refused when too large
      if (o.reach >= 2) out.push(step('ShipOrder', { at: h(3) }));
      if (o.reach >= 3) out.push(step('DeliverOrder', { at: h(4) }));
      if (o.returnReason !== null && o.reach >= 3) out.push(step('RequestReturn', { returnId: 'r-1', reason: o.returnReason, lines: [{ line: 1, quantity: 1 }], at: h(5) }));
      if (o.reach >= 5) out.push(step('CompleteOrder', o.autoComplete ? { by: 'auto', at: h(4 + 240) } : { by: 'buyer', at: h(6) }));
      const done = o.autoComplete ? 244 : 6;
      if (o.reach >= 5) for (const r of o.ratings) out.push(step('RateOrderLine', { line: r.line, by: r.by, rating: r.rating, at: h(done + r.hours) }));
      return out;
    });

const scenarioArb = fc
  .integer({ min: 1, max: 8 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => orderArb(i + 1))))
  .map((orders) => orders.flat().sort((a, b) => ((a.data.at as string) < (b.data.at as string) ? -1 : (a.data.at as string) > (b.data.at as string) ? 1 : 0)));

describe('rebuild equals incremental', () => {
  it('for every order and credit projection, with catch-ups at random points and small batches', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, fc.array(fc.boolean(), { minLength: 80, maxLength: 80 }), fc.integer({ min: 1, max: 7 }), async (steps, pauses, batchSize) => {
        const registry = eventRegistry(OrderEvent);
        const store = new MemoryEventStore({ registry, clock: fixedClock(T0) });
        const bus = createCommandBus([ordersHandler], { eventStore: store, registry, clock: fixedClock(T0) });
        const readModels = new MemoryReadModelStore();
        const runner = new ProjectionRunner({ eventStore: store, readModels, projections, batchSize });
        for (const [i, s] of steps.entries()) {
          await bus.handle({ type: s.type, data: s.data, metadata: { commandId: `cmd-${i}`, tenantId: s.tenantId, actor: { kind: 'user', id: 'u' } } });
          if (pauses[i % pauses.length]) await runner.catchUp();
        }
        await runner.catchUp();
        const events: StoredEvent[] = [];
        for await (const e of store.readAll()) events.push(e);
        const check = async (rm: MemoryReadModelStore) => {
          for (const p of projections) {
            const folded = foldProjection(p, events as StoredEvent<OrderEvent>[]);
            let stored = 0;
            for (const tenant of ['shop1', 'shop2']) for await (const _ of rm.query(p.name, tenant)) stored++;
            expect(stored).toBe(folded.size);
            for (const [key, doc] of folded) {
              const [tenant, id] = key.split('/') as [string, string];
              expect(await rm.get(p.name, tenant, id)).toEqual(doc);
            }
          }
        };
        await check(readModels);
        await runner.rebuild();
        await check(readModels);
      }),
      { numRuns: 40 },
    );
  });
});
