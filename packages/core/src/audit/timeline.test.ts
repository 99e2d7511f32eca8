import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { isRapportError } from '../kernel/errors.js';
import { auditSetup, completedOrder, ok, shop } from './auditFixture.js';
import type { TimelineEntry } from './types.js';

const story = async () => {
  const s = auditSetup();
  const { crm } = s;
  ok(await crm.customers.register(shop, { customerId: 'c1', name: '王小明', phone: '13800138000', channel: 'ownSite' }));
  ok(await crm.customers.register(shop, { customerId: 'c2', name: '李雷', phone: '13900139000', channel: 'referral', referrerId: 'c1' }));
  await completedOrder(crm, { orderId: 'o1', customerId: 'c1', day: '2026-03-02', price: 10_000 });
  await completedOrder(crm, { orderId: 'o2', customerId: 'c2', day: '2026-03-03', price: 20_000 });
  ok(await crm.complaints.file(shop, { complaintId: 'k1', customerId: 'c1', orderId: 'o1', category: 'logistics', channel: 'chat', severity: 'minor', customerTier: 'regular', at: '2026-03-06T00:00:00.000Z' }));
  ok(await crm.orders.refund(shop, { orderId: 'o1', amount: 2_000, at: '2026-03-07T00:00:00.000Z' }));
  await crm.settle();
  return s;
};

const all = async (crm: Awaited<ReturnType<typeof story>>['crm'], customerId: string, limit?: number): Promise<TimelineEntry[]> => {
  const out: TimelineEntry[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await crm.audit.timeline('shop1', customerId, { ...(after ? { after } : {}), ...(limit ? { limit } : {}) });
    out.push(...page.entries);
    if (page.next === null) return out;
    after = page.next;
  }
};

describe('crm.audit.timeline', () => {
  it("holds every event about the customer across streams, in global order, with who, when and why, and nobody else's", async () => {
    const { crm, eventStore } = await story();
    const entries = await all(crm, 'c1');
    const positions = entries.map((e) => BigInt(e.globalPosition));
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
    const categories = new Set(entries.map((e) => e.streamName.split('-')[0]));
    for (const c of ['customer', 'order', 'loyalty', 'complaint', 'referral_network']) expect(categories).toContain(c);
    const types = entries.map((e) => e.type);
    for (const t of ['CustomerRegistered', 'OrderPlaced', 'OrderPaid', 'OrderCompleted', 'OrderRefunded', 'PointsEarned', 'PointsReversed', 'ComplaintFiled', 'ReferralCommissionEarned'])
      expect(types).toContain(t);
    // c2's order is not c1's, though c1 earns commission on it (that event names c1)
    expect(entries.filter((e) => e.streamName === 'order-shop1.o2')).toEqual([]);
    for (const e of entries) {
      expect(e).toMatchObject({ actor: { kind: expect.any(String), id: expect.any(String) }, commandId: expect.any(String), correlationId: expect.any(String) });
      expect(e.recordedAt >= '2026-03-01').toBe(true);
      expect(JSON.parse(JSON.stringify(e))).toEqual(e);
    }
    // exactly the stored events: every event of c1's order stream is there
    const o1: string[] = [];
    for await (const e of eventStore.readStream('order-shop1.o1')) o1.push(e.metadata.eventId);
    expect(entries.filter((e) => e.streamName === 'order-shop1.o1').map((e) => e.eventId)).toEqual(o1);
    const c2 = await all(crm, 'c2');
    expect(c2.some((e) => e.streamName === 'order-shop1.o2')).toBe(true);
    expect(c2.some((e) => e.streamName === 'order-shop1.o1')).toBe(false);
    // c2 joined the referral network under c1: that is c2's fact, and c1's commission is c1's
    expect(c2.map((e) => e.type)).toContain('ReferralNetworkJoined');
    expect(c2.map((e) => e.type)).not.toContain('ReferralCommissionEarned');
    expect(entries.filter((e) => e.type === 'ReferralNetworkJoined').map((e) => (e.data as { customerId: string }).customerId)).toEqual(['c1']);
  });

  it('pages: any page size gives the same timeline, and the last page has next null', async () => {
    const { crm } = await story();
    const whole = await all(crm, 'c1');
    expect(whole.length).toBeGreaterThan(10);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }), async (limit) => {
        const paged = await all(crm, 'c1', limit);
        expect(paged).toEqual(whole);
        const first = await crm.audit.timeline('shop1', 'c1', { limit });
        expect(first.entries.length).toBe(Math.min(limit, whole.length));
        expect(first.next === null).toBe(limit >= whole.length);
      }),
      { numRuns: 25 },
    );
  });

  it('is empty for an unknown customer and refuses a malformed cursor or limit', async () => {
    const { crm } = await story();
    expect(await crm.audit.timeline('shop1', 'nobody')).toEqual({ entries: [], next: null });
    expect(await crm.audit.timeline('shop2', 'c1')).toEqual({ entries: [], next: null });
    for (const page of [{ after: 'x' }, { after: '-1' }, { limit: 0 }, { limit: 1.5 }, { limit: 1001 }])
      await expect(crm.audit.timeline('shop1', 'c1', page)).rejects.toSatisfy((e: unknown) => isRapportError(e, 'RAPPORT_INVALID_ARGUMENT'));
  });
});
