import type * as E from 'fp-ts/lib/Either.js';
import type { Crm, CrmError, Handled } from '@rapport/core';
import { AGENTS, CHANNELS, nameOf, PAYMENT, phoneOf, PRODUCTS, SELLER, TENANT } from './catalogue.js';
import { Random } from './random.js';

/** One thing that happens in the shop at a business instant. */
export interface Step {
  readonly at: string;
  readonly what: string;
  /** Tells the CRM; `at` is also the instant the command metadata carries. */
  readonly send: (crm: Crm) => Promise<E.Either<CrmError, Handled>>;
}

export interface HistoryOptions {
  readonly customers: number;
  readonly seed: number;
  /** First day of the history (local midnight, Asia/Shanghai). */
  readonly start: string;
  readonly days: number;
}

/** The story's fixed cast: the customer we follow, the complaint that breaches its SLA. */
export const WELCOME_COUPON = 'welcome-c-0001';

export interface Cast {
  readonly featuredCustomer: string;
  readonly breachingComplaint: string;
  readonly erasedCustomer: string;
  readonly returnedOrder: string | undefined;
  readonly welcomeCoupon: string;
}

/** How many orders a customer places over the history (the history's end may cut it short). */
const ORDERS_PER_CUSTOMER = [2, 3, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number): string => new Date(ms).toISOString();
/** A local (UTC+8) hour of the day for a UTC day start: shops in Asia/Shanghai trade 08:00–23:00. */
const during = (rnd: Random, dayStart: number): number => dayStart + rnd.int(8, 22) * HOUR + rnd.int(0, 59) * 60_000 - 8 * HOUR;
const ctx = (at: string, who: { kind: 'customer' | 'agent' | 'system'; id: string }) => ({ tenantId: TENANT, actor: who, occurredAt: at });

/**
 * Plan a realistic history: registrations, orders through every state (cancellations,
 * returns and refunds, buyer confirmations and automatic completions), two-way ratings,
 * inquiries that convert, complaints (one breaching its SLA), leads, an erasure.
 * Deterministic for a seed.
 */
