import { describe, expect, it } from 'vitest';
import { isRapportError } from '../kernel/errors.js';
import { auditSetup, completedOrder, ok, shop } from './auditFixture.js';
import type { Explanation } from './types.js';

const sum = (e: Explanation): number => e.lines.reduce((s, l) => s + (l.contribution as number), 0);

describe('crm.audit.explain', () => {
  it('points: every earning and reversal with its arithmetic, adding up to the balance', async () => {
    const { crm, clock } = auditSetup();
    await completedOrder(crm, { orderId: 'o1', customerId: 'c1', day: '2026-03-02', price: 10_000 });
    await completedOrder(crm, { orderId: 'o2', customerId: 'c1', day: '2026-03-03', price: 25_050 });
    await crm.settle();
    clock.set('2026-03-09T00:00:00.000Z');
    ok(await crm.orders.refund(shop, { orderId: 'o1', amount: 5_000, at: '2026-03-09T00:00:00.000Z' }));
    await crm.settle();
    const x = (await crm.audit.explain('shop1', 'points', 'c1'))!;
    expect(x).toMatchObject({ projection: 'loyalty.account', id: 'c1', value: 50 + 250 });
    expect(x.lines.map((l) => [l.type, l.contribution])).toEqual([
      ['PointsEarned', 100],
      ['PointsEarned', 250],
      ['PointsReversed', -50],
    ]);
    expect(sum(x)).toBe(x.value);
    expect(x.lines[1]!.text).toContain('⌊⌊25050 fen ÷ 100⌋');
    expect(x.lines[0]).toMatchObject({ streamName: 'loyalty-shop1.c1', streamPosition: '0', eventId: expect.any(String), occurredAt: expect.any(String) });
    // as known before the refund
    const before = (await crm.audit.explain('shop1', 'points', 'c1', { asOf: '2026-03-08T00:00:00.000Z' }))!;
    expect(before.value).toBe(350);
    expect(sum(before)).toBe(350);
  });

  it('tier: the membership bought and the tier change with its reason', async () => {
    const { crm } = auditSetup();
    ok(await crm.loyalty.buyMembership(shop, { customerId: 'c1', pricePaidFen: 88_800, at: '2026-03-02T00:00:00.000Z' }));
    await crm.settle();
    const x = (await crm.audit.explain('shop1', 'tier', 'c1'))!;
    expect(x.value).toBe('paidMember');
    expect(x.lines.map((l) => [l.type, l.contribution])).toEqual([
      ['MembershipBought', 'membership'],
      ['TierChanged', 'regular → paidMember'],
    ]);
    expect(x.lines[1]!.text).toContain('membershipBought');
  });

  it('seller credit score: +1 counted, a second good in the same 14-day group scores 0; a buyer’s score by role', async () => {
    const { crm } = auditSetup();
    await completedOrder(crm, { orderId: 'o1', customerId: 'c1', day: '2026-03-02', price: 1_000, productId: 'tea' });
    await completedOrder(crm, { orderId: 'o2', customerId: 'c1', day: '2026-03-05', price: 1_000, productId: 'tea' });
    await completedOrder(crm, { orderId: 'o3', customerId: 'c1', day: '2026-03-06', price: 1_000, productId: 'cup' });
    ok(await crm.orders.rateLine(shop, { orderId: 'o1', line: 1, by: 'buyer', rating: 'good', at: '2026-03-10T00:00:00.000Z' }));
    ok(await crm.orders.rateLine(shop, { orderId: 'o2', line: 1, by: 'buyer', rating: 'good', at: '2026-03-10T01:00:00.000Z' }));
    ok(await crm.orders.rateLine(shop, { orderId: 'o3', line: 1, by: 'buyer', rating: 'bad', at: '2026-03-10T02:00:00.000Z' }));
    ok(await crm.orders.rateLine(shop, { orderId: 'o3', line: 1, by: 'seller', rating: 'good', at: '2026-03-10T03:00:00.000Z' }));
    const x = (await crm.audit.explain('shop1', 'creditScore', 's1', { asOf: '2026-04-01T00:00:00.000Z' }))!;
    expect(x).toMatchObject({ projection: 'credit.seller', value: 0 });
    expect(x.lines.map((l) => l.contribution)).toEqual([1, 0, -1]);
    expect(x.lines[1]!.text).toMatch(/^0 good on order o2 line 1 \(tea\): the 14-day group o1#1 already counted its good/);
    expect(sum(x)).toBe(x.value);
    expect((await crm.projections.sellerCredit.get('shop1', 's1', '2026-04-01T00:00:00.000Z'))?.score).toBe(x.value);
    const buyer = (await crm.audit.explain('shop1', 'creditScore', 'c1', { role: 'buyer', asOf: '2026-04-01T00:00:00.000Z' }))!;
    expect(buyer).toMatchObject({ projection: 'credit.buyer', value: 1 });
    expect(buyer.lines.map((l) => l.contribution)).toEqual([1]);
  });

  it('seller credit score: the monthly cap stops the 7th good of a month at 0', async () => {
    const { crm } = auditSetup();
    for (let i = 1; i <= 7; i++) {
      await completedOrder(crm, { orderId: `o${i}`, customerId: 'c1', day: `2026-03-0${i + 1}`, price: 1_000, productId: `p${i}` });
      ok(await crm.orders.rateLine(shop, { orderId: `o${i}`, line: 1, by: 'buyer', rating: 'good', at: `2026-03-1${i}T00:00:00.000Z` }));
    }
    const x = (await crm.audit.explain('shop1', 'creditScore', 's1', { asOf: '2026-04-01T00:00:00.000Z' }))!;
    expect(x.value).toBe(6);
    expect(x.lines.map((l) => l.contribution)).toEqual([1, 1, 1, 1, 1, 1, 0]);
    expect(x.lines[6]!.text).toContain('capped by the monthly rule');
  });

  it('commission: earned on a referred customer’s order, clawed back pro rata on a refund', async () => {
    const { crm } = auditSetup();
    ok(await crm.customers.register(shop, { customerId: 'c1', name: '王小明', phone: '13800138000', channel: 'ownSite' }));
    ok(await crm.customers.register(shop, { customerId: 'c2', name: '李雷', phone: '13900139000', channel: 'referral', referrerId: 'c1' }));
    await completedOrder(crm, { orderId: 'o1', customerId: 'c2', day: '2026-03-02', price: 100_000 });
    await crm.settle();
    ok(await crm.orders.refund(shop, { orderId: 'o1', amount: 50_000, at: '2026-03-09T00:00:00.000Z' }));
    await crm.settle();
    const x = (await crm.audit.explain('shop1', 'commission', 'c1'))!;
    expect(x).toMatchObject({ projection: 'referrals.commissionLedger', value: 5_000 });
    expect(x.lines.map((l) => [l.type, l.contribution])).toEqual([
      ['ReferralCommissionEarned', 10_000],
      ['ReferralCommissionClawedBack', -5_000],
    ]);
    expect(x.lines[0]!.text).toBe('L1 on order o1 (buyer c2) = ⌊net 100000 × 10%⌋ = 10000 fen');
    expect(sum(x)).toBe(x.value);
  });

  it('complaint breach: the SLA clock set at filing and the breach recorded by due work', async () => {
    const { crm } = auditSetup();
    ok(await crm.complaints.file(shop, { complaintId: 'k1', customerId: 'c1', category: 'counterfeit', channel: 'chat', severity: 'critical', customerTier: 'regular', at: '2026-03-02T00:00:00.000Z' }));
    ok(await crm.runDue('2026-03-02T01:00:00.000Z', 'shop1'));
    const x = (await crm.audit.explain('shop1', 'complaintBreach', 'k1'))!;
    expect(x.projection).toBe('complaints.detail');
    expect(x.value).toMatchObject({ breaches: { firstResponse: { dueAt: expect.any(String) }, resolution: null } });
    expect(x.lines[0]).toMatchObject({ type: 'ComplaintFiled', contribution: expect.stringMatching(/^due: first response 2026-03-02T/) });
    expect(x.lines.find((l) => l.type === 'ComplaintSlaBreached')?.contribution).toMatch(/^firstResponse breached \(due /);
  });

  it('is undefined for an id nothing concerns, and refuses an unknown value or role', async () => {
    const { crm } = auditSetup();
    expect(await crm.audit.explain('shop1', 'points', 'nobody')).toBeUndefined();
    await expect(crm.audit.explain('shop1', 'mood' as never, 'c1')).rejects.toSatisfy((e: unknown) => isRapportError(e, 'RAPPORT_INVALID_ARGUMENT'));
    await expect(crm.audit.explain('shop1', 'creditScore', 's1', { role: 'agent' as never })).rejects.toSatisfy((e: unknown) => isRapportError(e, 'RAPPORT_INVALID_ARGUMENT'));
  });
});
