import { describe, expect, it } from 'vitest';
import { isRapportError } from '../kernel/errors.js';
import { memoryStores } from '@rapport/memory';
import { sequentialIds } from '../kernel/ids.js';
import { createCrm } from '../crm/crm.js';
import { auditSetup, completedOrder, ok, settableClock, shop } from '../audit/auditFixture.js';

const endOfMarch = '2026-03-31T15:59:59.999Z'; // 23:59:59.999 on 31 March in Shanghai

describe('crm.analytics', () => {
  it('answers RFM, churn and core customers as known on 31 March, and as it happened (a refund recorded in April)', async () => {
    const { crm, clock } = auditSetup();
    ok(await crm.customers.register(shop, { customerId: 'c1', name: '王小明', phone: '13800138000', channel: 'ownSite' }));
    ok(await crm.customers.register(shop, { customerId: 'c2', name: '李丽', phone: '13900139000', channel: 'ownSite' }));
    await completedOrder(crm, { orderId: 'o1', customerId: 'c1', day: '2026-03-02', price: 10_000 });
    await completedOrder(crm, { orderId: 'o2', customerId: 'c1', day: '2026-03-12', price: 2_000 });
    await completedOrder(crm, { orderId: 'o3', customerId: 'c2', day: '2026-03-20', price: 3_000 });
    clock.set('2026-04-05T09:00:00.000Z');
    ok(await crm.orders.refund({ ...shop, occurredAt: '2026-03-25T09:00:00.000Z' }, { orderId: 'o1', amount: 9_000, at: '2026-03-25T09:00:00.000Z' }));

    const known = await crm.analytics.rfm('shop1', { asOf: endOfMarch });
    expect(known.customers.map((c) => [c.customerId, c.recencyDays, c.frequency, c.monetary, c.segment])).toEqual([
      ['c1', 19, 2, 12_000, 'importantRetain'], // R 19 > mean 15: L; F 2 ≥ 1.5, M 12000 ≥ 7500: H
      ['c2', 11, 1, 3_000, 'generalDevelop'], // R 11 ≤ 15: H; F 1 < 1.5, M 3000 < 7500: L
    ]);
    expect(known.segments.find((s) => s.segment === 'importantRetain')).toMatchObject({ zh: '重要保持客户', en: 'important-retain', count: 1 });
    const happened = await crm.analytics.rfm('shop1', { asOf: endOfMarch, by: 'occurredAt' });
    expect(happened.customers.map((c) => [c.customerId, c.monetary])).toEqual([
      ['c1', 3_000],
      ['c2', 3_000],
    ]);
    expect((await crm.analytics.coreCustomers('shop1', { asOf: endOfMarch })).customers.map((c) => c.customerId)).toEqual(['c1']);
    expect((await crm.analytics.coreCustomers('shop1', { asOf: endOfMarch, by: 'occurredAt' })).customers.map((c) => c.customerId)).toEqual(['c1', 'c2']);
    expect((await crm.analytics.churn('shop1', { asOf: '2026-07-01T00:00:00.000Z' })).counts).toEqual({ active: 0, atRisk: 1, churned: 1 });
    const [march, april] = await crm.analytics.kpis('shop1', { from: '2026-03-01', to: '2026-04-30', by: 'month' });
    expect(march).toMatchObject({ period: '2026-03', orders: 3, paidOrders: 3, revenue: 15_000, buyers: 2, refundedOrders: 1, refundedAmount: 9_000 });
    expect(april).toMatchObject({ period: '2026-04', orders: 0, refundedOrders: 0 });
  });

  it('refuses bad arguments with a typed error that names them', async () => {
    const { crm } = auditSetup();
    const rejects = async (p: Promise<unknown>, text: RegExp) => {
      const err = await p.then(() => undefined, (e: unknown) => e);
      expect(isRapportError(err, 'RAPPORT_INVALID_ARGUMENT')).toBe(true);
      expect((err as Error).message).toMatch(text);
    };
    await rejects(crm.analytics.rfm('shop1', { asOf: 'yesterday' }), /rfm: asOf "yesterday" is not an ISO instant/);
    await rejects(crm.analytics.rfm('shop1', { asOf: endOfMarch, method: 'median' as 'mean' }), /method "median"/);
    await rejects(crm.analytics.churn('shop1', { asOf: endOfMarch, by: 'writtenAt' as 'occurredAt' }), /by "writtenAt"/);
    await rejects(crm.analytics.kpis('shop1', { from: '2026-05-01', to: '2026-04-01', by: 'day' }), /to 2026-04-01 is before from 2026-05-01/);
    await rejects(crm.analytics.kpis('shop1', { from: '2026-13-01', to: '2026-14-01', by: 'day' }), /from "2026-13-01": expected a local date/);
    await rejects(crm.analytics.kpis('shop1', { from: '2026-04-01', to: '2026-04-02', by: 'week' as 'day' }), /by "week"/);
  });

  it("takes createCrm's analytics policy section (a 30-day window here) and refuses an unknown setting", async () => {
    const clock = settableClock('2026-03-01T00:00:00.000Z');
    const stores = memoryStores({ clock });
    const crm = createCrm({ ...stores, clock, ids: sequentialIds('cmd'), policy: { analytics: { windowDays: 30, coreRevenuePercent: 50 } } });
    ok(await crm.customers.register(shop, { customerId: 'c1', name: '王小明', phone: '13800138000', channel: 'ownSite' }));
    await completedOrder(crm, { orderId: 'o1', customerId: 'c1', day: '2026-03-02', price: 10_000 });
    expect((await crm.analytics.rfm('shop1', { asOf: '2026-04-01T02:00:00.000Z' })).population).toBe(1); // 30 days + 21 h after
    expect((await crm.analytics.rfm('shop1', { asOf: '2026-04-01T06:00:00.000Z' })).population).toBe(0); // 30 days + 1 h: outside
    expect(() => createCrm({ ...memoryStores(), policy: { analytics: { windowDay: 30 } } as never })).toThrow(/analytics\.windowDay: unknown setting/);
    expect(() => createCrm({ ...memoryStores(), policy: { analytics: { coreRevenuePercent: 0 } } })).toThrow(/analytics\.coreRevenuePercent/);
  });
});
