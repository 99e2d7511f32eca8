import type { Projection } from '../../kernel/projection.js';
import type { StoredEvent } from '../../kernel/envelope.js';
import { OrderEvent, type OrderLine, type ReturnedLine } from '../events.js';
import { orderStateLabels, type OrderState } from '../state.js';

/** One order as a shop's back office shows it. Money in fen; absent facts are `null`. */
export interface OrderSummary {
  readonly tenantId: string;
  readonly orderId: string;
  readonly customerId: string;
  readonly sellerId: string;
  readonly state: OrderState | 'none';
  /** What the buyer sees: 待付款, 待发货, 已发货, 已签收, 交易成功, 已取消. */
  readonly label: string;
  readonly lines: readonly OrderLine[];
  readonly couponId: string | null;
  readonly couponAmount: number;
  /** Σ lines − coupon. */
  readonly total: number;
  readonly method: string | null;
  readonly paid: number;
  readonly refunded: number;
  /** paid − refunded. */
  readonly netPaid: number;
  readonly placedAt: string | null;
  readonly paidAt: string | null;
  readonly shippedAt: string | null;
  readonly trackingNumber: string | null;
  readonly deliveredAt: string | null;
  readonly completedAt: string | null;
  readonly completedBy: 'buyer' | 'auto' | null;
  readonly cancelledAt: string | null;
  readonly cancelReason: string | null;
  readonly returns: readonly { readonly returnId: string; readonly reason: string; readonly lines: readonly ReturnedLine[]; readonly at: string }[];
  readonly refunds: readonly { readonly amount: number; readonly returnId: string | null; readonly at: string }[];
  readonly ratings: readonly {
    readonly line: number;
    readonly productId: string;
    readonly by: 'buyer' | 'seller';
    readonly rating: 'good' | 'neutral' | 'bad';
    readonly text: string | null;
    readonly at: string;
  }[];
}

const empty: OrderSummary = {
  tenantId: '',
  orderId: '',
  customerId: '',
  sellerId: '',
  state: 'none',
  label: orderStateLabels.none,
  lines: [],
  couponId: null,
  couponAmount: 0,
  total: 0,
  method: null,
  paid: 0,
  refunded: 0,
  netPaid: 0,
  placedAt: null,
  paidAt: null,
  shippedAt: null,
  trackingNumber: null,
  deliveredAt: null,
  completedAt: null,
  completedBy: null,
  cancelledAt: null,
  cancelReason: null,
  returns: [],
  refunds: [],
  ratings: [],
};

const to = (d: OrderSummary, state: OrderState, extra: Partial<OrderSummary>): OrderSummary => ({
  ...d,
  ...extra,
  state,
  label: orderStateLabels[state],
});

const withRefund = (d: OrderSummary, amount: number): Pick<OrderSummary, 'refunded' | 'netPaid'> => ({
  refunded: d.refunded + amount,
  netPaid: d.paid - d.refunded - amount,
});

/** `orders.summary`: one document per order (state, lines, totals, payments, refunds, returns, ratings). */
export const orderSummary: Projection<OrderSummary, OrderEvent> = {
  name: 'orders.summary',
  version: 1,
  events: OrderEvent,
  init: () => empty,
  keyOf: (e) => e.data.orderId,
  apply: (d, e: StoredEvent<OrderEvent>) => {
    switch (e.type) {
      case 'OrderPlaced': {
        const { orderId, customerId, sellerId, lines, couponAmount, total, at, couponId } = e.data;
        return to(d, 'placed', {
          tenantId: e.metadata.tenantId,
          orderId,
          customerId,
          sellerId,
          lines,
          couponId: couponId ?? null,
          couponAmount,
          total,
          placedAt: at,
        });
      }
      case 'OrderPaid':
        return to(d, 'paid', { method: e.data.method, paid: e.data.amount, netPaid: e.data.amount - d.refunded, paidAt: e.data.at });
      case 'OrderShipped':
        return to(d, 'shipped', { shippedAt: e.data.at, trackingNumber: e.data.trackingNumber ?? null });
      case 'OrderDelivered':
        return to(d, 'delivered', { deliveredAt: e.data.at });
      case 'OrderCompleted':
        return to(d, 'completed', { completedAt: e.data.at, completedBy: e.data.by });
      case 'OrderCancelled': {
        const refunds = e.data.refunded > 0 ? [...d.refunds, { amount: e.data.refunded, returnId: null, at: e.data.at }] : d.refunds;
        return to(d, 'cancelled', { cancelledAt: e.data.at, cancelReason: e.data.reason, refunds, ...withRefund(d, e.data.refunded) });
      }
      case 'ReturnRequested': {
        const { returnId, reason, lines, at } = e.data;
        return { ...d, returns: [...d.returns, { returnId, reason, lines, at }] };
      }
      case 'OrderRefunded': {
        const { amount, returnId, at } = e.data;
        return { ...d, ...withRefund(d, amount), refunds: [...d.refunds, { amount, returnId: returnId ?? null, at }] };
      }
      case 'OrderLineRated': {
        const { line, productId, by, rating, text, at } = e.data;
        return { ...d, ratings: [...d.ratings, { line, productId, by, rating, text: text ?? null, at }] };
      }
    }
  },
};
