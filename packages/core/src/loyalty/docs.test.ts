// The example in docs/loyalty.md, run as a test: the doc's code block must be exactly the
// imports region followed by the example region below (dedented), so the doc never rots.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// #region imports
import * as E from 'fp-ts/lib/Either.js';
import {
  createCrmKernel, fixedClock, loyaltyModuleFor, loyaltyPolicy, loyaltyReads, ordersModuleFor, resolveCrmPolicy,
} from '@rapport/core';
import { memoryStores } from '@rapport/memory';
// #endregion

describe('docs/loyalty.md', () => {
  it('runs its example', async () => {
    // #region example
    const policy = loyaltyPolicy({}); // Asia/Shanghai, score on the 8th, ×1 / ×1.5 / ×2 / ×3, 88 or 888 CNY
    const crmPolicy = resolveCrmPolicy();
    if (E.isLeft(policy) || E.isLeft(crmPolicy)) throw new Error('bad policy');
    const clock = fixedClock('2025-11-15T04:00:00.000Z');
    const stores = memoryStores({ clock });
    const kernel = createCrmKernel({ ...stores, clock, modules: [ordersModuleFor(crmPolicy.right), loyaltyModuleFor(policy.right)] });
    const loyalty = loyaltyReads(stores.readModels);
    let n = 0;
    const send = (type: string, data: Record<string, unknown>) =>
      kernel.handle({ type, data, metadata: { commandId: `cmd-${++n}`, tenantId: 'shop1', actor: { kind: 'agent', id: 'a1' } } });

    // 王芳 buys tea for 123.45 CNY; the order completes on 15 November 2025 (Shanghai noon)
    await send('PlaceOrder', { orderId: 'o1', customerId: 'wang', sellerId: 's1', couponAmount: 0, at: '2025-11-12T04:00:00.000Z',
      lines: [{ sku: 'pu-erh', productId: 'pu-erh', category: 'tea', quantity: 1, unitPrice: 12_345 }] });
    await send('PayOrder', { orderId: 'o1', method: 'alipay', amount: 12_345, at: '2025-11-12T04:05:00.000Z' });
    await send('ShipOrder', { orderId: 'o1', at: '2025-11-13T04:00:00.000Z' });
    await send('DeliverOrder', { orderId: 'o1', at: '2025-11-14T04:00:00.000Z' });
    await send('CompleteOrder', { orderId: 'o1', by: 'buyer', at: '2025-11-15T04:00:00.000Z' });
    await kernel.settle(); // the reactor sends EarnPoints; projections catch up
    const earned = await loyalty.account('shop1', 'wang');
    console.log(earned?.balance, earned?.lots[0]?.usableUntil); // 123 '2026-11-30T15:59:59.999Z'

    // half the money goes back after completion: net 6,172 fen → ⌊61 × 100/100⌋ = 61 points, 62 reversed
    await send('RefundOrder', { orderId: 'o1', amount: 6_173, at: '2025-11-20T04:00:00.000Z' });
    // 00:00 on 8 December in Shanghai: December's member score falls due
    const due = await kernel.runDue('2025-12-07T16:00:00.000Z', 'shop1');
    if (E.isRight(due)) console.log(due.right.issued); // 1
    const scored = (await loyalty.account('shop1', 'wang'))?.score;
    console.log(scored?.score, scored?.components); // 411 { spend: 6, orderBonus: 5, rewards: 0, family: 0, base: 400 }

    // below 1000 the membership costs 888 CNY: the wrong price is refused with the right one
    const cheap = await send('BuyMembership', { customerId: 'wang', pricePaidFen: 8_800, at: '2025-12-10T02:00:00.000Z' });
    if (E.isLeft(cheap)) console.log(cheap.left.message); // the membership costs 88800 fen for a score of 411, not 8800
    await send('BuyMembership', { customerId: 'wang', pricePaidFen: 88_800, at: '2025-12-10T02:00:00.000Z' });
    await kernel.settle();
    const member = await loyalty.account('shop1', 'wang');
    console.log(member?.tier, member?.valueClass, member?.tierHistory[0]?.reason); // paidMember important membershipBought

    // the lot is gone at 00:00 on 1 December 2026, Shanghai time
    await kernel.runDue('2026-11-30T16:00:00.000Z', 'shop1');
    for (const line of (await loyalty.explainPoints('shop1', 'wang'))?.lines ?? []) console.log(line.change, line.text);
    // 123 order o1 completed: ⌊⌊12345 fen ÷ 100⌋ × 100/100 (regular)⌋ = 123
    // -62 order o1 refunded to 6172 fen: 123 → 61 points; took 62 from o1
    // -61 lot of o1 expired with 61 left
    // #endregion
    expect(earned).toMatchObject({ balance: 123, lots: [{ usableUntil: '2026-11-30T15:59:59.999Z' }] });
    expect(due).toEqual(E.right({ issued: 1, repeated: 0, refused: [] }));
    expect(E.isLeft(cheap) && cheap.left).toMatchObject({ code: 'LOYALTY_MEMBERSHIP_PRICE', details: { price: 88_800 } });
    expect(member).toMatchObject({ tier: 'paidMember', valueClass: 'important', score: { score: 411, components: { spend: 6, orderBonus: 5, rewards: 0, family: 0, base: 400 } } });
    const explained = await loyalty.explainPoints('shop1', 'wang');
    expect(explained?.lines.map((l) => [l.change, l.text])).toEqual([
      [123, 'order o1 completed: ⌊⌊12345 fen ÷ 100⌋ × 100/100 (regular)⌋ = 123'],
      [-62, 'order o1 refunded to 6172 fen: 123 → 61 points; took 62 from o1'],
      [-61, 'lot of o1 expired with 61 left'],
    ]);
    expect(explained).toMatchObject({ balance: 0, adds: true });
  });

  it('shows that example verbatim', () => {
    const source = readFileSync(fileURLToPath(import.meta.url), 'utf8');
    const region = (name: string) => {
      const m = new RegExp(`// #region ${name}\\n([\\s\\S]*?)\\n\\s*// #endregion`).exec(source);
      return m![1]!.split('\n').map((l) => l.replace(/^ {4}/, '')).join('\n');
    };
    const doc = readFileSync(fileURLToPath(new URL('../../../../docs/loyalty.md', import.meta.url)), 'utf8');
    expect(doc).toContain('```ts\n' + region('imports') + '\n\n' + region('example') + '\n```');
  });
});
