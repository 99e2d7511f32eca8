import { describe, expect, it } from 'vitest';
import { foldProjection, type StoredEvent } from '../../../index.js';
import type { CampaignEvent, CampaignRecipientEvent } from '../events.js';
import { campaignHistory } from './history.js';
import { campaignResults, type CampaignResultsDoc } from './results.js';

type Ev = CampaignEvent | CampaignRecipientEvent;
const T = (h: number) => new Date(Date.parse('2026-08-19T02:00:00.000Z') + h * 3_600_000).toISOString();
let position = 0n;
const stored = (e: Record<string, unknown>): StoredEvent<Ev> => {
  position += 1n;
  return { ...e, metadata: { tenantId: 'shop1', globalPosition: position, streamPosition: 0n, eventId: `e${position}` } } as unknown as StoredEvent<Ev>;
};
const ev = (type: string, data: Record<string, unknown>) => stored({ type, data: { campaignId: 'qixi', ...data } });

const events: StoredEvent<Ev>[] = [
  ev('CampaignDefined', { name: '七夕', channel: 'sms', inviteVia: null, audience: ['c-ann', 'c-bob', 'c-cat'], audienceSource: null, cost: 10_000, scheduledAt: T(0), at: T(-48) }),
  ev('CampaignSendStarted', { at: T(0) }),
  ev('CampaignRecipientReached', { customerId: 'c-ann', channel: 'sms', messageId: 'm-1', at: T(0) }),
  ev('CampaignRecipientReached', { customerId: 'c-bob', channel: 'sms', messageId: 'm-2', at: T(0) }),
  ev('CampaignRecipientRefused', { customerId: 'c-cat', channel: 'sms', reason: 'capReached', nextAllowedAt: T(30), at: T(0) }),
  ev('CampaignSendCompleted', { sent: 2, refused: 1, at: T(0) }),
  ev('CampaignResponseRecorded', { customerId: 'c-ann', response: 'delivered', at: T(1) }),
  ev('CampaignResponseRecorded', { customerId: 'c-ann', response: 'clicked', at: T(2) }),
  ev('CampaignOrderAttributed', { customerId: 'c-ann', orderId: 'o-2', paid: 50_000, net: 50_000, sentAt: T(0), paidAt: T(30), replaces: null }),
  // a payment recorded late, earlier than o-2: it takes o-2's place
  ev('CampaignOrderAttributed', { customerId: 'c-ann', orderId: 'o-1', paid: 20_000, net: 20_000, sentAt: T(0), paidAt: T(10), replaces: 'o-2' }),
  ev('CampaignOrderRefunded', { customerId: 'c-ann', orderId: 'o-2', amount: 50_000, net: 0, at: T(40) }), // no longer attributed: ignored
  ev('CampaignOrderAttributed', { customerId: 'c-bob', orderId: 'o-3', paid: 15_000, net: 15_000, sentAt: T(0), paidAt: T(168), replaces: null }),
  ev('CampaignOrderRefunded', { customerId: 'c-bob', orderId: 'o-3', amount: 5_000, net: 10_000, at: T(200) }),
];

describe('campaign projections', () => {
  it('marketing.campaignResults: counts, reasons, responses, attributions after a replacement and a refund, ROI', () => {
    const doc = foldProjection(campaignResults, events).get('shop1/qixi') as CampaignResultsDoc;
    expect(doc).toEqual({
      tenantId: 'shop1',
      campaignId: 'qixi',
      name: '七夕',
      channel: 'sms',
      cost: 10_000,
      scheduledAt: T(0),
      audienceSize: 3,
      status: 'sent',
      sentAt: T(0),
      sent: 2,
      refused: 1,
      refusedByReason: { noConsent: 0, capReached: 1, erased: 0, unknownCustomer: 0, outOfOrder: 0 },
      refusals: [{ customerId: 'c-cat', reason: 'capReached', nextAllowedAt: T(30) }],
      responses: { delivered: 1, opened: 0, clicked: 1, attended: 0 },
      attributedOrders: 2,
      attributedPaid: 35_000,
      attributedRevenue: 30_000,
      attributions: [
        { customerId: 'c-ann', orderId: 'o-1', paidAt: T(10), paid: 20_000, net: 20_000 },
        { customerId: 'c-bob', orderId: 'o-3', paidAt: T(168), paid: 15_000, net: 10_000 },
      ],
      roi: { numerator: 20_000, denominator: 10_000, percent: 200 },
    });
  });

  it('marketing.campaignHistory: per customer, reached or refused, responses, the attributed order', () => {
    const docs = foldProjection(campaignHistory, events as StoredEvent<CampaignRecipientEvent>[]);
    expect(docs.get('shop1/c-ann')).toEqual({
      tenantId: 'shop1',
      customerId: 'c-ann',
      received: 1,
      refused: 0,
      responses: 2,
      attributedOrders: 1,
      campaigns: [
        {
          campaignId: 'qixi',
          channel: 'sms',
          at: T(0),
          outcome: 'reached',
          reason: null,
          nextAllowedAt: null,
          responses: [{ response: 'delivered', at: T(1) }, { response: 'clicked', at: T(2) }],
          attributedOrder: { orderId: 'o-1', paidAt: T(10), paid: 20_000, net: 20_000 },
        },
      ],
    });
    expect(docs.get('shop1/c-cat')).toMatchObject({ received: 0, refused: 1, attributedOrders: 0, campaigns: [{ outcome: 'refused', reason: 'capReached', nextAllowedAt: T(30) }] });
    expect(docs.get('shop1/c-bob')?.campaigns[0]?.attributedOrder).toEqual({ orderId: 'o-3', paidAt: T(168), paid: 15_000, net: 10_000 });
  });
});
