import fc from 'fast-check';
import type { Crm } from '../crm/crm.js';
import { auditSetup, shop } from './auditFixture.js';

/** Random shop histories for the audit's properties: three customers (c2 referred by c1, c3 by c2), four orders, two complaints. */

export const customer = fc.constantFrom('c1', 'c2', 'c3');
const order = fc.constantFrom('o1', 'o2', 'o3', 'o4');
const side = fc.constantFrom('buyer' as const, 'seller' as const);
const rating = fc.constantFrom('good' as const, 'neutral' as const, 'bad' as const);
const product = fc.constantFrom('tea', 'cup');

/** One step of a shop's history; refused steps write nothing, which is part of the history too. */
export type Step = (crm: Crm, at: string) => Promise<unknown>;

const registerOne = (crm: Crm, c: string) =>
  crm.customers.register(shop, {
    customerId: c,
    name: `客户${c}`,
    phone: `1380013800${c.slice(1)}`,
    ...(c === 'c1' ? { channel: 'ownSite' } : { channel: 'referral', referrerId: c === 'c2' ? 'c1' : 'c2' }),
  });
const register = customer.map((c): Step => (crm) => registerOne(crm, c));

const lineOf = (productId: string, price: number) => [{ sku: productId, productId, category: 'tea', quantity: 1, unitPrice: price }];

/** A whole order in one step, so that histories reach completion (points, commissions, ratings). */
const wholeOrder = fc.tuple(order, customer, product, fc.integer({ min: 100, max: 80_000 }), fc.option(rating, { nil: undefined }), fc.option(rating, { nil: undefined })).map(
  ([o, c, p, price, byBuyer, bySeller]): Step =>
    async (crm, at) => {
      const t = (m: number) => new Date(Date.parse(at) + m * 60_000).toISOString();
      await crm.orders.place(shop, { orderId: o, customerId: c, sellerId: 's1', couponAmount: 0, at, lines: lineOf(p, price) });
      await crm.orders.pay(shop, { orderId: o, method: 'alipay', amount: price, at: t(1) });
      await crm.orders.ship(shop, { orderId: o, at: t(2) });
      await crm.orders.deliver(shop, { orderId: o, at: t(3) });
      await crm.orders.complete(shop, { orderId: o, by: 'buyer', at: t(4) });
      if (byBuyer) await crm.orders.rateLine(shop, { orderId: o, line: 1, by: 'buyer', rating: byBuyer, at: t(5) });
      if (bySeller) await crm.orders.rateLine(shop, { orderId: o, line: 1, by: 'seller', rating: bySeller, at: t(6) });
    },
);

const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });

export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  w(3, register),
  w(5, wholeOrder),
  w(1, fc.tuple(order, customer, product, fc.integer({ min: 100, max: 50_000 })).map(
    ([o, c, p, price]): Step => (crm, at) => crm.orders.place(shop, { orderId: o, customerId: c, sellerId: 's1', couponAmount: 0, at, lines: lineOf(p, price) }),
  )),
  w(1, order.map((o): Step => async (crm, at) => crm.orders.pay(shop, { orderId: o, method: 'alipay', amount: (await crm.projections.orders.get('shop1', o))?.total ?? 100, at }))),
  w(1, order.map((o): Step => (crm, at) => crm.orders.ship(shop, { orderId: o, at }))),
  w(1, order.map((o): Step => (crm, at) => crm.orders.deliver(shop, { orderId: o, at }))),
  w(1, order.map((o): Step => (crm, at) => crm.orders.complete(shop, { orderId: o, by: 'buyer', at }))),
  w(2, fc.tuple(order, fc.integer({ min: 1, max: 20_000 })).map(([o, amount]): Step => (crm, at) => crm.orders.refund(shop, { orderId: o, amount, at }))),
  w(4, fc.tuple(order, side, rating).map(([o, by, r]): Step => (crm, at) => crm.orders.rateLine(shop, { orderId: o, line: 1, by, rating: r, at }))),
  w(1, fc.tuple(fc.constantFrom('k1', 'k2'), customer).map(
    ([k, c]): Step => (crm, at) => crm.complaints.file(shop, { complaintId: k, customerId: c, category: 'logistics', channel: 'chat', severity: 'major', customerTier: 'regular', at }),
  )),
  w(1, fc.constantFrom('k1', 'k2').map((k): Step => (crm, at) => crm.complaints.acknowledge(shop, { complaintId: k, agentId: 'a1', at }))),
  w(1, fc.tuple(customer, fc.integer({ min: 1, max: 300 })).map(([c, points]): Step => (crm, at) => crm.loyalty.redeem(shop, { customerId: c, redemptionId: `r${points}`, points, at }))),
  w(1, fc.constant<Step>((crm) => crm.settle())),
  w(1, fc.constant<Step>((crm, at) => crm.runDue(at, 'shop1'))),
);

/** Play a history, 7 hours apart per step, each step recorded when it happens; the CRM settled at the end. */
export const play = async (steps: readonly Step[], after?: (index: number, crm: Crm, at: string) => Promise<void>) => {
  const s = auditSetup();
  // the referral chain c1 ← c2 ← c3 exists from the start, so orders can earn commissions
  for (const c of ['c1', 'c2', 'c3']) await registerOne(s.crm, c);
  let t = Date.parse('2026-03-01T00:00:00.000Z');
  for (const [i, step] of steps.entries()) {
    t += 7 * 3_600_000;
    const at = new Date(t).toISOString();
    s.clock.set(at);
    await step(s.crm, at);
    await after?.(i, s.crm, at);
  }
  await s.crm.settle();
  return { ...s, end: new Date(t).toISOString() };
};
