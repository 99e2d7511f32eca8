import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { loyaltyKernel } from './kernelFixture.js';
import { loyaltyReads } from './read.js';

const ok = <T>(r: E.Either<{ message: string }, T>): T => {
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};

describe('loyalty end to end through createCrmKernel (orders + loyalty, memory stores)', () => {
  it('an order completed earns points by the reactor after settle(); a refund after completion reverses them', async () => {
    const { kernel, readModels, completeOrder, ok: send } = loyaltyKernel();
    const reads = loyaltyReads(readModels);
    await completeOrder('o1', 'c1', 12_345, '2025-11-15T04:00:00.000Z');
    expect(await reads.account('shop1', 'c1')).toBeUndefined();
    await kernel.settle();
    const account = await reads.account('shop1', 'c1');
    expect(account).toMatchObject({
      customerId: 'c1', balance: 123, tier: 'regular', valueClass: 'ordinary',
      lots: [{ orderId: 'o1', points: 123, remaining: 123, usableUntil: '2026-11-30T15:59:59.999Z', expiresAt: '2026-11-30T16:00:00.000Z' }],
    });
    await send('RefundOrder', { orderId: 'o1', amount: 6_173, at: '2025-11-20T04:00:00.000Z' }); // net 6,172 → 61 points
    await kernel.settle();
    expect(await reads.account('shop1', 'c1')).toMatchObject({ balance: 61, totals: { earned: 123, reversed: 62 } });
    const explained = await reads.explainPoints('shop1', 'c1');
    expect(explained?.adds).toBe(true);
    expect(explained?.lines.map((l) => [l.kind, l.change])).toEqual([['earned', 123], ['reversed', -62]]);
  });

  it('a refund before completion lowers the points first earned; it is not a reversal', async () => {
    const { kernel, readModels, ok: send } = loyaltyKernel();
    await send('PlaceOrder', { orderId: 'o1', customerId: 'c1', sellerId: 's1', couponAmount: 0, at: '2026-03-01T00:00:00.000Z', lines: [{ sku: 'a', productId: 'a', category: 'a', quantity: 1, unitPrice: 10_000 }] });
    await send('PayOrder', { orderId: 'o1', method: 'wechat', amount: 10_000, at: '2026-03-01T01:00:00.000Z' });
    await send('RefundOrder', { orderId: 'o1', amount: 4_000, at: '2026-03-01T02:00:00.000Z' });
    await send('ShipOrder', { orderId: 'o1', at: '2026-03-01T03:00:00.000Z' });
    await send('DeliverOrder', { orderId: 'o1', at: '2026-03-02T00:00:00.000Z' });
    await send('CompleteOrder', { orderId: 'o1', by: 'buyer', at: '2026-03-03T00:00:00.000Z' });
    await kernel.settle();
    expect(await loyaltyReads(readModels).account('shop1', 'c1')).toMatchObject({ balance: 60, totals: { earned: 60, reversed: 0 }, entries: [{ kind: 'earned' }] });
  });

  it('runDue expires a lot at its instant, scores on the 8th, promotes, and never repeats', async () => {
    const { kernel, readModels, eventStore, completeOrder } = loyaltyKernel();
    const reads = loyaltyReads(readModels);
    // 100 orders of 1,000 CNY over 100 days: 100 × (100 + 5 capped at 60 a month) → well over 1000
    for (let i = 0; i < 100; i++) await completeOrder(`o${i}`, 'c1', 100_000, new Date(Date.parse('2025-11-15T04:00:00.000Z') + i * 86_400_000).toISOString());
    await kernel.settle();
    const due = ok(await kernel.runDue('2026-03-07T16:00:00.000Z', 'shop1'));
    expect(due.issued).toBe(1); // March's score
    const account = await reads.account('shop1', 'c1');
    expect(account?.score).toMatchObject({ month: '2026-03', at: '2026-03-07T16:00:00.000Z', clean: true, components: { base: 400, family: 0, rewards: 0 } });
    expect(account?.score!.score).toBeGreaterThanOrEqual(1000);
    expect(account?.tierHistory).toMatchObject([{ from: 'regular', to: 'super', reason: 'monthlyScore' }]);
    expect(account?.lots[0]).toMatchObject({ orderId: 'o0', tier: 'regular', multiplier: 100 });

    expect(ok(await kernel.runDue('2026-11-30T15:59:59.999Z', 'shop1')).refused).toEqual([]);
    const before = (await reads.account('shop1', 'c1'))!;
    expect(before.lots.some((l) => l.orderId === 'o0')).toBe(true);
    ok(await kernel.runDue('2026-11-30T16:00:00.000Z', 'shop1'));
    const after = (await reads.account('shop1', 'c1'))!;
    // every lot earned in November (local) goes at the same instant; December's stay
    expect(after.entries.filter((e) => e.kind === 'expired').map((e) => (e as { orderId: string }).orderId)).toEqual(Array.from({ length: 16 }, (_, i) => `o${i}`));
    expect(after.lots[0]).toMatchObject({ orderId: 'o16', earnedAt: '2025-12-01T04:00:00.000Z' });
    expect(after.balance).toBe(before.balance - 16 * 1_000);
    const size = eventStore.size;
    expect(ok(await kernel.runDue('2026-11-30T16:00:00.000Z', 'shop1')).issued).toBe(0);
    expect(eventStore.size).toBe(size);
  });

  it('bad input is refused with its field paths and nothing is written; so is a refusal', async () => {
    const { kernel, eventStore, completeOrder, send } = loyaltyKernel();
    await completeOrder('o1', 'c1', 10_000, '2026-03-01T00:00:00.000Z');
    await kernel.settle();
    const size = eventStore.size;
    const bad = await send('RedeemPoints', { customerId: 'c.1', redemptionId: 'r1', points: 0, at: '2026-03-02' });
    expect(E.isLeft(bad) && bad.left.kind === 'ValidationError' && bad.left.issues.map((i) => i.path)).toEqual([
      ['data', 'customerId'],
      ['data', 'points'],
      ['data', 'at'],
    ]);
    const score = await send('RecordMonthlyScore', { customerId: 'c1', month: '2026-13', at: '2026-03-07T16:00:00.000Z', windowFrom: '2025-03-07T16:00:00.000Z', score: 400, components: { spend: 0, orderBonus: -5, rewards: 0, family: 0, base: 400 }, spend12m: 0, clean: true });
    expect(E.isLeft(score) && score.left.kind === 'ValidationError' && score.left.issues.map((i) => i.path)).toEqual([['data', 'month'], ['data', 'components', 'orderBonus']]);
    const over = await send('RedeemPoints', { customerId: 'c1', redemptionId: 'r1', points: 101, at: '2026-03-02T00:00:00.000Z' });
    expect(E.isLeft(over) && over.left).toMatchObject({ code: 'LOYALTY_POINTS_INSUFFICIENT', path: ['data', 'points'] });
    const price = await send('BuyMembership', { customerId: 'c1', pricePaidFen: 8_800, at: '2026-03-02T00:00:00.000Z' });
    expect(E.isLeft(price) && price.left).toMatchObject({ code: 'LOYALTY_MEMBERSHIP_PRICE', details: { price: 88_800 } });
    expect(eventStore.size).toBe(size);
  });

  it('runDue is idempotent for any now: a second run at the same now issues and writes nothing', async () => {
    const instant = fc.integer({ min: 0, max: 30 * 30 }).map((d) => new Date(Date.parse('2025-10-01T00:00:00.000Z') + d * 43_200_000).toISOString());
    await fc.assert(
      fc.asyncProperty(fc.array(instant, { minLength: 1, maxLength: 4 }), fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 4 }), fc.boolean(), async (nows, days, buy) => {
        const { kernel, eventStore, completeOrder, ok: send } = loyaltyKernel();
        for (const [i, d] of days.entries()) await completeOrder(`o${i}`, `c${i % 2}`, 50_000 + i, new Date(Date.parse('2025-10-01T00:00:00.000Z') + d * 86_400_000).toISOString());
        if (buy) await send('BuyMembership', { customerId: 'c0', pricePaidFen: 88_800, at: '2025-10-02T00:00:00.000Z' });
        await kernel.settle();
        for (const now of nows) {
          const first = ok(await kernel.runDue(now, 'shop1'));
          expect(first.refused).toEqual([]);
          const size = eventStore.size;
          const again = ok(await kernel.runDue(now, 'shop1'));
          expect(again.issued).toBe(0);
          expect(eventStore.size).toBe(size);
        }
      }),
      { numRuns: 25 },
    );
  });
});