export const planHistory = (o: HistoryOptions): { steps: Step[]; cast: Cast } => {
  const rnd = new Random(o.seed);
  const steps: Step[] = [];
  const add = (atMs: number, what: string, send: Step['send']) => steps.push({ at: iso(atMs), what, send });
  const start = Date.parse(o.start);
  const end = start + o.days * DAY;
  let returnedOrder: string | undefined;
  let complaintNo = 0;

  const idOf = (n: number): string => `c-${String(n + 1).padStart(4, '0')}`;
  // the featured customer registers on the first day; everyone else some time in the first 60%
  const registeredAts = Array.from({ length: o.customers }, (_, n) => during(rnd, start + (n === 0 ? 0 : rnd.int(0, Math.floor(o.days * 0.6))) * DAY));
  for (let n = 0; n < o.customers; n++) {
    const customerId = idOf(n);
    const buyer = { kind: 'customer' as const, id: customerId };
    const registeredAt = registeredAts[n]!;
    // one in six was brought by an earlier customer (三级分销: their referrer earns on their orders)
    const earlier = registeredAts.map((at, i) => ({ at, i })).filter((x) => x.at < registeredAt - DAY);
    const referrer = n % 6 === 5 && earlier.length > 0 ? idOf(rnd.pick(earlier).i) : undefined;
    const channel = referrer ? 'referral' : rnd.pick(CHANNELS);
    add(registeredAt, `register ${customerId}`, (crm) =>
      crm.customers.register(ctx(iso(registeredAt), buyer), { customerId, name: nameOf(n), phone: phoneOf(n), channel, ...(referrer ? { referrerId: referrer } : {}) }),
    );
    if (n === 0) {
      const shopAgent = { kind: 'agent' as const, id: AGENTS[0] };
      add(registeredAt + 30_000, `welcome coupon ${customerId}`, (crm) =>
        crm.coupons.issue(ctx(iso(registeredAt + 30_000), shopAgent), { couponId: WELCOME_COUPON, ownerId: customerId, value: 2_000, minSpend: 10_000, validFrom: iso(registeredAt), validUntil: iso(registeredAt + 60 * DAY) }),
      );
      const boughtAt = registeredAt + 2 * DAY;
      add(boughtAt, `membership ${customerId}`, (crm) => crm.loyalty.buyMembership(ctx(iso(boughtAt), buyer), { customerId, pricePaidFen: 88_800, at: iso(boughtAt) }));
    }
    if (n % 10 < 7)
      add(registeredAt + 60_000, `consent ${customerId}`, (crm) =>
        crm.customers.giveConsent(ctx(iso(registeredAt + 60_000), buyer), { customerId, channel: 'sms', at: iso(registeredAt + 60_000) }),
      );
    // a tea shop's regulars reorder every few weeks; a third buy only now and then
    const orders = n === 0 ? 6 : rnd.pick(ORDERS_PER_CUSTOMER);
    let t = registeredAt + (n === 0 ? 3 * DAY : rnd.int(1, 48) * HOUR);
    for (let k = 0; k < orders && t < end - 20 * DAY; k++) {
      const orderId = `o-${customerId.slice(2)}-${k + 1}`;
      const lines = Array.from({ length: rnd.int(1, 3) }, () => {
        const p = rnd.pick(PRODUCTS);
        return { sku: p.sku, productId: p.productId, category: p.category, quantity: rnd.int(1, 2), unitPrice: p.unitPrice };
      });
      // the featured customer's first order is a teapot bought with the welcome coupon
      const withCoupon = n === 0 && k === 0;
      if (withCoupon) lines.push({ sku: 'yixing-teapot', productId: 'teapot', category: 'teaware', quantity: 1, unitPrice: 45_800 });
      const gross = lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
      const couponAmount = withCoupon ? 2_000 : rnd.chance(0.2) ? 1_000 : 0;
      const total = gross - couponAmount;
      const placedAt = t;
      const agentId = rnd.pick(AGENTS);
      if (rnd.chance(0.15)) {
        const asked = placedAt - rnd.int(1, 20) * HOUR;
        const inquiryId = `q-${orderId.slice(2)}`;
        const replied = asked + rnd.int(1, 15) * 60_000;
        add(asked, `inquiry ${inquiryId}`, (crm) => crm.inquiries.open(ctx(iso(asked), buyer), { inquiryId, customerId, channel: 'chat', agentId, at: iso(asked) }));
        add(asked + 1, `inquiry message ${inquiryId}`, (crm) => crm.inquiries.customerMessage(ctx(iso(asked + 1), buyer), { inquiryId, at: iso(asked + 1) }));
        add(replied, `inquiry reply ${inquiryId}`, (crm) => crm.inquiries.agentReply(ctx(iso(replied), { kind: 'agent', id: agentId }), { inquiryId, agentId, at: iso(replied) }));
      }
      add(placedAt, `place ${orderId}`, (crm) =>
        withCoupon
          ? crm.orders.place(ctx(iso(placedAt), buyer), { orderId, customerId, sellerId: SELLER, lines, couponId: WELCOME_COUPON, at: iso(placedAt) })
          : crm.orders.place(ctx(iso(placedAt), buyer), { orderId, customerId, sellerId: SELLER, lines, couponAmount, at: iso(placedAt) }),
      );
      t = placedAt + (n === 0 ? rnd.int(10, 40) : rnd.int(4, 30)) * DAY;
      if (rnd.chance(0.04)) {
        const at = placedAt + 30 * 60_000;
        add(at, `cancel unpaid ${orderId}`, (crm) => crm.orders.cancel(ctx(iso(at), buyer), { orderId, reason: 'changed mind', at: iso(at) }));
        continue;
      }
      const paidAt = placedAt + rnd.int(2, 20) * 60_000;
      add(paidAt, `pay ${orderId}`, (crm) => crm.orders.pay(ctx(iso(paidAt), buyer), { orderId, method: rnd.pick(PAYMENT), amount: total, at: iso(paidAt) }));
      if (rnd.chance(0.02)) {
        const at = paidAt + HOUR;
        add(at, `cancel paid ${orderId}`, (crm) => crm.orders.cancel(ctx(iso(at), buyer), { orderId, reason: 'out of stock', at: iso(at) }));
        continue;
      }
      const shippedAt = during(rnd, Math.floor(paidAt / DAY) * DAY + DAY);
      const deliveredAt = shippedAt + rnd.int(2, 4) * DAY;
      const seller = { kind: 'agent' as const, id: agentId };
      add(shippedAt, `ship ${orderId}`, (crm) => crm.orders.ship(ctx(iso(shippedAt), seller), { orderId, at: iso(shippedAt) }));
      add(deliveredAt, `deliver ${orderId}`, (crm) => crm.orders.deliver(ctx(iso(deliveredAt), { kind: 'system', id: 'logistics' }), { orderId, at: iso(deliveredAt) }));
      let settledAt = deliveredAt;
      if (rnd.chance(0.06)) {
        const l1 = lines[0]!;
        const returnedAt = deliveredAt + rnd.int(1, 6) * DAY;
        const refundedAt = returnedAt + 2 * HOUR;
        const returnId = `r-${orderId.slice(2)}`;
        returnedOrder ??= orderId;
        add(returnedAt, `return ${orderId}`, (crm) => crm.orders.requestReturn(ctx(iso(returnedAt), buyer), { orderId, returnId, reason: 'noReason', lines: [{ line: 1, quantity: 1 }], at: iso(returnedAt) }));
        add(refundedAt, `refund ${orderId}`, (crm) => crm.orders.refund(ctx(iso(refundedAt), seller), { orderId, amount: Math.min(l1.unitPrice, total), returnId, at: iso(refundedAt) }));
        settledAt = refundedAt;
      }
      if (rnd.chance(0.03)) {
        const complaintId = `cp-${++complaintNo}`;
        const filedAt = during(rnd, Math.floor(deliveredAt / DAY) * DAY + DAY);
        const ackAt = filedAt + rnd.int(5, 40) * 60_000;
        add(filedAt, `complaint ${complaintId}`, (crm) => crm.complaints.file(ctx(iso(filedAt), buyer), { complaintId, customerId, orderId, category: rnd.pick(['logistics', 'productQuality'] as const), channel: 'chat', severity: 'minor', at: iso(filedAt) }));
        add(ackAt, `acknowledge ${complaintId}`, (crm) => crm.complaints.acknowledge(ctx(iso(ackAt), seller), { complaintId, agentId, at: iso(ackAt) }));
        add(ackAt + 30 * 60_000, `start work ${complaintId}`, (crm) => crm.complaints.startWork(ctx(iso(ackAt + 30 * 60_000), seller), { complaintId, agentId, at: iso(ackAt + 30 * 60_000) }));
        add(ackAt + HOUR, `resolve ${complaintId}`, (crm) => crm.complaints.resolve(ctx(iso(ackAt + HOUR), seller), { complaintId, agentId, resolution: { kind: 'apology' }, at: iso(ackAt + HOUR) }));
        add(ackAt + 2 * HOUR, `rate ${complaintId}`, (crm) => crm.complaints.rateSatisfaction(ctx(iso(ackAt + 2 * HOUR), buyer), { complaintId, score: rnd.pick([5, 5, 5, 4, 4, 3] as const), at: iso(ackAt + 2 * HOUR) }));
      }
      // the buyer confirms receipt, or the order completes itself 10 days after delivery (runDue)
      const confirms = rnd.chance(0.65) && settledAt + 9 * DAY > deliveredAt;
      const completedAt = confirms ? Math.min(settledAt + rnd.int(1, 3) * DAY, deliveredAt + 9 * DAY) : deliveredAt + 10 * DAY;
      if (confirms)
        add(completedAt, `confirm ${orderId}`, (crm) => crm.orders.complete(ctx(iso(completedAt), buyer), { orderId, by: 'buyer', at: iso(completedAt) }));
      for (let line = 1; line <= lines.length; line++) {
        if (rnd.chance(0.5)) {
          const at = completedAt + rnd.int(1, 10) * DAY;
          const rating = rnd.chance(0.92) ? 'good' : rnd.chance(0.6) ? 'neutral' : 'bad';
          add(at, `buyer rates ${orderId}/${line}`, (crm) => crm.orders.rateLine(ctx(iso(at), buyer), { orderId, line, by: 'buyer', rating, ...(rnd.chance(0.4) ? { text: '茶香浓郁，包装很好' } : {}), at: iso(at) }));
        }
        if (rnd.chance(0.4)) {
          const at = completedAt + rnd.int(1, 12) * DAY;
          const rating = rnd.chance(0.97) ? 'good' : 'neutral';
          add(at, `seller rates ${orderId}/${line}`, (crm) => crm.orders.rateLine(ctx(iso(at), seller), { orderId, line, by: 'seller', rating, at: iso(at) }));
        }
      }
    }
  }

  // the complaint of the story: high priority (15 business minutes to answer), nobody answers that day
  const breachingComplaint = 'cp-story';
  const story = start + 20 * DAY + 10 * HOUR; // 10:00 local
  const featured = 'c-0001';
  const them = { kind: 'customer' as const, id: featured };
  const supervisor = { kind: 'agent' as const, id: AGENTS[0] };
  add(story, `complaint ${breachingComplaint}`, (crm) => crm.complaints.file(ctx(iso(story), them), { complaintId: breachingComplaint, customerId: featured, category: 'productQuality', channel: 'phone', severity: 'major', description: '收到的龙井有受潮结块', at: iso(story) }));
  const nextMorning = story + DAY - HOUR;
  add(nextMorning, `acknowledge ${breachingComplaint}`, (crm) => crm.complaints.acknowledge(ctx(iso(nextMorning), supervisor), { complaintId: breachingComplaint, agentId: AGENTS[0], at: iso(nextMorning) }));
  add(nextMorning + HOUR, `start work ${breachingComplaint}`, (crm) => crm.complaints.startWork(ctx(iso(nextMorning + HOUR), supervisor), { complaintId: breachingComplaint, agentId: AGENTS[0], at: iso(nextMorning + HOUR) }));
  add(nextMorning + 2 * HOUR, `resolve ${breachingComplaint}`, (crm) => crm.complaints.resolve(ctx(iso(nextMorning + 2 * HOUR), supervisor), { complaintId: breachingComplaint, agentId: AGENTS[0], resolution: { kind: 'compensation', amount: 2_000 }, at: iso(nextMorning + 2 * HOUR) }));
  add(nextMorning + 3 * HOUR, `rate ${breachingComplaint}`, (crm) => crm.complaints.rateSatisfaction(ctx(iso(nextMorning + 3 * HOUR), them), { complaintId: breachingComplaint, score: 5, at: iso(nextMorning + 3 * HOUR) }));

  // leads: captured at fairs and from the website; some qualify and become customers
  for (let i = 1; i <= Math.max(10, Math.floor(o.customers / 10)); i++) {
    const leadId = `lead-${i}`;
    const agentId = AGENTS[i % 2]!;
    const at = during(rnd, start + rnd.int(0, o.days - 30) * DAY);
    const who = { kind: 'agent' as const, id: agentId };
    add(at, `capture ${leadId}`, (crm) => crm.leads.capture(ctx(iso(at), who), { leadId, source: rnd.pick(['tea fair', 'website', 'wechat group']), interest: rnd.pick(['gift boxes', 'office tea', 'teaware']) }));
    add(at + HOUR, `assign ${leadId}`, (crm) => crm.leads.assign(ctx(iso(at + HOUR), who), { leadId, agentId }));
    if (rnd.chance(0.3)) {
      add(at + 2 * DAY, `lose ${leadId}`, (crm) => crm.leads.lose(ctx(iso(at + 2 * DAY), who), { leadId, reason: rnd.pick(['noBudget', 'notInterested', 'unreachable'] as const) }));
      continue;
    }
    add(at + DAY, `qualify ${leadId}`, (crm) => crm.leads.qualify(ctx(iso(at + DAY), who), { leadId }));
    if (rnd.chance(0.6)) {
      const customerId = `c-lead-${i}`;
      const became = at + 3 * DAY;
      add(became, `register ${customerId}`, (crm) => crm.customers.register(ctx(iso(became), who), { customerId, name: nameOf(500 + i), email: `lead${i}@example.cn`, channel: 'offlineStore' }));
      add(became + 60_000, `convert ${leadId}`, (crm) => crm.leads.convert(ctx(iso(became + 60_000), who), { leadId, customerId }));
    }
  }
  steps.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return { steps, cast: { featuredCustomer: featured, breachingComplaint, erasedCustomer: 'c-0002', returnedOrder, welcomeCoupon: WELCOME_COUPON } };
};
