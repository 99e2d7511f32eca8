// The example in docs/auditing.md, run as a test: the doc's code block must be exactly the
// imports region followed by the example region below (dedented), so the doc never rots.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// #region imports
import { createCrm, sequentialIds, type IsoInstant } from '@rapport/core';
import { memoryStores } from '@rapport/memory';
// #endregion

describe('docs/auditing.md', () => {
  it('runs its example', async () => {
    // #region example
    // a clock moved by hand, so that one fact can be recorded late
    let now = '2026-03-01T08:00:00.000Z';
    const clock = { now: () => now as IsoInstant };
    const crm = createCrm({ ...memoryStores({ clock }), clock, ids: sequentialIds('cmd') });
    const shop = { tenantId: 'shop1', actor: { kind: 'agent' as const, id: 'agent-7' } };

    await crm.customers.register(shop, { customerId: 'c-li', name: '李娜', phone: '13800138000', channel: 'ownSite' });
    await crm.customers.register(shop, { customerId: 'c-wang', name: '王伟', phone: '13900139000', channel: 'referral', referrerId: 'c-li' });
    const line = { sku: 'tea-500g', productId: 'tea', category: 'tea', quantity: 1, unitPrice: 100_000 };
    await crm.orders.place(shop, { orderId: 'o1', customerId: 'c-wang', sellerId: 's1', couponAmount: 0, lines: [line], at: '2026-03-02T08:00:00.000Z' });
    await crm.orders.pay(shop, { orderId: 'o1', method: 'alipay', amount: 100_000, at: '2026-03-02T08:05:00.000Z' });
    await crm.orders.ship(shop, { orderId: 'o1', at: '2026-03-03T08:00:00.000Z' });
    await crm.orders.deliver(shop, { orderId: 'o1', at: '2026-03-04T08:00:00.000Z' });
    await crm.orders.complete(shop, { orderId: 'o1', by: 'buyer', at: '2026-03-05T08:00:00.000Z' });
    await crm.settle(); // points for c-wang, commission for c-li, recorded now (1 March by this clock)

    // a refund of 20 March, recorded on 5 April
    now = '2026-04-05T09:00:00.000Z';
    await crm.orders.refund({ ...shop, occurredAt: '2026-03-20T10:00:00.000Z' }, { orderId: 'o1', amount: 30_000, at: '2026-03-20T10:00:00.000Z' });

    // as of: what was known at the end of March, and what had happened by then
    const known = await crm.audit.asOf('2026-03-31T15:59:59.999Z');
    const happened = await crm.audit.asOf('2026-03-31T15:59:59.999Z', { by: 'occurredAt' });
    console.log((await known.orders.get('shop1', 'o1'))?.netPaid, (await happened.orders.get('shop1', 'o1'))?.netPaid); // 100000 70000
    console.log((await known.loyalty.account('shop1', 'c-wang'))?.balance, (await crm.projections.loyalty.account('shop1', 'c-wang'))?.balance); // 1000 700

    // timeline: every event about c-wang, across streams, with who, when and why
    const page = await crm.audit.timeline('shop1', 'c-wang', { limit: 4 });
    for (const e of page.entries) console.log(e.globalPosition, e.streamName, e.type, `${e.actor.kind}:${e.actor.id}`, e.commandId);
    // 3 customer_contact-shop1.qEyj… CustomerContactClaimed agent:agent-7 42cd0504-…  (the phone's claim, a follow-up command)
    // 4 customer-shop1.c-wang CustomerRegistered agent:agent-7 cmd-2
    // 5 order-shop1.o1 OrderPlaced agent:agent-7 cmd-3
    // 6 order-shop1.o1 OrderPaid agent:agent-7 cmd-4
    const rest = await crm.audit.timeline('shop1', 'c-wang', { after: page.next!, limit: 100 });
    console.log(rest.entries.map((e) => e.type).join(', '), rest.next);
    // OrderShipped, OrderDelivered, OrderCompleted, ServiceCustomerPaymentRecorded, PointsEarned, ReferralNetworkJoined, OrderRefunded, PointsReversed null

    // explain: which events made a value, and what each contributed
    const points = await crm.audit.explain('shop1', 'points', 'c-wang');
    for (const l of points!.lines) console.log(l.contribution, l.text);
    // 1000 order o1 completed: ⌊⌊100000 fen ÷ 100⌋ × 100/100 (regular)⌋ = 1000
    // -300 order o1 refunded to 70000 fen: 1000 → 700 points; took 300 from o1
    const commission = await crm.audit.explain('shop1', 'commission', 'c-li');
    console.log(commission?.value, commission?.lines.map((l) => l.contribution)); // 7000 [ 10000, -3000 ]

    // verify: every stream's hash chain
    const report = await crm.audit.verify({ onProgress: ({ streams, events }) => process.stdout.write(`\rverified ${events} events in ${streams} streams`) });
    console.log(report); // { intact: true, streams: 8, events: 17 }

    // privacy: export every fact about c-wang, then erase them
    const before = await crm.privacy.export('shop1', 'c-wang');
    console.log(before?.profile?.profile.name, before?.events.length); // 王伟 12
    await crm.privacy.erase(shop, { customerId: 'c-wang', reason: 'customer request' });
    const after = await crm.privacy.export('shop1', 'c-wang');
    console.log(after?.profile?.profile.name, after?.events.find((e) => e.type === 'CustomerRegistered')?.data); // erased { customerId: 'c-wang', name: 'erased', phone: { sealed: 'erased', index: 'qEyj…' }, email: null, channel: 'referral', referrerId: 'c-li' }
    console.log((await crm.audit.verify()).intact, after?.profile?.orders?.netSpend); // true 70000
    // #endregion
    expect(report).toEqual({ intact: true, streams: 8, events: 17 });
    expect((await known.orders.get('shop1', 'o1'))?.netPaid).toBe(100_000);
    expect((await happened.orders.get('shop1', 'o1'))?.netPaid).toBe(70_000);
    expect(page.entries.map((e) => e.type)).toEqual(['CustomerContactClaimed', 'CustomerRegistered', 'OrderPlaced', 'OrderPaid']);
    expect(rest.entries.map((e) => e.type)).toEqual(['OrderShipped', 'OrderDelivered', 'OrderCompleted', 'ServiceCustomerPaymentRecorded', 'PointsEarned', 'ReferralNetworkJoined', 'OrderRefunded', 'PointsReversed']);
    expect(rest.next).toBeNull();
    expect((await known.loyalty.account('shop1', 'c-wang'))?.balance).toBe(1_000);
    expect(points?.lines.map((l) => l.contribution)).toEqual([1000, -300]);
    expect(commission).toMatchObject({ value: 7_000 });
    expect(commission?.lines.map((l) => l.contribution)).toEqual([10_000, -3_000]);
    expect(before?.profile?.profile.name).toBe('王伟');
    expect(before?.events).toHaveLength(12);
    expect(after?.events.find((e) => e.type === 'CustomerRegistered')?.data).toMatchObject({ name: 'erased', phone: { sealed: 'erased' } });
    expect(after?.profile?.profile.name).toBe('erased');
    expect(JSON.stringify(after)).not.toContain('王伟');
  });

  it('shows that example verbatim', () => {
    const source = readFileSync(fileURLToPath(import.meta.url), 'utf8');
    const region = (name: string) => {
      const m = new RegExp(`// #region ${name}\\n([\\s\\S]*?)\\n\\s*// #endregion`).exec(source);
      return m![1]!.split('\n').map((l) => l.replace(/^ {4}/, '')).join('\n');
    };
    const doc = readFileSync(fileURLToPath(new URL('../../../../docs/auditing.md', import.meta.url)), 'utf8');
    expect(doc).toContain('```ts\n' + region('imports') + '\n\n' + region('example') + '\n```');
  });
});
