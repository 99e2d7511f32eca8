import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { memoryStores } from '@rapport/memory';
import { isRapportError, steppingClock, sequentialIds, verifyStreamChain } from '../index.js';
import { createCrm, InvalidCrmConfiguration } from './crm.js';

const shop = { tenantId: 'shop1', actor: { kind: 'agent' as const, id: 'a1' } };
const setup = () => {
  const stores = memoryStores({ clock: steppingClock('2026-03-01T00:00:00.000Z', 1000) });
  const crm = createCrm({ ...stores, clock: steppingClock('2026-03-01T00:00:00.000Z', 1000), ids: sequentialIds('cmd') });
  return { crm, ...stores };
};
const ok = <T>(r: E.Either<unknown, T>): T => {
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  return r.right;
};

describe('createCrm', () => {
  it('tells the README story: register, order, pay, complete, rate, read back', async () => {
    const { crm, eventStore } = setup();
    ok(await crm.customers.register(shop, { customerId: 'c1', name: '王小明', phone: '138 0013 8000', channel: 'ownSite' }));
    ok(await crm.orders.place(shop, {
      orderId: 'o1', customerId: 'c1', sellerId: 's1', couponAmount: 500, at: '2026-03-01T02:00:00.000Z',
      lines: [{ sku: 'tee-m', productId: 'tee', category: 'apparel', quantity: 2, unitPrice: 9_900 }],
    }));
    ok(await crm.orders.pay(shop, { orderId: 'o1', method: 'alipay', amount: 19_300, at: '2026-03-01T02:05:00.000Z' }));
    ok(await crm.orders.ship(shop, { orderId: 'o1', at: '2026-03-02T02:00:00.000Z' }));
    ok(await crm.orders.deliver(shop, { orderId: 'o1', at: '2026-03-03T02:00:00.000Z' }));
    ok(await crm.orders.complete(shop, { orderId: 'o1', by: 'buyer', at: '2026-03-04T02:00:00.000Z' }));
    ok(await crm.orders.rateLine(shop, { orderId: 'o1', line: 1, by: 'buyer', rating: 'good', at: '2026-03-05T02:00:00.000Z' }));

    const c360 = await crm.projections.customer360.get('shop1', 'c1');
    expect(c360?.profile.name).toBe('王小明');
    expect(c360?.profile.phone).toBe('13800138000');
    expect(c360?.orders).toMatchObject({ orderCount: 1, completedCount: 1, netSpend: 19_300, lastOrderId: 'o1' });
    expect((await crm.projections.orders.get('shop1', 'o1'))?.state).toBe('completed');
    const credit = await crm.projections.sellerCredit.get('shop1', 's1', '2026-03-10T00:00:00.000Z');
    expect(credit).toMatchObject({ score: 1 });
    expect(await verifyStreamChain(eventStore.readStream('order-shop1.o1', { raw: true }))).toEqual({ intact: true, events: 6 });
  });

  it('refuses a duplicate phone with the existing customer id, and bad input with its path', async () => {
    const { crm, eventStore } = setup();
    ok(await crm.customers.register(shop, { customerId: 'c1', name: 'A', phone: '13800138000', channel: 'ownSite' }));
    const dup = await crm.customers.register(shop, { customerId: 'c2', name: 'B', phone: '+86 138-0013-8000', channel: 'ownSite' });
    expect(E.isLeft(dup) && dup.left.kind === 'DomainError' && dup.left.details).toMatchObject({ existingCustomerId: 'c1' });
    const size = eventStore.size;
    const bad = await crm.orders.place(shop, {
      orderId: 'o9', customerId: 'c1', sellerId: 's1', couponAmount: 0, at: '2026-03-01T02:00:00.000Z',
      lines: [{ sku: 'x', productId: 'x', category: 'x', quantity: -1, unitPrice: 100 }],
    });
    expect(E.isLeft(bad) && bad.left.kind === 'ValidationError' && bad.left.issues.map((i) => i.path)).toContainEqual(['data', 'lines', 0, 'quantity']);
    expect(eventStore.size).toBe(size);
  });

  it('auto-completes a delivered order through runDue, once', async () => {
    const { crm, eventStore } = setup();
    ok(await crm.orders.place(shop, { orderId: 'o1', customerId: 'c1', sellerId: 's1', couponAmount: 0, at: '2026-03-01T00:00:00.000Z', lines: [{ sku: 'a', productId: 'a', category: 'a', quantity: 1, unitPrice: 100 }] }));
    ok(await crm.orders.pay(shop, { orderId: 'o1', method: 'wechat', amount: 100, at: '2026-03-01T00:01:00.000Z' }));
    ok(await crm.orders.ship(shop, { orderId: 'o1', at: '2026-03-01T01:00:00.000Z' }));
    ok(await crm.orders.deliver(shop, { orderId: 'o1', at: '2026-03-02T00:00:00.000Z' }));
    expect(ok(await crm.runDue('2026-03-11T23:59:59.999Z', 'shop1')).issued).toBe(0);
    expect(ok(await crm.runDue('2026-03-12T00:00:00.000Z', 'shop1')).issued).toBe(1);
    const size = eventStore.size;
    expect(ok(await crm.runDue('2026-03-12T00:00:00.000Z', 'shop1')).issued).toBe(0);
    expect(eventStore.size).toBe(size);
    expect((await crm.projections.orders.get('shop1', 'o1'))?.state).toBe('completed');
  });

  it('counts an inquiry converted when the customer pays within 24 h (the glue reactor)', async () => {
    const { crm } = setup();
    ok(await crm.inquiries.open(shop, { inquiryId: 'q1', customerId: 'c1', agentId: 'a1', channel: 'chat', at: '2026-03-01T02:00:00.000Z' } as never));
    ok(await crm.orders.place(shop, { orderId: 'o1', customerId: 'c1', sellerId: 's1', couponAmount: 0, at: '2026-03-01T03:00:00.000Z', lines: [{ sku: 'a', productId: 'a', category: 'a', quantity: 1, unitPrice: 100 }] }));
    ok(await crm.orders.pay(shop, { orderId: 'o1', method: 'wechat', amount: 100, at: '2026-03-01T04:00:00.000Z' }));
    const [row] = await crm.projections.agentKpi.table('shop1', '2026-03-01');
    expect(row?.kpi.conversion).toMatchObject({ numerator: 1, denominator: 1 });
  });

  it.each([
    [{ orders: { noReasonReturnDays: -1 } }, ['orders', 'noReasonReturnDays']],
    [{ orders: { returnWindowDays: 7 } }, ['orders', 'returnWindowDays']],
    [{ lottery: {} }, ['lottery']],
  ])('refuses an unusable policy %j at createCrm, naming %j', (policy, path) => {
    let thrown: unknown;
    try {
      createCrm({ ...memoryStores(), policy: policy as never });
    } catch (e) {
      thrown = e;
    }
    expect(isRapportError(thrown, InvalidCrmConfiguration.code)).toBe(true);
    expect((thrown as InvalidCrmConfiguration).issues.map((i) => i.path)).toContainEqual(path);
  });

  it('refuses to start without its stores, naming each missing one and where the embedded default is', () => {
    const { eventStore: _e, vault: _v, ...rest } = memoryStores();
    for (const [options, missing] of [
      [undefined, ['eventStore', 'readModels', 'registry', 'vault']],
      [rest, ['eventStore', 'vault']],
    ] as const) {
      let thrown: unknown;
      try {
        createCrm(options as never);
      } catch (e) {
        thrown = e;
      }
      expect(isRapportError(thrown, InvalidCrmConfiguration.code)).toBe(true);
      expect((thrown as InvalidCrmConfiguration).issues.map((i) => i.path[0])).toEqual(missing);
      expect((thrown as Error).message).toContain('createEmbeddedCrm() from @rapport/postgres');
    }
  });

  it('applies a shop override: a 3-day no-reason return window', async () => {
    const stores = memoryStores();
    const crm = createCrm({ ...stores, policy: { orders: { noReasonReturnDays: 3 } } });
    expect(crm.policy.orders.qualityReturnDays).toBe(30);
    ok(await crm.orders.place(shop, { orderId: 'o1', customerId: 'c1', sellerId: 's1', couponAmount: 0, at: '2026-03-01T00:00:00.000Z', lines: [{ sku: 'a', productId: 'a', category: 'a', quantity: 1, unitPrice: 100 }] }));
    ok(await crm.orders.pay(shop, { orderId: 'o1', method: 'wechat', amount: 100, at: '2026-03-01T00:01:00.000Z' }));
    ok(await crm.orders.ship(shop, { orderId: 'o1', at: '2026-03-01T01:00:00.000Z' }));
    ok(await crm.orders.deliver(shop, { orderId: 'o1', at: '2026-03-02T00:00:00.000Z' }));
    const late = await crm.orders.requestReturn(shop, { orderId: 'o1', returnId: 'r1', reason: 'noReason', lines: [{ line: 1, quantity: 1 }], at: '2026-03-05T00:00:01.000Z' });
    expect(E.isLeft(late) && late.left.kind === 'DomainError').toBe(true);
    ok(await crm.orders.requestReturn(shop, { orderId: 'o1', returnId: 'r1', reason: 'noReason', lines: [{ line: 1, quantity: 1 }], at: '2026-03-05T00:00:00.000Z' }));
  });

  it('places an order with a coupon: the coupon sets the coupon amount and is used up', async () => {
    const { crm } = setup();
    ok(await crm.coupons.issue(shop, { couponId: 'cp1', ownerId: 'c1', value: 1_000, minSpend: 5_000, validFrom: '2026-03-01T00:00:00.000Z', validUntil: '2026-03-31T15:59:59.999Z' }));
    const lines = [{ sku: 'a', productId: 'a', category: 'a', quantity: 1, unitPrice: 6_000 }];
    ok(await crm.orders.place(shop, { orderId: 'o1', customerId: 'c1', sellerId: 's1', lines, couponId: 'cp1', at: '2026-03-02T00:00:00.000Z' }));
    expect((await crm.projections.orders.get('shop1', 'o1'))?.total).toBe(5_000);
    expect((await crm.projections.coupons.get('shop1', 'cp1'))?.status).toBe('redeemed');
    const again = await crm.orders.place(shop, { orderId: 'o2', customerId: 'c1', sellerId: 's1', lines, couponId: 'cp1', at: '2026-03-03T00:00:00.000Z' });
    expect(E.isLeft(again) && again.left.code).toBe('COUPON_ALREADY_REDEEMED');
  });

  it('refuses the 5th marketing message in 30 days and a message without consent', async () => {
    const { crm } = setup();
    ok(await crm.customers.register(shop, { customerId: 'c1', name: 'A', phone: '13800138000', channel: 'ownSite' }));
    const noConsent = await crm.marketing.send(shop, { customerId: 'c1', channel: 'sms', at: '2026-03-01T01:00:00.000Z' });
    expect(E.isLeft(noConsent)).toBe(true);
    ok(await crm.customers.giveConsent(shop, { customerId: 'c1', channel: 'sms', at: '2026-03-01T02:00:00.000Z' }));
    for (const day of [2, 3, 4, 5]) ok(await crm.marketing.send(shop, { customerId: 'c1', channel: 'sms', at: `2026-03-0${day}T02:00:00.000Z` }));
    const fifth = await crm.marketing.send(shop, { customerId: 'c1', channel: 'sms', at: '2026-03-06T02:00:00.000Z' });
    expect(E.isLeft(fifth) && fifth.left.kind === 'DomainError' && fifth.left.details?.nextAllowedAt).toBe('2026-04-01T02:00:00.001Z');
    expect((await crm.projections.marketing.contact('shop1', 'c1', '2026-03-06T02:00:00.000Z')).inWindow).toBe(4);
  });

  it('pays three-level referral commissions on a completed order (10% / 20% of L1 / 10% of L1)', async () => {
    const { crm } = setup();
    ok(await crm.customers.register(shop, { customerId: 'r3', name: 'C', phone: '13800000003', channel: 'ownSite' }));
    ok(await crm.customers.register(shop, { customerId: 'r2', name: 'B', phone: '13800000002', channel: 'referral', referrerId: 'r3' }));
    ok(await crm.customers.register(shop, { customerId: 'r1', name: 'A', phone: '13800000001', channel: 'referral', referrerId: 'r2' }));
    ok(await crm.customers.register(shop, { customerId: 'buyer', name: 'D', phone: '13800000004', channel: 'referral', referrerId: 'r1' }));
    await crm.settle();
    ok(await crm.orders.place(shop, { orderId: 'o1', customerId: 'buyer', sellerId: 's1', couponAmount: 0, at: '2026-03-01T00:00:00.000Z', lines: [{ sku: 'a', productId: 'a', category: 'a', quantity: 1, unitPrice: 100_000 }] }));
    ok(await crm.orders.pay(shop, { orderId: 'o1', method: 'alipay', amount: 100_000, at: '2026-03-01T00:01:00.000Z' }));
    ok(await crm.orders.ship(shop, { orderId: 'o1', at: '2026-03-01T01:00:00.000Z' }));
    ok(await crm.orders.deliver(shop, { orderId: 'o1', at: '2026-03-02T00:00:00.000Z' }));
    ok(await crm.orders.complete(shop, { orderId: 'o1', by: 'buyer', at: '2026-03-03T00:00:00.000Z' }));
    const paid = async (who: string) => (await crm.projections.referrals.ledger('shop1', who))?.totals.commissions;
    expect([await paid('r1'), await paid('r2'), await paid('r3')]).toEqual([10_000, 2_000, 1_000]);
  });

  it('refuses a four-level referral policy at createCrm, saying why', () => {
    let thrown: unknown;
    try {
      createCrm({ ...memoryStores(), policy: { referrals: { levels: [1_000, 2_000, 1_000, 500] } } });
    } catch (e) {
      thrown = e;
    }
    expect(isRapportError(thrown, InvalidCrmConfiguration.code)).toBe(true);
    expect((thrown as InvalidCrmConfiguration).issues.map((i) => i.path)).toContainEqual(['referrals', 'levels']);
    expect((thrown as Error).message).toMatch(/3/);
  });

  it('earns points on completion (1 per whole CNY), refuses a redemption beyond the balance', async () => {
    const { crm, eventStore } = setup();
    ok(await crm.orders.place(shop, { orderId: 'o1', customerId: 'c1', sellerId: 's1', couponAmount: 0, at: '2026-03-01T00:00:00.000Z', lines: [{ sku: 'a', productId: 'a', category: 'a', quantity: 1, unitPrice: 19_399 }] }));
    ok(await crm.orders.pay(shop, { orderId: 'o1', method: 'alipay', amount: 19_399, at: '2026-03-01T00:01:00.000Z' }));
    ok(await crm.orders.ship(shop, { orderId: 'o1', at: '2026-03-01T01:00:00.000Z' }));
    ok(await crm.orders.deliver(shop, { orderId: 'o1', at: '2026-03-02T00:00:00.000Z' }));
    ok(await crm.orders.complete(shop, { orderId: 'o1', by: 'buyer', at: '2026-03-03T00:00:00.000Z' }));
    expect((await crm.projections.loyalty.account('shop1', 'c1'))?.balance).toBe(193);
    const size = eventStore.size;
    const tooMuch = await crm.loyalty.redeem(shop, { customerId: 'c1', redemptionId: 'rd1', points: 194, at: '2026-03-04T00:00:00.000Z' });
    expect(E.isLeft(tooMuch) && tooMuch.left.kind).toBe('DomainError');
    expect(eventStore.size).toBe(size);
    ok(await crm.loyalty.redeem(shop, { customerId: 'c1', redemptionId: 'rd1', points: 93, at: '2026-03-04T00:00:00.000Z' }));
    expect((await crm.projections.loyalty.account('shop1', 'c1'))?.balance).toBe(100);
  });

  it('files a complaint at the priority of the tier the loyalty account holds when none is given', async () => {
    const { crm } = setup();
    ok(await crm.loyalty.buyMembership(shop, { customerId: 'c1', pricePaidFen: 88_800, at: '2026-03-01T00:00:00.000Z' }));
    const base = { customerId: 'c1', category: 'logistics', channel: 'chat', severity: 'major', at: '2026-03-02T02:00:00.000Z' } as const;
    ok(await crm.complaints.file(shop, { ...base, complaintId: 'k1' }));
    ok(await crm.complaints.file(shop, { ...base, complaintId: 'k2', customerId: 'c2' }));
    expect((await crm.projections.complaints.get('shop1', 'k1'))?.priority).toBe('urgent'); // major → high, raised for a paid member
    expect((await crm.projections.complaints.get('shop1', 'k2'))?.priority).toBe('high');
  });
});
