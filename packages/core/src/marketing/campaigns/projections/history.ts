import type { IsoInstant } from '../../../kernel/codecs.js';
import type { Projection } from '../../../kernel/projection.js';
import { CampaignRecipientEvent } from '../events.js';
import type { CampaignChannel, CampaignRefusalReason, CampaignResponse } from '../values.js';

/** One campaign in a customer's history. */
export interface CampaignHistoryEntry {
  readonly campaignId: string;
  readonly channel: CampaignChannel;
  readonly at: IsoInstant;
  readonly outcome: 'reached' | 'refused';
  /** Why the customer was left out (refused only). */
  readonly reason: CampaignRefusalReason | null;
  readonly nextAllowedAt: IsoInstant | null;
  readonly responses: readonly { readonly response: CampaignResponse; readonly at: IsoInstant }[];
  readonly attributedOrder: { readonly orderId: string; readonly paidAt: IsoInstant; readonly paid: number; readonly net: number } | null;
}

/** One customer's marketing history (`marketing.campaignHistory`, keyed by customer id). */
export interface CampaignHistoryDoc {
  readonly tenantId: string;
  readonly customerId: string;
  /** Campaigns that reached the customer. */
  readonly received: number;
  /** Campaigns the customer was left out of. */
  readonly refused: number;
  /** Responses recorded, every kind. */
  readonly responses: number;
  /** Campaigns credited with one of the customer's orders. */
  readonly attributedOrders: number;
  /** In the order they were recorded. */
  readonly campaigns: readonly CampaignHistoryEntry[];
}

const update = (doc: CampaignHistoryDoc, campaignId: string, f: (e: CampaignHistoryEntry) => CampaignHistoryEntry): CampaignHistoryEntry[] =>
  doc.campaigns.map((c) => (c.campaignId === campaignId ? f(c) : c));

/** `marketing.campaignHistory`: per customer, the campaigns received or refused, responses and attributed orders. */
export const campaignHistory: Projection<CampaignHistoryDoc, CampaignRecipientEvent> = {
  name: 'marketing.campaignHistory',
  version: 1,
  events: CampaignRecipientEvent,
  init: () => ({ tenantId: '', customerId: '', received: 0, refused: 0, responses: 0, attributedOrders: 0, campaigns: [] }),
  keyOf: (e) => e.data.customerId,
  apply: (doc0, e) => {
    const doc = { ...doc0, tenantId: e.metadata.tenantId, customerId: e.data.customerId };
    switch (e.type) {
      case 'CampaignRecipientReached': {
        const { campaignId, channel, at } = e.data;
        return { ...doc, received: doc.received + 1, campaigns: [...doc.campaigns, { campaignId, channel, at, outcome: 'reached', reason: null, nextAllowedAt: null, responses: [], attributedOrder: null }] };
      }
      case 'CampaignRecipientRefused': {
        const { campaignId, channel, at, reason, nextAllowedAt } = e.data;
        return { ...doc, refused: doc.refused + 1, campaigns: [...doc.campaigns, { campaignId, channel, at, outcome: 'refused', reason, nextAllowedAt, responses: [], attributedOrder: null }] };
      }
      case 'CampaignResponseRecorded': {
        const { response, at } = e.data;
        return { ...doc, responses: doc.responses + 1, campaigns: update(doc, e.data.campaignId, (c) => ({ ...c, responses: [...c.responses, { response, at }] })) };
      }
      case 'CampaignOrderAttributed': {
        const { orderId, paidAt, paid, net, replaces } = e.data;
        return {
          ...doc,
          attributedOrders: doc.attributedOrders + (replaces === null ? 1 : 0),
          campaigns: update(doc, e.data.campaignId, (c) => ({ ...c, attributedOrder: { orderId, paidAt, paid, net } })),
        };
      }
      case 'CampaignOrderRefunded': {
        const { orderId, net } = e.data;
        return { ...doc, campaigns: update(doc, e.data.campaignId, (c) => (c.attributedOrder?.orderId === orderId ? { ...c, attributedOrder: { ...c.attributedOrder, net } } : c)) };
      }
    }
  },
};
