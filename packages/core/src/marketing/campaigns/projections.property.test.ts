import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inWindow, type CountedMessage } from '../cap.js';
import type { MarketingEvent } from '../events.js';
import { defaultMarketingPolicy } from '../policy.js';
import { foldProjection, type Projection, type StoredEvent } from '../../index.js';
import { campaignHistory, type CampaignHistoryDoc } from './projections/history.js';
import { campaignResults, type CampaignResultsDoc } from './projections/results.js';
import { inAttributionWindow } from './recipientDecider.js';
import { as, campaignCrm, DAY, iso, ok, shop } from './testFixtures.js';

const customers = ['c-1', 'c-2', 'c-3', 'c-4'];
const HOUR = 3_600_000;

/** One step of a shop's life: a direct marketing message, a campaign defined and sent, an order paid or refunded, a response. */
const stepArb = fc.oneof(
  fc.record({ kind: fc.constant('message' as const), customer: fc.constantFrom(...customers), hours: fc.integer({ min: 0, max: 24 * 12 }), count: fc.integer({ min: 1, max: 4 }) }),
  fc.record({
    kind: fc.constant('campaign' as const),
    audience: fc.uniqueArray(fc.constantFrom(...customers, 'c-ghost'), { minLength: 1, maxLength: 6 }),
    hours: fc.integer({ min: 0, max: 24 * 15 }),
    cost: fc.constantFrom(0, 1, 10_000, 33_333),
    channel: fc.constantFrom('sms' as const, 'email' as const),
  }),
  fc.record({ kind: fc.constant('order' as const), customer: fc.constantFrom(...customers), hours: fc.integer({ min: 0, max: 24 * 20 }), afterCampaign: fc.option(fc.integer({ min: 0, max: 24 * 9 })), amount: fc.integer({ min: 1, max: 50_000 }), refund: fc.option(fc.integer({ min: 1, max: 60_000 })) }),
  // two payments of one customer after the last campaign, the later one recorded first
  fc.record({ kind: fc.constant('latePair' as const), customer: fc.constantFrom(...customers), hours: fc.integer({ min: 0, max: 24 * 20 }), first: fc.integer({ min: 0, max: 24 * 8 }), gap: fc.integer({ min: 1, max: 48 }) }),
  fc.record({ kind: fc.constant('response' as const), customer: fc.constantFrom(...customers), campaign: fc.nat(5), response: fc.constantFrom('delivered' as const, 'opened' as const, 'clicked' as const, 'attended' as const), hours: fc.integer({ min: 0, max: 24 * 20 }) }),
);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const projections: Projection<any, any>[] = [campaignResults, campaignHistory];

