// The campaigns example in docs/marketing.md, run as a test: the doc's code block must be
// exactly the imports region followed by the example region below (dedented).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// #region imports
import * as E from 'fp-ts/lib/Either.js';
import { createCrm } from '@rapport/core';
import { memoryStores } from '@rapport/memory';
// #endregion

describe('docs/marketing.md, Campaigns', () => {
  it('runs its example', async () => {
    // #region example
    const crm = createCrm(memoryStores());
    const shop = { tenantId: 'shop1', actor: { kind: 'agent' as const, id: 'agent-7' } };
    const people = [['c-ann', '13800138001', 'sms'], ['c-bob', '13800138002', 'sms'], ['c-cat', '13800138003', 'sms'], ['c-dan', '13800138004', 'email']] as const;
    for (const [customerId, phone, channel] of people) {
      await crm.customers.register(shop, { customerId, name: customerId, phone, channel: 'ownSite' });
      await crm.customers.giveConsent(shop, { customerId, channel, at: '2026-07-01T00:00:00.000Z' });
    }
    // Cat had 4 marketing messages in the last 30 days
    for (const day of ['01', '05', '09', '12']) await crm.marketing.send(shop, { customerId: 'c-cat', channel: 'sms', at: `2026-08-${day}T02:00:00.000Z` });

    // define: channel, audience (ids from a segment or a query), cost in fen, schedule
    await crm.campaigns.define(shop, {
      campaignId: 'qixi',
      name: '七夕',
      channel: 'sms',
      audience: ['c-ann', 'c-bob', 'c-cat', 'c-dan'],
      audienceSource: 'segment:importantValue',
      cost: 10_000,
      scheduledAt: '2026-08-19T02:00:00.000Z',
      at: '2026-08-15T00:00:00.000Z',
    });
    // send: consent and the cap are checked per recipient now; each message counts toward the cap
    const report = await crm.campaigns.send({ ...shop, commandId: 'send-qixi' }, { campaignId: 'qixi', at: '2026-08-19T02:00:00.000Z' });
    if (E.isRight(report)) console.log(report.right.sent.map((s) => s.customerId), report.right.refused);
    // [ 'c-ann', 'c-bob' ] [
    //   { customerId: 'c-cat', reason: 'capReached', nextAllowedAt: '2026-08-31T02:00:00.001Z' },
    //   { customerId: 'c-dan', reason: 'noConsent', nextAllowedAt: null }
    // ]
    await crm.campaigns.recordResponse(shop, { campaignId: 'qixi', customerId: 'c-ann', response: 'clicked', at: '2026-08-19T09:00:00.000Z' });

    // Ann pays within 7 × 24 h of the send; Bob one second too late
    const line = { sku: 'qixi-box', productId: 'qixi-box', category: 'gifts', quantity: 1, unitPrice: 35_000 };
    await crm.orders.place(shop, { orderId: 'o-ann', customerId: 'c-ann', sellerId: 's-1', couponAmount: 0, lines: [line], at: '2026-08-20T10:00:00.000Z' });
    await crm.orders.pay(shop, { orderId: 'o-ann', method: 'alipay', amount: 35_000, at: '2026-08-20T10:01:00.000Z' });
    await crm.orders.place(shop, { orderId: 'o-bob', customerId: 'c-bob', sellerId: 's-1', couponAmount: 0, lines: [line], at: '2026-08-26T02:00:00.000Z' });
    await crm.orders.pay(shop, { orderId: 'o-bob', method: 'wechat', amount: 35_000, at: '2026-08-26T02:00:01.000Z' });

    const results = await crm.projections.campaigns.results('shop1', 'qixi');
    console.log(results?.sent, results?.refusedByReason, results?.responses.clicked); // 2 { noConsent: 1, capReached: 1, erased: 0, unknownCustomer: 0, outOfOrder: 0 } 1
    console.log(results?.attributions.map((a) => a.orderId), results?.attributedRevenue, results?.roi);
    // [ 'o-ann' ] 35000 { numerator: 25000, denominator: 10000, percent: 250 }   ((35,000 − 10,000) ÷ 10,000)
    const history = await crm.projections.campaigns.history('shop1', 'c-ann');
    console.log(history?.received, history?.responses, history?.campaigns[0]?.attributedOrder); // 1 1 { orderId: 'o-ann', paidAt: '2026-08-20T10:01:00.000Z', paid: 35000, net: 35000 }
    // #endregion
    expect(E.isRight(report) && report.right.sent.map((s) => s.customerId)).toEqual(['c-ann', 'c-bob']);
    expect(E.isRight(report) && report.right.refused).toEqual([
      { customerId: 'c-cat', reason: 'capReached', nextAllowedAt: '2026-08-31T02:00:00.001Z' },
      { customerId: 'c-dan', reason: 'noConsent', nextAllowedAt: null },
    ]);
    expect(results).toMatchObject({ sent: 2, refusedByReason: { noConsent: 1, capReached: 1, erased: 0, unknownCustomer: 0, outOfOrder: 0 }, responses: { clicked: 1 } });
    expect(results?.attributions.map((a) => a.orderId)).toEqual(['o-ann']);
    expect(results?.attributedRevenue).toBe(35_000);
    expect(results?.roi).toEqual({ numerator: 25_000, denominator: 10_000, percent: 250 });
    expect(history).toMatchObject({ received: 1, responses: 1 });
    expect(history?.campaigns[0]?.attributedOrder).toEqual({ orderId: 'o-ann', paidAt: '2026-08-20T10:01:00.000Z', paid: 35_000, net: 35_000 });
  });

  it('shows that example verbatim', () => {
    const source = readFileSync(fileURLToPath(import.meta.url), 'utf8');
    const region = (name: string) => {
      const m = new RegExp(`// #region ${name}\\n([\\s\\S]*?)\\n\\s*// #endregion`).exec(source);
      return m![1]!.split('\n').map((l) => l.replace(/^ {4}/, '')).join('\n');
    };
    const doc = readFileSync(fileURLToPath(new URL('../../../../../docs/marketing.md', import.meta.url)), 'utf8');
    expect(doc).toContain('```ts\n' + region('imports') + '\n\n' + region('example') + '\n```');
  });
});
