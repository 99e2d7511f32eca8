import type { Fen, IsoInstant } from '../kernel/codecs.js';
import type { CouponId, CustomerId, OrderId, SellerId } from '../shared/ids.js';
import type { PaymentMethod } from './codecs.js';
import type { OrderEvent, OrderLine } from './events.js';

/** The states of an order, named by the fact; {@link orderStateLabels} gives what the buyer sees. */
export type OrderState = 'placed' | 'paid' | 'shipped' | 'delivered' | 'completed' | 'cancelled';

export const orderStateLabels: Readonly<Record<OrderState | 'none', string>> = {
  none: '不存在',
  placed: '待付款',
  paid: '待发货',
  shipped: '已发货',
  delivered: '已签收',
  completed: '交易成功',
  cancelled: '已取消',
};

/** What the decider knows of a placed order. Money in fen. */
export interface PlacedOrder {
  readonly status: OrderState;
  /** When the order entered its current state. */
  readonly since: IsoInstant;
  readonly orderId: OrderId;
  readonly customerId: CustomerId;
  readonly sellerId: SellerId;
  readonly couponId?: CouponId;
  readonly lines: readonly OrderLine[];
  readonly couponAmount: Fen;
  readonly total: Fen;
  readonly placedAt: IsoInstant;
  readonly method?: PaymentMethod;
  readonly paidAt?: IsoInstant;
  readonly deliveredAt?: IsoInstant;
  readonly completedAt?: IsoInstant;
  /** Paid in, and paid back so far. */
  readonly paid: number;
  readonly refunded: number;
  /** Pieces returned per line (index = line − 1). */
  readonly returned: readonly number[];
  readonly returnIds: readonly string[];
  /** `buyer:1`, `seller:2`...: the lines rated by each side. */
  readonly rated: readonly string[];
}

export type Order = { readonly status: 'none' } | PlacedOrder;

export const ratedKey = (by: string, line: number): string => `${by}:${line}`;

/** Σ quantity × unit price of the lines, in fen. */
export const linesAmount = (lines: readonly { readonly quantity: number; readonly unitPrice: number }[]): number =>
  lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0);

const moved = (s: PlacedOrder, status: OrderState, at: IsoInstant, extra: Partial<PlacedOrder> = {}): PlacedOrder => ({
  ...s,
  ...extra,
  status,
  since: at,
});

/** The order after one more fact. */
export const evolveOrder = (s: Order, e: OrderEvent): Order => {
  if (e.type === 'OrderPlaced') {
    const { orderId, customerId, sellerId, lines, couponAmount, total, at, couponId } = e.data;
    return {
      status: 'placed',
      since: at,
      orderId,
      customerId,
      sellerId,
      ...(couponId !== undefined ? { couponId } : {}),
      lines,
      couponAmount,
      total,
      placedAt: at,
      paid: 0,
      refunded: 0,
      returned: lines.map(() => 0),
      returnIds: [],
      rated: [],
    };
  }
  if (s.status === 'none') return s; // a later fact without its order: nothing to attach it to
  switch (e.type) {
    case 'OrderPaid':
      return moved(s, 'paid', e.data.at, { paid: e.data.amount, method: e.data.method, paidAt: e.data.at });
    case 'OrderShipped':
      return moved(s, 'shipped', e.data.at);
    case 'OrderDelivered':
      return moved(s, 'delivered', e.data.at, { deliveredAt: e.data.at });
    case 'OrderCompleted':
      return moved(s, 'completed', e.data.at, { completedAt: e.data.at });
    case 'OrderCancelled':
      return moved(s, 'cancelled', e.data.at, { refunded: s.refunded + e.data.refunded });
    case 'ReturnRequested': {
      const returned = [...s.returned];
      for (const r of e.data.lines) returned[r.line - 1] = (returned[r.line - 1] ?? 0) + r.quantity;
      return { ...s, returned, returnIds: [...s.returnIds, e.data.returnId] };
    }
    case 'OrderRefunded':
      return { ...s, refunded: s.refunded + e.data.amount };
    case 'OrderLineRated':
      return { ...s, rated: [...s.rated, ratedKey(e.data.by, e.data.line)] };
  }
};
