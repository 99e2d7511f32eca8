import * as E from 'fp-ts/lib/Either.js';
import { absurd } from 'fp-ts/lib/function.js';
import type { IsoInstant } from '../../kernel/codecs.js';
import type { Decider } from '../../kernel/decider.js';
import { addMs } from '../../loyalty/coupons/instants.js';
import type { CampaignRecipientCommand } from './commands.js';
import { refuseCampaign, type CampaignError } from './errors.js';
import type { CampaignRecipientEvent } from './events.js';
import { defaultCampaignsPolicy, type CampaignsPolicy } from './policy.js';
import type { CampaignChannel, CampaignResponse } from './values.js';

/** The order a campaign is credited with: paid at `paidAt`, `net` after refunds so far. */
export interface AttributedOrder {
  readonly orderId: string;
  readonly paid: number;
  readonly net: number;
  readonly paidAt: IsoInstant;
}

/** What one campaign did for this customer. */
export type CampaignReceipt =
  | { readonly outcome: 'refused'; readonly channel: CampaignChannel; readonly at: IsoInstant }
  | {
      readonly outcome: 'reached';
      readonly channel: CampaignChannel;
      readonly at: IsoInstant;
      readonly responses: readonly CampaignResponse[];
      readonly attributed: AttributedOrder | null;
    };

/** One customer's campaigns (stream `campaignRecipient-<tenant>.<customerId>`), by campaign id. */
export interface CampaignRecipient {
  readonly campaigns: Readonly<Record<string, CampaignReceipt>>;
}

type Decision = E.Either<CampaignError, readonly CampaignRecipientEvent[]>;
type Cmd<T extends CampaignRecipientCommand['type']> = Extract<CampaignRecipientCommand, { type: T }>;

/** Whether `paidAt` lies in the window of a send at `sentAt`: at or after it and at most `days` × 24 h later. */
export const inAttributionWindow = (sentAt: string, paidAt: string, days: number): boolean => paidAt >= sentAt && paidAt <= addMs(sentAt, days * 86_400_000);

/** Earlier payment first; the same instant by order id (code-unit order). */
const paidBefore = (a: { paidAt: string; orderId: string }, b: { paidAt: string; orderId: string }): boolean =>
  a.paidAt < b.paidAt || (a.paidAt === b.paidAt && a.orderId < b.orderId);

const byId = <T>(record: Readonly<Record<string, T>>): [string, T][] => Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

const record = (c: Cmd<'RecordCampaignReach'> | Cmd<'RecordCampaignRefusal'>, s: CampaignRecipient): Decision => {
  if (s.campaigns[c.data.campaignId])
    return refuseCampaign('CAMPAIGN_RECIPIENT_RECORDED', `campaign ${c.data.campaignId}'s outcome for ${c.data.customerId} is recorded already`, ['data', 'campaignId']);
  return E.right([c.type === 'RecordCampaignReach' ? { type: 'CampaignRecipientReached', data: c.data } : { type: 'CampaignRecipientRefused', data: c.data }]);
};

const respond = (c: Cmd<'RecordCampaignResponse'>, s: CampaignRecipient): Decision => {
  const { campaignId, customerId, response, at } = c.data;
  const r = s.campaigns[campaignId];
  if (!r || r.outcome !== 'reached') return refuseCampaign('CAMPAIGN_NOT_RECEIVED', `campaign ${campaignId} did not reach ${customerId}`, ['data', 'customerId']);
  if (at < r.at) return refuseCampaign('CAMPAIGN_RESPONSE_BEFORE_SEND', `campaign ${campaignId} was sent at ${r.at}`, ['data', 'at'], { sentAt: r.at });
  if (r.responses.includes(response)) return refuseCampaign('CAMPAIGN_RESPONSE_RECORDED', `${customerId} ${response} campaign ${campaignId} already`, ['data', 'response']);
  return E.right([{ type: 'CampaignResponseRecorded', data: c.data }]);
};

