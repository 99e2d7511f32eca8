import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { MemoryEventStore, MemoryReadModelStore } from '@rapport/memory';
import { createCommandBus, eventRegistry, fixedClock, ProjectionRunner } from '../../index.js';
import { OrderEvent } from '../../orders/events.js';
import { ordersHandler } from '../../orders/handler.js';
import { creditProfileAsOf } from '../profile.js';
import { at, T } from '../testFacts.js';
import { buyerCredit, RATER_SHARDS, raterFactsOf, raterShardOf, ratersOf, sellerCredit, type CreditDocument } from './creditProfile.js';

const setup = () => {
  const registry = eventRegistry(OrderEvent);
  const store = new MemoryEventStore({ registry, clock: fixedClock(T) });
  const bus = createCommandBus([ordersHandler], { eventStore: store, registry, clock: fixedClock(T) });
  const readModels = new MemoryReadModelStore();
  const runner = new ProjectionRunner({ eventStore: store, readModels, projections: [sellerCredit, buyerCredit] });
  let n = 0;
  const send = async (type: string, data: Record<string, unknown>) => {
    const r = await bus.handle({ type, data, metadata: { commandId: `c-${++n}`, tenantId: 'shop1', actor: { kind: 'user', id: 'clerk' } } });
    if (E.isLeft(r)) throw new Error(`${type} refused: ${r.left.message}`);
  };
  /** An order of one line of `productId`, placed at `placedAt`, paid a minute later and completed a week after. */
  const sale = async (orderId: string, customerId: string, sellerId: string, productId: string, placedAt: string) => {
    const lines = [{ sku: `sku-${productId}`, productId, category: 'apparel', quantity: 1, unitPrice: 9900 }];
    await send('PlaceOrder', { orderId, customerId, sellerId, lines, couponAmount: 0, at: placedAt });
    await send('PayOrder', { orderId, method: 'alipay', amount: 9900, at: at(0, 60, placedAt) });
    await send('ShipOrder', { orderId, at: at(1, 0, placedAt) });
    await send('DeliverOrder', { orderId, at: at(3, 0, placedAt) });
    await send('CompleteOrder', { orderId, by: 'buyer', at: at(7, 0, placedAt) });
  };
  const rate = (orderId: string, by: 'buyer' | 'seller', rating: string, when: string) => send('RateOrderLine', { orderId, line: 1, by, rating, at: when });
  const seller = async (id: string) => (await readModels.get<CreditDocument>('credit.seller', 'shop1', id))!;
  const buyer = async (id: string) => (await readModels.get<CreditDocument>('credit.buyer', 'shop1', id))!;
  return { send, sale, rate, runner, seller, buyer };
};

describe('seller credit from buyers’ ratings', () => {
  it('follows the DOMAIN.md cap example: 6 bads, a good, a bad → −6, −5, −6', async () => {
    const { sale, rate, runner, seller } = setup();
    for (let n = 1; n <= 8; n++) await sale(`o-${n}`, 'c-ann', 's-shop', `p-${n}`, at(n));
    const seq = ['bad', 'bad', 'bad', 'bad', 'bad', 'bad', 'good', 'bad'];
    const nets: number[] = [];
    for (const [i, rating] of seq.entries()) {
      await rate(`o-${i + 1}`, 'buyer', rating, at(16, i));
      await runner.catchUp();
      nets.push((await seller('s-shop')).score);
    }
    expect(nets).toEqual([-1, -2, -3, -4, -5, -6, -5, -6]);
    expect(await seller('s-shop')).toMatchObject({
      partyId: 's-shop',
      side: 'seller',
      level: { kind: 'none', rank: 0 },
      good: 1,
      neutral: 0,
      bad: 7,
      goodRateAllTime: { numerator: 1, denominator: 8, percent: 12.5 },
    });
  });

  it('counts the 14-day rule over paid lines: exactly 14 × 24 h inside, a second later outside', async () => {
    const { sale, rate, runner, seller } = setup();
    await sale('o-a', 'c-ann', 's-shop', 'p-1', T); // paid at T + 60 s
    await sale('o-b', 'c-ann', 's-shop', 'p-1', at(14)); // paid 14 × 24 h later: same group
    await sale('o-c', 'c-ann', 's-shop', 'p-1', at(14, 1)); // a second later: a new group
    for (const [i, o] of ['o-a', 'o-b', 'o-c'].entries()) await rate(o, 'buyer', 'good', at(22, i));
    await runner.catchUp();
    expect(await seller('s-shop')).toMatchObject({ score: 2, good: 3 });
  });

  it('keeps a rating when the order is refunded later', async () => {
    const { sale, rate, runner, seller, send } = setup();
    await sale('o-1', 'c-ann', 's-shop', 'p-1', T);
    await rate('o-1', 'buyer', 'good', at(8));
    await send('RefundOrder', { orderId: 'o-1', amount: 9900, at: at(9) });
    await runner.catchUp();
    expect(await seller('s-shop')).toMatchObject({ score: 1, good: 1 });
  });
});

