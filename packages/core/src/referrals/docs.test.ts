// The example in docs/referrals.md, run as a test: the doc's code block must be exactly the
// imports region followed by the example region below (dedented), so the doc never rots.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// #region imports
import * as E from 'fp-ts/lib/Either.js';
import {
  createCrmKernel, customersModule, explainCommission, ordersModuleFor, referralPolicy, referralsModuleFor,
  registerCustomer, resolveCrmPolicy, steppingClock, type CommissionLedger,
} from '@rapport/core';
import { memoryStores } from '@rapport/memory';
// #endregion

describe('docs/referrals.md', () => {
  it('runs its example', async () => {
    // #region example
    const pyramid = referralPolicy({ levels: [1000, 2000, 1000, 500], entryFee: 9900 });
    if (E.isLeft(pyramid)) for (const i of pyramid.left.issues) console.log(i.path, i.message); // ['levels'] 4 levels: at most 3 ... / ['entryFee'] ...

    const policy = referralPolicy({}); // 10% / 20% of L1 / 10% of L1; 5% tax, 5% fee, 10% retained; Asia/Shanghai
    const crmPolicy = resolveCrmPolicy();
    if (E.isLeft(policy) || E.isLeft(crmPolicy)) throw new Error('bad policy');
    const clock = steppingClock('2026-03-01T00:00:00.000Z', 1000);
    const stores = memoryStores({ clock });
    const kernel = createCrmKernel({ ...stores, clock, modules: [customersModule, ordersModuleFor(crmPolicy.right), referralsModuleFor(policy.right)] });
    let n = 0;
    const metadata = () => ({ commandId: `cmd-${++n}`, tenantId: 'shop1', actor: { kind: 'agent' as const, id: 'a1' } });
    const send = (type: string, data: Record<string, unknown>) => kernel.handle({ type, data, metadata: metadata() });

    // 王芳 referred 李娜, who referred 张伟: the referrer is given at registration
    for (const [customerId, referrerId] of [['wang', null], ['li', 'wang'], ['zhang', 'li']] as const)
      await registerCustomer({ handle: kernel.handle, vault: stores.vault }, {
        data: { customerId, name: customerId, email: `${customerId}@example.com`, channel: referrerId ? 'referral' : 'ownSite', referrerId },
        metadata: metadata(),
      });
    // 张伟 buys for 999.99 CNY; the order completes in March
    await send('PlaceOrder', { orderId: 'o1', customerId: 'zhang', sellerId: 's1', couponAmount: 0, at: '2026-03-02T02:00:00.000Z',
      lines: [{ sku: 'pu-erh', productId: 'pu-erh', category: 'tea', quantity: 1, unitPrice: 99_999 }] });
    await send('PayOrder', { orderId: 'o1', method: 'alipay', amount: 99_999, at: '2026-03-02T02:05:00.000Z' });
    await send('ShipOrder', { orderId: 'o1', at: '2026-03-03T02:00:00.000Z' });
    await send('DeliverOrder', { orderId: 'o1', at: '2026-03-04T02:00:00.000Z' });
    await send('CompleteOrder', { orderId: 'o1', by: 'buyer', at: '2026-03-05T02:00:00.000Z' });
    // half of it comes back after completion
    await send('RefundOrder', { orderId: 'o1', amount: 50_000, at: '2026-03-20T02:00:00.000Z' });
    // March closes at 2026-04-01 00:00 Shanghai time: statements fall due
    const due = await kernel.runDue('2026-03-31T16:00:00.000Z', 'shop1');
    if (E.isRight(due)) console.log(due.right.issued); // 2 (李娜 and 王芳)

    const li = await stores.readModels.get<CommissionLedger>('referrals.commissionLedger', 'shop1', 'li');
    for (const step of explainCommission(li!, 'o1')?.levels.flatMap((l) => l.steps) ?? []) console.log(step);
    // L1 = ⌊net 99999 × 10%⌋ = 9999 fen (order completed 2026-03-05T02:00:00.000Z)
    // refund 2026-03-20T02:00:00.000Z: net 99999 → 49999; L1 = ⌊net 49999 × 10%⌋ = 4999 fen; clawed back 9999 − 4999 = 5000 fen
    console.log(li?.statements[0]); // gross 4999, tax 250, fee 250, retained 500, paidOut 3999
    // #endregion
    expect(pyramid).toMatchObject({ left: { issues: [{ path: ['levels'] }, { path: ['entryFee'] }] } });
    expect(due).toEqual(E.right({ issued: 2, repeated: 0, refused: [] }));
    expect(explainCommission(li!, 'o1')?.levels.flatMap((l) => l.steps)).toEqual([
      'L1 = ⌊net 99999 × 10%⌋ = 9999 fen (order completed 2026-03-05T02:00:00.000Z)',
      'refund 2026-03-20T02:00:00.000Z: net 99999 → 49999; L1 = ⌊net 49999 × 10%⌋ = 4999 fen; clawed back 9999 − 4999 = 5000 fen',
    ]);
    expect(li?.statements[0]).toMatchObject({ month: '2026-03', gross: 4_999, tax: 250, fee: 250, retained: 500, paidOut: 3_999 });
  });

  it('shows that example verbatim', () => {
    const source = readFileSync(fileURLToPath(import.meta.url), 'utf8');
    const region = (name: string) => {
      const m = new RegExp(`// #region ${name}\\n([\\s\\S]*?)\\n\\s*// #endregion`).exec(source);
      return m![1]!.split('\n').map((l) => l.replace(/^ {4}/, '')).join('\n');
    };
    const doc = readFileSync(fileURLToPath(new URL('../../../../docs/referrals.md', import.meta.url)), 'utf8');
    expect(doc).toContain('```ts\n' + region('imports') + '\n\n' + region('example') + '\n```');
  });
});
