import { describe, expect, it } from 'vitest';
import { isRapportError } from '../kernel/errors.js';
import { memoryStores } from '@rapport/memory';
import { sequentialIds } from '../kernel/ids.js';
import type { Projection } from '../kernel/projection.js';
import { createCrm } from '../crm/crm.js';
import type { CrmModule } from '../crm/module.js';
import { auditSetup, completedOrder, ok, settableClock, shop } from './auditFixture.js';

const endOfMarch = '2026-03-31T23:59:59.999Z';

describe('crm.audit.asOf', () => {
  it('a refund recorded in April for March changes the business-time view of March, not what was known on 31 March', async () => {
    const { crm, clock } = auditSetup();
    ok(await crm.customers.register(shop, { customerId: 'c1', name: '王小明', phone: '13800138000', channel: 'ownSite' }));
    await completedOrder(crm, { orderId: 'o1', customerId: 'c1', day: '2026-03-02', price: 10_000 });
    await crm.settle(); // the reactors earn the points now, in March
    // recorded on 5 April, happened on 20 March
    clock.set('2026-04-05T09:00:00.000Z');
    ok(await crm.orders.refund({ ...shop, occurredAt: '2026-03-20T09:00:00.000Z' }, { orderId: 'o1', amount: 3_000, at: '2026-03-20T09:00:00.000Z' }));

    const known = await crm.audit.asOf(endOfMarch);
    const happened = await crm.audit.asOf(endOfMarch, { by: 'occurredAt' });
    const live = crm.projections;

    expect(await known.orders.get('shop1', 'o1')).toMatchObject({ state: 'completed', refunded: 0, netPaid: 10_000 });
    expect(await happened.orders.get('shop1', 'o1')).toMatchObject({ state: 'completed', refunded: 3_000, netPaid: 7_000 });
    expect(await live.orders.get('shop1', 'o1')).toMatchObject({ refunded: 3_000, netPaid: 7_000 });
    expect((await known.customer360.get('shop1', 'c1'))?.orders?.netSpend).toBe(10_000);
    expect((await happened.customer360.get('shop1', 'c1'))?.orders?.netSpend).toBe(7_000);
    // points: earned 100 on completion; the reversal was recorded in April
    expect((await known.loyalty.account('shop1', 'c1'))?.balance).toBe(100);
    expect((await live.loyalty.account('shop1', 'c1'))?.balance).toBe(70);

    // before the refund happened, both views agree: not refunded
    const tenth = await crm.audit.asOf('2026-03-10T00:00:00.000Z', { by: 'occurredAt' });
    expect(await tenth.orders.get('shop1', 'o1')).toMatchObject({ refunded: 0 });
    // after it was recorded, both views hold it
    expect(await (await crm.audit.asOf('2026-04-06T00:00:00.000Z')).orders.get('shop1', 'o1')).toMatchObject({ refunded: 3_000 });
  });

  it('before anything was recorded, every projection is empty; personal fields open with the vault', async () => {
    const { crm } = auditSetup();
    ok(await crm.customers.register(shop, { customerId: 'c1', name: '王小明', phone: '13800138000', channel: 'ownSite' }));
    const before = await crm.audit.asOf('2026-02-28T00:00:00.000Z');
    expect(await before.customer360.get('shop1', 'c1')).toBeUndefined();
    expect(await before.query('customers.profile', 'shop1')).toEqual([]);
    const after = await crm.audit.asOf('2026-03-02T00:00:00.000Z');
    expect((await after.customer360.get('shop1', 'c1'))?.profile.name).toBe('王小明');
  });

  it('reads with a clock fixed at the instant: complaints open and past their SLA then', async () => {
    const { crm, clock } = auditSetup();
    ok(await crm.complaints.file(shop, { complaintId: 'k1', customerId: 'c1', category: 'logistics', channel: 'chat', severity: 'minor', customerTier: 'regular', at: '2026-03-01T00:00:00.000Z' }));
    clock.set('2026-03-05T00:00:00.000Z');
    ok(await crm.complaints.acknowledge(shop, { complaintId: 'k1', agentId: 'a1', at: '2026-03-05T00:00:00.000Z' }));
    const then = await crm.audit.asOf('2026-03-02T00:00:00.000Z');
    const [line] = await then.complaints.open('shop1');
    expect(line).toMatchObject({ complaintId: 'k1' });
    expect(await crm.projections.complaints.get('shop1', 'k1')).toMatchObject({ status: 'acknowledged' });
    expect(await then.complaints.get('shop1', 'k1')).toMatchObject({ status: 'filed' });
  });

  it("replays a host's own projection too, with no code of its own for it", async () => {
    const clock = settableClock('2026-03-01T00:00:00.000Z');
    const paidOrders: Projection<{ count: number }> = {
      name: 'host.paidOrders',
      version: 1,
      events: ['OrderPaid'],
      init: () => ({ count: 0 }),
      keyOf: () => 'all',
      apply: (d) => ({ count: d.count + 1 }),
    };
    const host: CrmModule = { name: 'host', events: [], deciders: [], projections: [paidOrders] };
    const crm = createCrm({ ...memoryStores({ clock }), clock, ids: sequentialIds('cmd'), modules: [host] });
    await completedOrder(crm, { orderId: 'o1', customerId: 'c1', day: '2026-03-02', price: 1_000 });
    clock.set('2026-04-02T00:00:00.000Z');
    await completedOrder(crm, { orderId: 'o2', customerId: 'c1', day: '2026-04-02', price: 1_000 });
    expect(await crm.projections.get('host.paidOrders', 'shop1', 'all')).toEqual({ count: 2 });
    expect(await (await crm.audit.asOf(endOfMarch)).get('host.paidOrders', 'shop1', 'all')).toEqual({ count: 1 });
  });

  it('refuses an instant that is not ISO, and an unknown ordering', async () => {
    const { crm } = auditSetup();
    for (const bad of ['yesterday', '2026-03-01', '2026-13-01T00:00:00.000Z'])
      await expect(crm.audit.asOf(bad)).rejects.toSatisfy((e: unknown) => isRapportError(e, 'RAPPORT_INVALID_ARGUMENT'));
    await expect(crm.audit.asOf('2026-03-01T00:00:00.000Z', { by: 'wallClock' as never })).rejects.toSatisfy((e: unknown) => isRapportError(e, 'RAPPORT_INVALID_ARGUMENT'));
  });
});
