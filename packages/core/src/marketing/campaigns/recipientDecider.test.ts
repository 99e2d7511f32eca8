import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { specFor } from '../../testing/deciderSpecification.js';
import type { CampaignRecipientCommand } from './commands.js';
import type { CampaignRecipientEvent } from './events.js';
import { campaignRecipientDecider, inAttributionWindow, makeCampaignRecipientDecider, type CampaignRecipient } from './recipientDecider.js';

const given = specFor(campaignRecipientDecider);
const DAY = 86_400_000;
const T0 = Date.parse('2026-06-01T02:00:00.000Z');
const iso = (ms: number) => new Date(T0 + ms).toISOString();
const ann = 'c-ann';

const reached = (campaignId: string, ms = 0): CampaignRecipientEvent =>
  ({ type: 'CampaignRecipientReached', data: { campaignId, customerId: ann, channel: 'sms', messageId: `m-${campaignId}`, at: iso(ms) } }) as CampaignRecipientEvent;
const refusedEvent = (campaignId: string): CampaignRecipientEvent =>
  ({ type: 'CampaignRecipientRefused', data: { campaignId, customerId: ann, channel: 'sms', reason: 'capReached', nextAllowedAt: iso(3 * DAY), at: iso(0) } }) as CampaignRecipientEvent;
const reach = (campaignId: string, ms = 0): CampaignRecipientCommand => ({ type: 'RecordCampaignReach', data: reached(campaignId, ms).data }) as CampaignRecipientCommand;
const respond = (response: string, ms: number, campaignId = 'qixi'): CampaignRecipientCommand =>
  ({ type: 'RecordCampaignResponse', data: { campaignId, customerId: ann, response, at: iso(ms) } }) as CampaignRecipientCommand;
const pay = (orderId: string, ms: number, amount = 35_000): CampaignRecipientCommand =>
  ({ type: 'NoteCampaignOrderPaid', data: { customerId: ann, orderId, amount, at: iso(ms) } }) as CampaignRecipientCommand;
const refund = (orderId: string, amount: number, ms = 8 * DAY): CampaignRecipientCommand =>
  ({ type: 'NoteCampaignOrderRefund', data: { customerId: ann, orderId, amount, at: iso(ms) } }) as CampaignRecipientCommand;
const attributed = (orderId: string, ms: number, over: Record<string, unknown> = {}, campaignId = 'qixi', sentMs = 0): CampaignRecipientEvent =>
  ({ type: 'CampaignOrderAttributed', data: { campaignId, customerId: ann, orderId, paid: 35_000, net: 35_000, sentAt: iso(sentMs), paidAt: iso(ms), replaces: null, ...over } }) as CampaignRecipientEvent;

describe('campaign recipient decider', () => {
  it('records a campaign’s outcome for the customer once', () => {
    given([]).when(reach('qixi')).then([reached('qixi')]);
    given([reached('qixi')]).when(reach('qixi')).thenRejects('CAMPAIGN_RECIPIENT_RECORDED', ['data', 'campaignId']);
    given([refusedEvent('qixi')]).when(reach('qixi')).thenRejects('CAMPAIGN_RECIPIENT_RECORDED', ['data', 'campaignId']);
  });

  it('takes responses from a reached customer, not before the send, each kind once', () => {
    given([reached('qixi')]).when(respond('opened', 0)).then([{ type: 'CampaignResponseRecorded', data: { campaignId: 'qixi', customerId: ann, response: 'opened', at: iso(0) } } as CampaignRecipientEvent]);
    given([reached('qixi', DAY)]).when(respond('opened', DAY - 1)).thenRejects('CAMPAIGN_RESPONSE_BEFORE_SEND', ['data', 'at']);
    given([]).when(respond('clicked', DAY)).thenRejects('CAMPAIGN_NOT_RECEIVED', ['data', 'customerId']);
    given([refusedEvent('qixi')]).when(respond('clicked', DAY)).thenRejects('CAMPAIGN_NOT_RECEIVED', ['data', 'customerId']);
    const once = { type: 'CampaignResponseRecorded', data: { campaignId: 'qixi', customerId: ann, response: 'clicked', at: iso(DAY) } } as CampaignRecipientEvent;
    given([reached('qixi'), once]).when(respond('clicked', 2 * DAY)).thenRejects('CAMPAIGN_RESPONSE_RECORDED', ['data', 'response']);
  });

  it('attributes an order paid exactly 7 × 24 h after the send, not one second (or 1 ms) later', () => {
    given([reached('qixi')]).when(pay('o-1', 7 * DAY)).then([attributed('o-1', 7 * DAY)]);
    given([reached('qixi')]).when(pay('o-1', 7 * DAY + 1000)).thenNothing();
    given([reached('qixi')]).when(pay('o-1', 7 * DAY + 1)).thenNothing();
    given([reached('qixi', DAY)]).when(pay('o-1', DAY)).then([attributed('o-1', DAY, {}, 'qixi', DAY)]);
    given([reached('qixi', DAY)]).when(pay('o-1', DAY - 1)).thenNothing();
  });

  it('counts only the first paid order; a refused recipient gets none', () => {
    given([reached('qixi'), attributed('o-1', DAY)]).when(pay('o-2', 2 * DAY)).thenNothing();
    given([reached('qixi'), attributed('o-1', DAY)]).when(pay('o-1', DAY)).thenNothing();
    given([refusedEvent('qixi')]).when(pay('o-1', DAY)).thenNothing();
  });

  it('puts an order paid earlier but recorded later in place of the one attributed', () =>
    given([reached('qixi'), attributed('o-2', 2 * DAY)]).when(pay('o-1', DAY, 20_000)).then([attributed('o-1', DAY, { paid: 20_000, net: 20_000, replaces: 'o-2' })]));

  it('credits every campaign whose window holds the payment', () =>
    given([reached('a', 0), reached('b', 3 * DAY), reached('c', 9 * DAY)])
      .when(pay('o-1', 8 * DAY))
      .then([attributed('o-1', 8 * DAY, {}, 'b', 3 * DAY)]));

  it('lowers the attributed order’s net by each refund, never below 0, and ignores other orders', () => {
    given([reached('qixi'), attributed('o-1', DAY)])
      .when(refund('o-1', 5_000))
      .then([{ type: 'CampaignOrderRefunded', data: { campaignId: 'qixi', customerId: ann, orderId: 'o-1', amount: 5_000, net: 30_000, at: iso(8 * DAY) } } as CampaignRecipientEvent]);
    const s = [reached('qixi'), attributed('o-1', DAY)].reduce(campaignRecipientDecider.evolve, campaignRecipientDecider.initialState());
    const r = campaignRecipientDecider.decide(refund('o-1', 50_000), s);
    expect(r).toMatchObject({ right: [{ data: { net: 0 } }] });
    given([reached('qixi'), attributed('o-1', DAY)]).when(refund('o-9', 5_000)).thenNothing();
  });

  it('follows the shop’s window', () => {
    const d = makeCampaignRecipientDecider({ attributionWindowDays: 3 as never });
    const s = d.evolve(d.initialState(), reached('qixi'));
    expect(d.decide(pay('o-1', 3 * DAY), s)).toMatchObject({ right: [{ type: 'CampaignOrderAttributed', data: { orderId: 'o-1' } }] });
    expect(d.decide(pay('o-1', 3 * DAY + 1000), s)).toEqual(E.right([]));
  });
});

