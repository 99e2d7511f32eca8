import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { auditSetup, completedOrder, ok, shop } from './auditFixture.js';

const story = async () => {
  const s = auditSetup();
  ok(await s.crm.customers.register(shop, { customerId: 'c1', name: '王小明', phone: '138 0013 8000', email: 'xm@example.com', channel: 'ownSite' }));
  ok(await s.crm.customers.register(shop, { customerId: 'c2', name: '李雷', phone: '13900139000', channel: 'ownSite' }));
  ok(await s.crm.customers.updateProfile(shop, { customerId: 'c1', birthday: '1990-05-17' }));
  await completedOrder(s.crm, { orderId: 'o1', customerId: 'c1', day: '2026-03-02', price: 10_000 });
  await completedOrder(s.crm, { orderId: 'o2', customerId: 'c2', day: '2026-03-02', price: 10_000 });
  await s.crm.settle();
  return s;
};

describe('crm.privacy', () => {
  it('exports every fact about the customer as JSON, personal fields opened', async () => {
    const { crm } = await story();
    const x = (await crm.privacy.export('shop1', 'c1'))!;
    expect(x).toMatchObject({ format: 'rapport.customerExport', version: 1, tenantId: 'shop1', customerId: 'c1', exportedAt: expect.any(String) });
    expect(JSON.parse(JSON.stringify(x))).toEqual(x);
    expect(x.profile?.profile).toMatchObject({ name: '王小明', phone: '13800138000', email: 'xm@example.com', birthday: '1990-05-17' });
    expect(x.profile?.orders).toMatchObject({ orderCount: 1, netSpend: 10_000 });
    const registered = x.events.find((e) => e.type === 'CustomerRegistered')!;
    expect(registered.data).toMatchObject({ customerId: 'c1', name: '王小明' });
    expect(JSON.stringify(registered.data)).toContain('13800138000');
    expect(JSON.stringify(x)).not.toContain('aes-256-gcm');
    // the timeline's events, in order: the profile update, the order, the points
    expect(x.events.map((e) => e.eventId)).toEqual((await crm.audit.timeline('shop1', 'c1')).entries.map((e) => e.eventId));
    for (const t of ['CustomerProfileUpdated', 'OrderPlaced', 'OrderCompleted', 'PointsEarned']) expect(x.events.map((e) => e.type)).toContain(t);
    // nobody else's data
    expect(JSON.stringify(x)).not.toContain('李雷');
    expect(x.events.some((e) => e.streamName.includes('o2'))).toBe(false);
  });

  it('exports nothing for a customer Rapport does not know', async () => {
    const { crm } = await story();
    expect(await crm.privacy.export('shop1', 'nobody')).toBeUndefined();
    expect(await crm.privacy.export('shop2', 'c1')).toBeUndefined();
  });

  it('erases: key deleted, erasure recorded, projections drop personal fields, history replays and verifies, export reads erased', async () => {
    const { crm, eventStore } = await story();
    const size = eventStore.size;
    ok(await crm.privacy.erase(shop, { customerId: 'c1', reason: 'customer request' }));
    expect(eventStore.size).toBeGreaterThan(size);

    const x = (await crm.privacy.export('shop1', 'c1'))!;
    expect(x.profile?.profile).toMatchObject({ name: 'erased', phone: 'erased', email: 'erased', birthday: 'erased', addresses: 'erased', erased: true });
    expect(x.events.find((e) => e.type === 'CustomerRegistered')?.data).toMatchObject({ customerId: 'c1', name: 'erased' });
    expect(x.events.find((e) => e.type === 'CustomerProfileUpdated')?.data).toMatchObject({ changes: { birthday: 'erased' } });
    expect(x.events.map((e) => e.type)).toContain('CustomerPersonalDataErased');
    const text = JSON.stringify(x);
    for (const secret of ['王小明', '13800138000', 'xm@example.com', '1990-05-17', 'aes-256-gcm']) expect(text).not.toContain(secret);
    // facts that are not personal stay
    expect(x.profile?.orders).toMatchObject({ orderCount: 1, netSpend: 10_000 });

    // the stored profile keeps no sealed field
    expect(JSON.stringify(await crm.projections.get('customers.profile', 'shop1', 'c1'))).not.toContain('aes-256-gcm');
    // history is untouched: every chain verifies, and a replay reads the customer as erased
    expect(await crm.audit.verify()).toEqual({ intact: true, streams: expect.any(Number), events: eventStore.size });
    const replayed = await crm.audit.asOf('2100-01-01T00:00:00.000Z');
    expect((await replayed.customer360.get('shop1', 'c1'))?.profile).toMatchObject({ name: 'erased', erased: true });
    expect(await replayed.orders.get('shop1', 'o1')).toEqual(await crm.projections.orders.get('shop1', 'o1'));
    // before the erasure, as known then: the key is gone, so personal fields still read erased
    const earlier = await crm.audit.asOf('2026-03-01T00:00:10.000Z');
    expect((await earlier.customer360.get('shop1', 'c1'))?.profile.name).toBe('erased');
    // the other customer is untouched
    expect((await crm.privacy.export('shop1', 'c2'))?.profile?.profile.name).toBe('李雷');
  });

  it('refuses an erasure without a customer, by path, writing nothing', async () => {
    const { crm, eventStore } = await story();
    const size = eventStore.size;
    const r = await crm.privacy.erase(shop, { customerId: '' });
    expect(E.isLeft(r) && r.left.kind === 'ValidationError' && r.left.issues.map((i) => i.path)).toContainEqual(['data', 'customerId']);
    expect(eventStore.size).toBe(size);
    expect((await crm.privacy.export('shop1', 'c1'))?.profile?.profile.name).toBe('王小明');
  });
});
