import type { Projection } from '../../kernel/projection.js';
import type { StoredEvent } from '../../kernel/envelope.js';

/**
 * When a fact happened (`at`, business time) and when the CRM learnt it (`rec`,
 * recordedAt): "as of T" counts a fact only when both are at or before T.
 */
export interface Dated {
  readonly at: string;
  readonly rec: string;
}

/** One order of a customer, as analytics needs it (money in fen). */
export interface OrderFacts {
  readonly placed: Dated;
  readonly paid: (Dated & { readonly amount: number }) | null;
  readonly completed: Dated | null;
  readonly cancelled: Dated | null;
  /** Every payment back: refunds, and a paid order's cancellation. */
  readonly refunds: readonly (Dated & { readonly amount: number })[];
}

/** `analytics.customerFacts`: one document per customer, the dated facts RFM, churn, core customers and KPIs read. */
export interface CustomerFactsDoc {
  readonly customerId: string;
  readonly orders: Readonly<Record<string, OrderFacts>>;
  readonly complaints: readonly (Dated & { readonly complaintId: string })[];
}

type Data = { customerId: string; orderId?: string; complaintId?: string; amount?: number; refunded?: number; at: string };
type AnalyticsEvent = { type: string; data: Data };

const dated = (e: StoredEvent<AnalyticsEvent>): Dated => ({ at: e.data.at, rec: e.metadata.recordedAt });
const emptyOrder = (placed: Dated): OrderFacts => ({ placed, paid: null, completed: null, cancelled: null, refunds: [] });

const withOrder = (d: CustomerFactsDoc, orderId: string, change: (o: OrderFacts) => OrderFacts, placed: Dated): CustomerFactsDoc => ({
  ...d,
  orders: { ...d.orders, [orderId]: change(d.orders[orderId] ?? emptyOrder(placed)) },
});

/**
 * The facts of every order and complaint of a customer, dated twice. Analytics reads are
 * pure functions of these documents and an instant, so any "as of" is answered from the
 * same documents, exactly.
 */
export const customerFacts: Projection<CustomerFactsDoc, AnalyticsEvent> = {
  name: 'analytics.customerFacts',
  version: 1,
  events: ['OrderPlaced', 'OrderPaid', 'OrderCompleted', 'OrderCancelled', 'OrderRefunded', 'ComplaintFiled'],
  init: () => ({ customerId: '', orders: {}, complaints: [] }),
  keyOf: (e) => e.data.customerId,
  apply: (doc, e) => {
    const d = { ...doc, customerId: e.data.customerId };
    const when = dated(e);
    const orderId = e.data.orderId ?? '';
    switch (e.type) {
      case 'OrderPlaced':
        return withOrder(d, orderId, (o) => ({ ...o, placed: when }), when);
      case 'OrderPaid':
        return withOrder(d, orderId, (o) => ({ ...o, paid: { ...when, amount: e.data.amount ?? 0 } }), when);
      case 'OrderCompleted':
        return withOrder(d, orderId, (o) => ({ ...o, completed: when }), when);
      case 'OrderCancelled': {
        const refunded = e.data.refunded ?? 0;
        return withOrder(d, orderId, (o) => ({ ...o, cancelled: when, refunds: refunded > 0 ? [...o.refunds, { ...when, amount: refunded }] : o.refunds }), when);
      }
      case 'OrderRefunded':
        return withOrder(d, orderId, (o) => ({ ...o, refunds: [...o.refunds, { ...when, amount: e.data.amount ?? 0 }] }), when);
      case 'ComplaintFiled':
        return { ...d, complaints: [...d.complaints, { ...when, complaintId: e.data.complaintId ?? '' }] };
      default:
        return d;
    }
  },
};
