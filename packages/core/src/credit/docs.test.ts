// The example in docs/credit.md, run as a test: the doc's code block must be exactly the
// imports region followed by the example region below (dedented), so the doc never rots.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// #region imports
import { buyerCredit, createCommandBus, creditProfileAsOf, eventRegistry, fixedClock, OrderEvent, ordersHandler, ProjectionRunner, sellerCredit, type CreditDocument } from '@rapport/core';
import { MemoryEventStore, MemoryReadModelStore } from '@rapport/memory';
// #endregion

describe('docs/credit.md', () => {
  it('runs its example', async () => {
    // #region example
    const registry = eventRegistry(OrderEvent);
    const clock = fixedClock('2026-03-01T02:00:00.000Z');
    const eventStore = new MemoryEventStore({ registry, clock });
    const bus = createCommandBus([ordersHandler], { eventStore, registry, clock });
    let n = 0;
    const send = (type: string, data: Record<string, unknown>) =>
      bus.handle({ type, data, metadata: { commandId: `cmd-${++n}`, tenantId: 'shop1', actor: { kind: 'user', id: 'clerk-7' } } });
    const day = (d: number) => new Date(Date.parse('2026-03-01T02:00:00.000Z') + d * 86_400_000).toISOString();

    // eight March orders of Ann at the shop, each of a different product, all completed
    for (let i = 1; i <= 8; i++) {
      const orderId = `o-${i}`;
      const lines = [{ sku: `sku-${i}`, productId: `p-${i}`, category: 'apparel', quantity: 1, unitPrice: 9900 }];
      await send('PlaceOrder', { orderId, customerId: 'c-ann', sellerId: 's-shop', lines, couponAmount: 0, at: day(i) });
      await send('PayOrder', { orderId, method: 'wechat', amount: 9900, at: day(i + 0.01) });
      await send('ShipOrder', { orderId, at: day(i + 1) });
      await send('DeliverOrder', { orderId, at: day(i + 2) });
      await send('CompleteOrder', { orderId, by: 'buyer', at: day(i + 3) });
    }
    // Ann rates the shop: 6 bads, a good, a bad (the DOMAIN.md cap example) …
    const ann = ['bad', 'bad', 'bad', 'bad', 'bad', 'bad', 'good', 'bad'];
    for (const [i, rating] of ann.entries()) await send('RateOrderLine', { orderId: `o-${i + 1}`, line: 1, by: 'buyer', rating, at: day(12 + i) });
    // … and the shop rates Ann good on every order
    for (let i = 1; i <= 8; i++) await send('RateOrderLine', { orderId: `o-${i}`, line: 1, by: 'seller', rating: 'good', at: day(12 + i) });

    const readModels = new MemoryReadModelStore();
    const runner = new ProjectionRunner({ eventStore, readModels, projections: [sellerCredit, buyerCredit] });
    await runner.catchUp();
    const shop = (await readModels.get<CreditDocument>('credit.seller', 'shop1', 's-shop'))!;
    const buyer = (await readModels.get<CreditDocument>('credit.buyer', 'shop1', 'c-ann'))!;
    console.log(shop.score, shop.bad, shop.good); // -6 7 1: the net went −6, −5, −6
    console.log(buyer.score, buyer.level); // 6 { kind: 'heart', rank: 1 }: the 7th and 8th goods of March score 0

    const profile = creditProfileAsOf(shop, day(15));
    console.log(profile.score, profile.goodRateRecent, profile.goodRateAllTime); // -4, 0/4 = 0 %, 0/4 = 0 %
    console.log(profile.ratings.map((r) => `${r.orderId}:${r.points}:${r.reason}`).join(' ')); // o-1:-1:counted o-2:-1:counted …
    // #endregion
    expect([shop.score, shop.bad, shop.good]).toEqual([-6, 7, 1]);
    expect([buyer.score, buyer.level]).toEqual([6, { kind: 'heart', rank: 1 }]);
    expect(profile).toMatchObject({ score: -4, goodRateRecent: { numerator: 0, denominator: 4, percent: 0 }, goodRateAllTime: { numerator: 0, denominator: 4 } });
  });

  it('shows that example verbatim', () => {
    const source = readFileSync(fileURLToPath(import.meta.url), 'utf8');
    const region = (name: string) => {
      const m = new RegExp(`// #region ${name}\\n([\\s\\S]*?)\\n\\s*// #endregion`).exec(source);
      return m![1]!.split('\n').map((l) => l.replace(/^ {4}/, '')).join('\n');
    };
    const doc = readFileSync(fileURLToPath(new URL('../../../../docs/credit.md', import.meta.url)), 'utf8');
    expect(doc).toContain('```ts\n' + region('imports') + '\n\n' + region('example') + '\n```');
  });
});