describe('buyer credit from sellers’ ratings, the same rules mirrored', () => {
  it('caps a seller’s goods for one buyer at +6 a month, and the buyer’s own ratings do not count', async () => {
    const { sale, rate, runner, buyer, seller } = setup();
    for (let n = 1; n <= 7; n++) await sale(`o-${n}`, 'c-bob', 's-shop', `p-${n}`, at(n));
    await sale('o-8', 'c-bob', 's-two', 'p-1', at(1));
    for (let n = 1; n <= 7; n++) await rate(`o-${n}`, 'seller', 'good', at(16, n));
    await rate('o-8', 'seller', 'bad', at(16, 30));
    await rate('o-1', 'buyer', 'bad', at(16, 40));
    await runner.catchUp();
    expect(await buyer('c-bob')).toMatchObject({ side: 'buyer', partyId: 'c-bob', score: 5, good: 7, bad: 1, level: { kind: 'heart', rank: 1 } });
    const bob = await buyer('c-bob');
    expect([raterFactsOf(bob, 's-shop')?.score, raterFactsOf(bob, 's-two')?.score]).toEqual([6, -1]);
    expect(ratersOf(bob).map(([id]) => id).sort()).toEqual(['s-shop', 's-two']);
    expect(await seller('s-shop')).toMatchObject({ score: -1, bad: 1, good: 0 });
  });

  it('applies the 14-day rule to a seller’s bads of one buyer', async () => {
    const { sale, rate, runner, buyer } = setup();
    await sale('o-1', 'c-bob', 's-shop', 'p-1', T);
    await sale('o-2', 'c-bob', 's-shop', 'p-1', at(5));
    await rate('o-1', 'seller', 'bad', at(13));
    await rate('o-2', 'seller', 'bad', at(13, 1));
    await runner.catchUp();
    expect(await buyer('c-bob')).toMatchObject({ score: -1, bad: 2 });
  });
});

describe('creditProfileAsOf', () => {
  it('re-derives score, level, counts and good rates from the facts up to the instant', async () => {
    const { sale, rate, runner, seller } = setup();
    await sale('o-1', 'c-1', 's-shop', 'p-1', at(1));
    for (let n = 2; n <= 5; n++) await sale(`o-${n}`, `c-${n}`, 's-shop', 'p-1', at(180 + n));
    await rate('o-1', 'buyer', 'bad', at(10));
    for (let n = 2; n <= 5; n++) await rate(`o-${n}`, 'buyer', 'good', at(190 + n));
    await runner.catchUp();
    const doc = await seller('s-shop');
    expect(creditProfileAsOf(doc, at(10, -1))).toMatchObject({ score: 0, good: 0, bad: 0, goodRateRecent: null, goodRateAllTime: null });
    expect(creditProfileAsOf(doc, at(10))).toMatchObject({ score: -1, bad: 1, goodRateRecent: { numerator: 0, denominator: 1, percent: 0 } });
    const now = creditProfileAsOf(doc, at(195));
    expect(now).toMatchObject({
      score: 3,
      level: { kind: 'none', rank: 0 },
      good: 4,
      bad: 1,
      recentDays: 180,
      goodRateRecent: { numerator: 4, denominator: 4, percent: 100 }, // the bad of day 10 is 185 days old
      goodRateAllTime: { numerator: 4, denominator: 5, percent: 80 },
    });
    expect(now.score).toBe(doc.score);
    expect(now.ratings.map((r) => r.reason)).toEqual(['counted', 'counted', 'counted', 'counted', 'counted']);
    expect(creditProfileAsOf(doc, at(190))).toMatchObject({ goodRateRecent: { numerator: 0, denominator: 1 } }); // day 10 is exactly 180 days before
  });
});

describe('raters kept in shards', () => {
  it('spreads a seller’s many buyers over the shards, and one event replaces only its buyer’s shard', async () => {
    const { sale, rate, runner, seller } = setup();
    for (let n = 1; n <= 200; n++) await sale(`o-${n}`, `c-${n}`, 's-shop', 'p-1', at(1));
    await runner.catchUp();
    const before = await seller('s-shop');
    expect(ratersOf(before)).toHaveLength(200);
    expect(Object.keys(before.raters).length).toBeGreaterThan(RATER_SHARDS / 2);
    for (const key of Object.keys(before.raters)) expect(Number(key)).toBeLessThan(RATER_SHARDS);
    await rate('o-7', 'buyer', 'good', at(16));
    await runner.catchUp();
    const after = await seller('s-shop');
    expect(after.score).toBe(1);
    expect(raterFactsOf(after, 'c-7')).toMatchObject({ score: 1, ratings: [{ orderId: 'o-7', rating: 'good' }] });
    const changed = Object.keys(after.raters).filter((k) => after.raters[k] !== before.raters[k]);
    expect(changed).toEqual([raterShardOf('c-7')]);
  });

  it('places a rater id in the same shard every time', () => {
    expect(['c-1', 'c-0001', '买家-7', ''].map(raterShardOf)).toEqual(['c-1', 'c-0001', '买家-7', ''].map(raterShardOf));
    const shards = new Set(Array.from({ length: 1000 }, (_, i) => raterShardOf(`c-${i}`)));
    expect(shards.size).toBe(RATER_SHARDS);
  });
});