describe('campaign projections (property)', () => {
  const totals = { attributed: 0, capped: 0, replaced: 0 };
  it('rebuild equals incremental for results and history; sent + refused = audience; attributed ≤ sent; revenue = Σ net ≤ Σ paid', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 20 }), fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }), fc.boolean(), fc.boolean(), async (unsorted, pauses, inTimeOrder, preload) => {
        // mostly the shop's life in time order; sometimes facts recorded late (out of order)
        const steps = inTimeOrder ? [...unsorted].sort((a, b) => a.hours - b.hours) : unsorted;
        const { crm, customer, eventStore, readModels } = campaignCrm();
        for (const [i, c] of customers.entries()) await customer(c, i % 2 === 0 ? ['sms'] : ['sms', 'email']);
        ok(await crm.customers.withdrawConsent(shop, { customerId: 'c-4', channel: 'sms', at: iso(10 * DAY) }));
        // sometimes c-1 starts at the cap: 4 messages in the 5 days before
        if (preload) for (const d of [5, 4, 3, 2]) ok(await crm.marketing.send(as(`pre-${d}`), { customerId: 'c-1', channel: 'sms', at: iso(-d * DAY) }));
        const campaignIds: string[] = [];
        let lastCampaignMs: number | null = null;
        for (const [i, s] of steps.entries()) {
          const at = iso(s.hours * HOUR + i); // distinct instants
          if (s.kind === 'message')
            for (let k = 0; k < s.count; k++) await crm.marketing.send(as(`m-${i}-${k}`), { customerId: s.customer, channel: 'sms', at: iso(s.hours * HOUR + i + k * HOUR) });
          if (s.kind === 'campaign') {
            const campaignId = `k-${i}`;
            ok(await crm.campaigns.define(shop, { campaignId, name: campaignId, channel: s.channel, audience: s.audience, cost: s.cost, scheduledAt: at, at }));
            const report = ok(await crm.campaigns.send(as(`send-${i}`), { campaignId, at }));
            expect(report.sent.length + report.refused.length).toBe(s.audience.length);
            campaignIds.push(campaignId);
            lastCampaignMs = s.hours * HOUR + i;
          }
          if (s.kind === 'order') {
            const orderId = `o-${i}`;
            const paidMs = s.afterCampaign !== null && lastCampaignMs !== null ? lastCampaignMs + s.afterCampaign * HOUR : s.hours * HOUR + i;
            const at = iso(paidMs);
            ok(await crm.orders.place(shop, { orderId, customerId: s.customer, sellerId: 's-1', couponAmount: 0, at, lines: [{ sku: 'a', productId: 'a', category: 'a', quantity: 1, unitPrice: s.amount }] }));
            ok(await crm.orders.pay(shop, { orderId, method: 'alipay', amount: s.amount, at }));
            if (s.refund !== null) await crm.orders.refund(shop, { orderId, amount: s.refund, at: iso(paidMs + HOUR) }); // refused when more than paid
          }
          if (s.kind === 'latePair' && lastCampaignMs !== null)
            for (const [k, ms] of [[1, lastCampaignMs + (s.first + s.gap) * HOUR], [0, lastCampaignMs + s.first * HOUR]] as const) {
              const orderId = `o-${i}-${k}`;
              ok(await crm.orders.place(shop, { orderId, customerId: s.customer, sellerId: 's-1', couponAmount: 0, at: iso(ms), lines: [{ sku: 'a', productId: 'a', category: 'a', quantity: 1, unitPrice: 1000 + k }] }));
              ok(await crm.orders.pay(shop, { orderId, method: 'alipay', amount: 1000 + k, at: iso(ms) }));
            }
          if (s.kind === 'response' && campaignIds.length > 0)
            await crm.campaigns.recordResponse(shop, { campaignId: campaignIds[s.campaign % campaignIds.length]!, customerId: s.customer, response: s.response, at });
          if (pauses[i]) await crm.settle();
        }
        await crm.settle();

        const events: StoredEvent[] = [];
        for await (const e of eventStore.readAll()) events.push(e);
        const check = async () => {
          for (const p of projections) {
            const folded = foldProjection(p, events);
            let stored = 0;
            for await (const _ of readModels.query(p.name, 'shop1')) stored++;
            expect(stored).toBe(folded.size);
            for (const [key, doc] of folded) expect(await readModels.get(p.name, 'shop1', key.split('/')[1]!)).toEqual(doc);
          }
        };
        await check();
        await crm.kernel.projections.rebuild();
        await check();

        for (const campaignId of campaignIds) {
          const r = (await crm.projections.campaigns.results('shop1', campaignId)) as CampaignResultsDoc;
          expect(r.status).toBe('sent');
          expect(r.sent + r.refused).toBe(r.audienceSize);
          expect(r.refusals).toHaveLength(r.refused);
          expect(Object.values(r.refusedByReason).reduce((a, b) => a + b, 0)).toBe(r.refused);
          expect(r.attributedOrders).toBeLessThanOrEqual(r.sent);
          expect(new Set(r.attributions.map((a) => a.customerId)).size).toBe(r.attributedOrders);
          for (const resp of Object.values(r.responses)) expect(resp).toBeLessThanOrEqual(r.sent);
          expect(r.attributedRevenue).toBe(r.attributions.reduce((s, a) => s + a.net, 0));
          expect(r.attributedRevenue).toBeLessThanOrEqual(r.attributedPaid);
          expect(r.roi === null).toBe(r.cost === 0);
          // every attributed order was paid within 7 × 24 h of the send
          for (const a of r.attributions) expect(a.paidAt >= r.sentAt! && Date.parse(a.paidAt) - Date.parse(r.sentAt!) <= 7 * DAY).toBe(true);
        }
        // attribution against the orders: the attributed order is paid by the recipient in the window, and no
        // order paid in the window and recorded after the send is paid earlier (then smaller id); one exists → one attributed
        const paidOrders = events.filter((e) => e.type === 'OrderPaid').map((e) => ({ ...(e.data as { customerId: string; orderId: string; at: string }), position: e.metadata.globalPosition }));
        const before = (a: { at: string; orderId: string }, b: { at: string; orderId: string }) => a.at < b.at || (a.at === b.at && a.orderId < b.orderId);
        for (const reach of events.filter((e) => e.type === 'CampaignRecipientReached')) {
          const { campaignId, customerId, at: sentAt } = reach.data as { campaignId: string; customerId: string; at: string };
          const inWindowOrders = paidOrders.filter((o) => o.customerId === customerId && inAttributionWindow(sentAt, o.at, 7));
          const seen = inWindowOrders.filter((o) => o.position > reach.metadata.globalPosition);
          const attributed = ((await crm.projections.campaigns.results('shop1', campaignId)) as CampaignResultsDoc).attributions.find((a) => a.customerId === customerId);
          if (attributed) {
            const order = inWindowOrders.find((o) => o.orderId === attributed.orderId);
            expect(order?.at).toBe(attributed.paidAt);
            for (const o of seen) expect(before(o, { at: attributed.paidAt, orderId: attributed.orderId })).toBe(false);
          } else expect(seen).toEqual([]);
        }
        for (const c of customers) {
          const h = await crm.projections.campaigns.history('shop1', c);
          if (!h) continue;
          const doc = h as CampaignHistoryDoc;
          expect(doc.received + doc.refused).toBe(doc.campaigns.length);
          expect(doc.attributedOrders).toBe(doc.campaigns.filter((x) => x.attributedOrder !== null).length);
          expect(doc.attributedOrders).toBeLessThanOrEqual(doc.received);
        }
        // never more than 4 counted marketing messages to one customer in any 30 × 24 h window, campaign messages included
        const counted = new Map<string, CountedMessage & { customerId: string }>();
        for (const e of events as StoredEvent<MarketingEvent>[]) {
          if (e.type === 'MarketingMessageSent') counted.set(e.data.messageId, { ...e.data, customerId: e.data.customerId });
          if (e.type === 'MarketingMessageRetracted') counted.delete(e.data.messageId);
        }
        for (const c of customers) {
          const mine = [...counted.values()].filter((m) => m.customerId === c);
          for (const m of mine) expect(inWindow(mine, m.at, defaultMarketingPolicy).length).toBeLessThanOrEqual(4);
        }
        totals.attributed += campaignIds.length === 0 ? 0 : (await Promise.all(campaignIds.map((k) => crm.projections.campaigns.results('shop1', k)))).reduce((n, r) => n + (r?.attributedOrders ?? 0), 0);
        totals.replaced += events.filter((e) => e.type === 'CampaignOrderAttributed' && (e.data as { replaces: string | null }).replaces !== null).length;
        totals.capped += events.filter((e) => e.type === 'CampaignRecipientRefused' && (e.data as { reason: string }).reason === 'capReached').length;
      }),
      { numRuns: 30 },
    );
    // the scenarios reach the cases that matter
    expect(totals.attributed).toBeGreaterThan(0);
    expect(totals.capped).toBeGreaterThan(0);
    expect(totals.replaced).toBeGreaterThan(0);
  }, 120_000);
});
