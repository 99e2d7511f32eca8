// The example in docs/analytics.md, run as a test: the doc's code block must be exactly the
// imports region followed by the example region below (dedented), so the doc never rots.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// #region imports
import { createCrm, sequentialIds, steppingClock } from '@rapport/core';
import { memoryStores } from '@rapport/memory';
// #endregion

describe('docs/analytics.md', () => {
  it('runs its example', async () => {
    // #region example
    const clock = steppingClock('2026-03-01T00:00:00.000Z', 1000);
    const crm = createCrm({ ...memoryStores({ clock }), clock, ids: sequentialIds('cmd') });
    const shop = { tenantId: 'tea-house', actor: { kind: 'agent' as const, id: 'li' } };
    const sell = async (orderId: string, customerId: string, day: string, fen: number) => {
      const at = (h: number) => `${day}T0${h}:00:00.000Z`;
      const line = { sku: 'longjing-250g', productId: 'longjing', category: 'greenTea', quantity: 1, unitPrice: fen };
      await crm.orders.place(shop, { orderId, customerId, sellerId: 'tea-house', couponAmount: 0, lines: [line], at: at(1) });
      await crm.orders.pay(shop, { orderId, method: 'alipay', amount: fen, at: at(2) });
      await crm.orders.ship(shop, { orderId, at: at(3) });
      await crm.orders.deliver(shop, { orderId, at: at(4) });
      await crm.orders.complete(shop, { orderId, by: 'buyer', at: at(5) });
    };
    for (const c of ['c-1', 'c-2', 'c-3']) await crm.customers.register(shop, { customerId: c, name: '顾客', channel: 'ownSite' });
    await sell('o-1', 'c-1', '2026-03-02', 30_000);
    await sell('o-2', 'c-1', '2026-03-20', 18_000);
    await sell('o-3', 'c-2', '2026-03-25', 6_800);
    await sell('o-4', 'c-3', '2026-01-05', 2_000);

    const asOf = '2026-03-31T15:59:59.999Z'; // end of 31 March in Shanghai
    const rfm = await crm.analytics.rfm('tea-house', { asOf });
    expect(rfm.customers.map((c) => `${c.customerId} R${c.recencyDays} F${c.frequency} M${c.monetary} ${c.r}${c.f}${c.m} ${c.segment}`)).toEqual([
      'c-1 R11 F2 M48000 HHH importantValue', // means: R 85/3 days, F 4/3, M 56800/3 fen
      'c-2 R6 F1 M6800 HLL generalDevelop',
      'c-3 R85 F1 M2000 LLL generalWinBack',
    ]);
    const churn = await crm.analytics.churn('tea-house', { asOf });
    expect(churn.customers.map((c) => `${c.customerId} ${c.status}`)).toEqual(['c-1 active', 'c-2 active', 'c-3 active']);
    const april = await crm.analytics.churn('tea-house', { asOf: '2026-04-30T15:59:59.999Z' });
    // c-1: 41 days since, mean gap 18 (> 27 = 1.5 ×); c-3: one order, 115 days (> 90)
    expect(april.customers.map((c) => `${c.customerId} ${c.status}`)).toEqual(['c-1 atRisk', 'c-2 active', 'c-3 atRisk']);
    const core = await crm.analytics.coreCustomers('tea-house', { asOf });
    expect(core.customers.map((c) => c.customerId)).toEqual(['c-1']); // 48000 of 56800 = 84.51%
    expect(core.share?.percent).toBe(84.51);
    const [march] = await crm.analytics.kpis('tea-house', { from: '2026-03-01', to: '2026-03-31', by: 'month' });
    expect(march).toMatchObject({ orders: 3, paidOrders: 3, revenue: 54_800, buyers: 2, repurchaseRate: { numerator: 1, denominator: 2, percent: 50 } });
    // #endregion
  });

  it('shows that example verbatim', () => {
    const source = readFileSync(fileURLToPath(import.meta.url), 'utf8');
    const region = (name: string) => {
      const m = new RegExp(`// #region ${name}\\n([\\s\\S]*?)\\n\\s*// #endregion`).exec(source);
      return m![1]!.split('\n').map((l) => l.replace(/^ {4}/, '')).join('\n');
    };
    const doc = readFileSync(fileURLToPath(new URL('../../../../docs/analytics.md', import.meta.url)), 'utf8');
    expect(doc).toContain('```ts\n' + region('imports') + '\n\n' + region('example') + '\n```');
  });
});