describe('attribution properties', () => {
  const payment = fc.record({ hours: fc.integer({ min: -48, max: 24 * 10 }), amount: fc.integer({ min: 1, max: 50_000 }) });

  it('the attributed order is the earliest-paid (then smallest id) of the orders paid in the window, whatever order they are recorded in', () =>
    fc.assert(
      fc.property(fc.array(payment, { maxLength: 12 }), fc.integer({ min: 0, max: 200 }), (payments, sentHours) => {
        let s: CampaignRecipient = campaignRecipientDecider.evolve(campaignRecipientDecider.initialState(), reached('qixi', sentHours * 3_600_000));
        payments.forEach((p, i) => {
          const r = campaignRecipientDecider.decide(pay(`o-${String(i).padStart(2, '0')}`, p.hours * 3_600_000 + sentHours * 3_600_000, p.amount), s);
          if (E.isLeft(r)) throw new Error('a payment note is never refused');
          s = r.right.reduce(campaignRecipientDecider.evolve, s);
        });
        const sent = iso(sentHours * 3_600_000);
        const inWindow = payments
          .map((p, i) => ({ orderId: `o-${String(i).padStart(2, '0')}`, paidAt: iso(p.hours * 3_600_000 + sentHours * 3_600_000), amount: p.amount }))
          .filter((o) => inAttributionWindow(sent, o.paidAt, 7))
          .sort((a, b) => (a.paidAt < b.paidAt ? -1 : a.paidAt > b.paidAt ? 1 : a.orderId < b.orderId ? -1 : 1));
        const r = s.campaigns['qixi'];
        expect(r?.outcome === 'reached' ? r.attributed?.orderId ?? null : 'refused').toBe(inWindow[0]?.orderId ?? null);
      }),
    ));

  it('the attributed order’s net is its payment less every refund of it, never below 0 (property)', () =>
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.array(fc.record({ own: fc.boolean(), amount: fc.integer({ min: 1, max: 40_000 }) }), { maxLength: 8 }), (paidAmount, refunds) => {
        let s: CampaignRecipient = [reached('qixi'), attributed('o-1', DAY, { paid: paidAmount, net: paidAmount })].reduce(campaignRecipientDecider.evolve, campaignRecipientDecider.initialState());
        for (const r of refunds) {
          const d = campaignRecipientDecider.decide(refund(r.own ? 'o-1' : 'o-2', r.amount), s);
          if (E.isLeft(d)) throw new Error('a refund note is never refused');
          s = d.right.reduce(campaignRecipientDecider.evolve, s);
        }
        const own = refunds.filter((r) => r.own).reduce((n, r) => n + r.amount, 0);
        const receipt = s.campaigns['qixi'];
        expect(receipt?.outcome === 'reached' ? receipt.attributed?.net : undefined).toBe(Math.max(0, paidAmount - own));
      }),
    ));
});
