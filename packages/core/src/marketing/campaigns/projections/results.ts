import * as t from 'io-ts';
import type { IsoInstant } from '../../../kernel/codecs.js';
import type { Projection } from '../../../kernel/projection.js';
import { CampaignEvent, CampaignRecipientEvent } from '../events.js';
import { campaignRoi, type CampaignRoi } from '../roi.js';
import type { CampaignChannel, CampaignRefusalReason, CampaignResponse } from '../values.js';

/** An order credited to the campaign: the recipient's first paid order in the window. */
export interface CampaignAttribution {
  readonly customerId: string;
  readonly orderId: string;
  readonly paidAt: IsoInstant;
  readonly paid: number;
  /** Paid less refunds so far. */
  readonly net: number;
}

/** One campaign's results (`marketing.campaignResults`, keyed by campaign id). */
export interface CampaignResultsDoc {
  readonly tenantId: string;
  readonly campaignId: string;
  readonly name: string;
  readonly channel: CampaignChannel | null;
  readonly cost: number;
  readonly scheduledAt: IsoInstant | null;
  readonly audienceSize: number;
  readonly status: 'defined' | 'sending' | 'sent';
  readonly sentAt: IsoInstant | null;
  /** Recipients reached (their message counts toward the cap). */
  readonly sent: number;
  /** Recipients left out at send time, with the reasons. */
  readonly refused: number;
  readonly refusedByReason: Readonly<Record<CampaignRefusalReason, number>>;
  readonly refusals: readonly { readonly customerId: string; readonly reason: CampaignRefusalReason; readonly nextAllowedAt: IsoInstant | null }[];
  /** Recipients who responded so, each counted once per kind. */
  readonly responses: Readonly<Record<CampaignResponse, number>>;
  readonly attributedOrders: number;
  /** Σ paid of the attributed orders. */
  readonly attributedPaid: number;
  /** Σ net (paid less refunds) of the attributed orders: the revenue in the ROI. */
  readonly attributedRevenue: number;
  readonly attributions: readonly CampaignAttribution[];
  /** (attributedRevenue − cost) ÷ cost; null while the cost is 0. */
  readonly roi: CampaignRoi | null;
}

type Ev = CampaignEvent | CampaignRecipientEvent;

const zeroReasons = { noConsent: 0, capReached: 0, erased: 0, unknownCustomer: 0, outOfOrder: 0 };
const zeroResponses = { delivered: 0, opened: 0, clicked: 0, attended: 0 };

const withTotals = (doc: CampaignResultsDoc, attributions: readonly CampaignAttribution[]): CampaignResultsDoc => {
  const attributedRevenue = attributions.reduce((s, a) => s + a.net, 0);
  return {
    ...doc,
    attributions,
    attributedOrders: attributions.length,
    attributedPaid: attributions.reduce((s, a) => s + a.paid, 0),
    attributedRevenue,
    roi: campaignRoi(attributedRevenue, doc.cost),
  };
};

/**
 * `marketing.campaignResults`: per campaign, who was reached and who was refused (with the
 * reasons), response counts, attributed orders with their net revenue, and the ROI.
 */
export const campaignResults: Projection<CampaignResultsDoc, Ev> = {
  name: 'marketing.campaignResults',
  version: 1,
  events: t.union([CampaignEvent, CampaignRecipientEvent]),
  init: () => ({
    tenantId: '',
    campaignId: '',
    name: '',
    channel: null,
    cost: 0,
    scheduledAt: null,
    audienceSize: 0,
    status: 'defined',
    sentAt: null,
    sent: 0,
    refused: 0,
    refusedByReason: zeroReasons,
    refusals: [],
    responses: zeroResponses,
    attributedOrders: 0,
    attributedPaid: 0,
    attributedRevenue: 0,
    attributions: [],
    roi: null,
  }),
  keyOf: (e) => e.data.campaignId,
  apply: (doc0, e) => {
    const doc = { ...doc0, tenantId: e.metadata.tenantId, campaignId: e.data.campaignId };
    switch (e.type) {
      case 'CampaignDefined': {
        const { name, channel, cost, scheduledAt, audience } = e.data;
        return withTotals({ ...doc, name, channel, cost, scheduledAt, audienceSize: audience.length }, doc.attributions);
      }
      case 'CampaignSendStarted':
        return { ...doc, status: 'sending', sentAt: e.data.at };
      case 'CampaignSendCompleted':
        return { ...doc, status: 'sent' };
      case 'CampaignRecipientReached':
        return { ...doc, sent: doc.sent + 1 };
      case 'CampaignRecipientRefused': {
        const { customerId, reason, nextAllowedAt } = e.data;
        return {
          ...doc,
          refused: doc.refused + 1,
          refusedByReason: { ...doc.refusedByReason, [reason]: doc.refusedByReason[reason] + 1 },
          refusals: [...doc.refusals, { customerId, reason, nextAllowedAt }],
        };
      }
      case 'CampaignResponseRecorded':
        return { ...doc, responses: { ...doc.responses, [e.data.response]: doc.responses[e.data.response] + 1 } };
      case 'CampaignOrderAttributed': {
        const { customerId, orderId, paidAt, paid, net } = e.data;
        const others = doc.attributions.filter((a) => a.customerId !== customerId);
        return withTotals(doc, [...others, { customerId, orderId, paidAt, paid, net }]);
      }
      case 'CampaignOrderRefunded': {
        const { customerId, orderId, net } = e.data;
        return withTotals(
          doc,
          doc.attributions.map((a) => (a.customerId === customerId && a.orderId === orderId ? { ...a, net } : a)),
        );
      }
    }
  },
};
