import type { Projection } from '../../kernel/projection.js';
import type { OrderEvent } from '../../orders/events.js';
import type { LoyaltyEvent } from '../events.js';
import { emptyScoreFacts, type DatedFact, type ScoreFacts } from '../score.js';

type Fed = OrderEvent | LoyaltyEvent;

const earliest = (a: string | null, b: string): string => (a === null || b < a ? b : a);
const dated = (list: readonly DatedFact[], id: string, at: string): DatedFact[] => [...list, { id, at }];

/**
 * `loyalty.scoreFacts`: per customer, the facts the member score reads — completed orders
 * with their net paid over time, buyer reviews with text, bad ratings received as a buyer,
 * shares, answers, charge-backs and family accounts — so `memberScoreAt` can score any T.
 */
export const loyaltyScoreFacts: Projection<ScoreFacts, Fed> = {
  name: 'loyalty.scoreFacts',
  version: 1,
  events: [
    'OrderCompleted',
    'OrderRefunded',
    'OrderLineRated',
    'ShareRecorded',
    'AnsweredQuestionRecorded',
    'ChargebackRecorded',
    'FamilyAccountBound',
    'FamilyAccountUnbound',
    'MonthlyScoreRecorded',
  ],
  init: () => emptyScoreFacts(''),
  keyOf: (e) => {
    switch (e.type) {
      case 'OrderRefunded':
        return e.data.completed ? e.data.customerId : undefined; // before completion: already in OrderCompleted.netPaid
      case 'OrderLineRated': {
        const review = e.data.by === 'buyer' && e.data.text !== undefined && e.data.text.length > 0;
        const bad = e.data.by === 'seller' && e.data.rating === 'bad';
        return review || bad ? e.data.customerId : undefined;
      }
      case 'OrderCompleted':
      case 'ShareRecorded':
      case 'AnsweredQuestionRecorded':
      case 'ChargebackRecorded':
      case 'FamilyAccountBound':
      case 'FamilyAccountUnbound':
      case 'MonthlyScoreRecorded':
        return e.data.customerId;
      default:
        return undefined;
    }
  },
  apply: (f0, e) => {
    const f: ScoreFacts = f0.customerId === '' ? { ...f0, customerId: (e.data as { customerId: string }).customerId } : f0;
    switch (e.type) {
      case 'OrderCompleted': {
        const d = e.data;
        return { ...f, orders: { ...f.orders, [d.orderId]: { completedAt: d.at, netPaid: [{ at: d.at, netPaidFen: d.netPaid }] } }, firstFactAt: earliest(f.firstFactAt, d.at) };
      }
      case 'OrderRefunded': {
        const o = f.orders[e.data.orderId];
        if (!o) return f;
        return { ...f, orders: { ...f.orders, [e.data.orderId]: { ...o, netPaid: [...o.netPaid, { at: e.data.at, netPaidFen: e.data.netPaid }] } } };
      }
      case 'OrderLineRated': {
        const d = e.data;
        const id = `${d.orderId}:${d.line}`;
        const at = earliest(f.firstFactAt, d.at);
        return d.by === 'buyer' ? { ...f, reviews: dated(f.reviews, id, d.at), firstFactAt: at } : { ...f, badRatings: dated(f.badRatings, id, d.at), firstFactAt: at };
      }
      case 'ShareRecorded':
        return { ...f, shares: dated(f.shares, e.data.shareId, e.data.at), firstFactAt: earliest(f.firstFactAt, e.data.at) };
      case 'AnsweredQuestionRecorded':
        return { ...f, answers: dated(f.answers, e.data.questionId, e.data.at), firstFactAt: earliest(f.firstFactAt, e.data.at) };
      case 'ChargebackRecorded':
        return { ...f, chargebacks: dated(f.chargebacks, e.data.chargebackId, e.data.at), firstFactAt: earliest(f.firstFactAt, e.data.at) };
      case 'FamilyAccountBound':
      case 'FamilyAccountUnbound':
        return {
          ...f,
          family: [...f.family, { familyAccountId: e.data.familyAccountId, bound: e.type === 'FamilyAccountBound', at: e.data.at }],
          firstFactAt: earliest(f.firstFactAt, e.data.at),
        };
      case 'MonthlyScoreRecorded':
        return { ...f, lastScoredMonth: f.lastScoredMonth === null || e.data.month > f.lastScoredMonth ? e.data.month : f.lastScoredMonth };
      default:
        return f;
    }
  },
};