/** Every reached campaign whose window holds the payment and that has no earlier-paid order gets this one. */
const paid = (days: number, c: Cmd<'NoteCampaignOrderPaid'>, s: CampaignRecipient): Decision => {
  const { customerId, orderId, amount, at } = c.data;
  const order = { orderId, paidAt: at };
  const out: CampaignRecipientEvent[] = [];
  for (const [campaignId, r] of byId(s.campaigns)) {
    if (r.outcome !== 'reached' || !inAttributionWindow(r.at, at, days)) continue;
    if (r.attributed && (r.attributed.orderId === orderId || !paidBefore(order, r.attributed))) continue;
    out.push({
      type: 'CampaignOrderAttributed',
      data: { campaignId, customerId, orderId, paid: amount, net: amount, sentAt: r.at, paidAt: at, replaces: r.attributed?.orderId ?? null },
    } as CampaignRecipientEvent);
  }
  return E.right(out);
};

/** Money paid back lowers the net of every campaign the order is attributed to (never below 0). */
const refund = (c: Cmd<'NoteCampaignOrderRefund'>, s: CampaignRecipient): Decision => {
  const { customerId, orderId, amount, at } = c.data;
  if (amount === 0) return E.right([]);
  const out: CampaignRecipientEvent[] = [];
  for (const [campaignId, r] of byId(s.campaigns))
    if (r.outcome === 'reached' && r.attributed?.orderId === orderId)
      out.push({ type: 'CampaignOrderRefunded', data: { campaignId, customerId, orderId, amount, net: Math.max(0, r.attributed.net - amount), at } } as CampaignRecipientEvent);
  return E.right(out);
};

const withReceipt = (s: CampaignRecipient, campaignId: string, f: (r: Extract<CampaignReceipt, { outcome: 'reached' }>) => CampaignReceipt): CampaignRecipient => {
  const r = s.campaigns[campaignId];
  return r && r.outcome === 'reached' ? { campaigns: { ...s.campaigns, [campaignId]: f(r) } } : s;
};

/**
 * One customer's campaigns, for a policy's attribution window: each campaign's outcome is
 * recorded once; responses only from a reached customer, not before the send, each kind
 * once; a paid order is attributed to every reached campaign whose window (send time to
 * `attributionWindowDays` × 24 h later, both ends inclusive) holds its payment, unless an
 * earlier-paid order is attributed already (the first paid order counts).
 */
export const makeCampaignRecipientDecider = (
  policy: CampaignsPolicy = defaultCampaignsPolicy,
): Decider<CampaignRecipient, CampaignRecipientCommand, CampaignRecipientEvent, CampaignError> => ({
  initialState: () => ({ campaigns: {} }),
  decide: (c, s) => {
    switch (c.type) {
      case 'RecordCampaignReach':
      case 'RecordCampaignRefusal':
        return record(c, s);
      case 'RecordCampaignResponse':
        return respond(c, s);
      case 'NoteCampaignOrderPaid':
        return paid(policy.attributionWindowDays, c, s);
      case 'NoteCampaignOrderRefund':
        return refund(c, s);
      default:
        return absurd(c);
    }
  },
  evolve: (s, e) => {
    switch (e.type) {
      case 'CampaignRecipientReached':
        return { campaigns: { ...s.campaigns, [e.data.campaignId]: { outcome: 'reached', channel: e.data.channel, at: e.data.at, responses: [], attributed: null } } };
      case 'CampaignRecipientRefused':
        return { campaigns: { ...s.campaigns, [e.data.campaignId]: { outcome: 'refused', channel: e.data.channel, at: e.data.at } } };
      case 'CampaignResponseRecorded':
        return withReceipt(s, e.data.campaignId, (r) => ({ ...r, responses: [...r.responses, e.data.response] }));
      case 'CampaignOrderAttributed': {
        const { orderId, paid: amount, net, paidAt } = e.data;
        return withReceipt(s, e.data.campaignId, (r) => ({ ...r, attributed: { orderId, paid: amount, net, paidAt } }));
      }
      case 'CampaignOrderRefunded':
        return withReceipt(s, e.data.campaignId, (r) => (r.attributed?.orderId === e.data.orderId ? { ...r, attributed: { ...r.attributed, net: e.data.net } } : r));
      default:
        return absurd(e);
    }
  },
});

/** The recipient decider with the default 7-day window. */
export const campaignRecipientDecider = makeCampaignRecipientDecider();
