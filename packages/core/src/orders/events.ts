import * as t from 'io-ts';
import { Fen, IsoInstant, tagged } from '../kernel/codecs.js';
import { CouponId, CustomerId, OrderId, ProductId, SellerId, Sku } from '../shared/ids.js';
import {
  CompletedBy,
  Label,
  LineNumber,
  PaymentMethod,
  PositiveFen,
  Quantity,
  Rating,
  RatingSide,
  RatingText,
  ReturnId,
  ReturnReason,
  taggedWith,
} from './codecs.js';

/**
 * The facts of an order's life. Every event names the buyer and the seller, so
 * projections keyed by either need no lookup; `at` is the business time of the fact.
 */

/** One line of an order: what, how many, at what unit price (fen). */
export const OrderLine = t.type(
  { sku: Sku, productId: ProductId, category: Label, quantity: Quantity, unitPrice: Fen },
  'OrderLine',
);
export type OrderLine = t.TypeOf<typeof OrderLine>;

/** A line as paid: its 1-based position and product (credit's 14-day groups need them). */
export const PaidLine = t.type({ line: LineNumber, productId: ProductId }, 'PaidLine');
export type PaidLine = t.TypeOf<typeof PaidLine>;

/** How many pieces of which line go back. */
export const ReturnedLine = t.type({ line: LineNumber, quantity: Quantity }, 'ReturnedLine');
export type ReturnedLine = t.TypeOf<typeof ReturnedLine>;

const parties = { orderId: OrderId, customerId: CustomerId, sellerId: SellerId };

/** 待付款: the buyer placed the order; `total` = Σ lines − coupon (never negative). */
export const OrderPlaced = taggedWith(
  'OrderPlaced',
  { ...parties, lines: t.array(OrderLine), couponAmount: Fen, total: Fen, at: IsoInstant },
  { couponId: CouponId },
);
/** 待发货: the buyer paid the whole total. */
export const OrderPaid = tagged('OrderPaid', {
  ...parties,
  method: PaymentMethod,
  amount: Fen,
  placedAt: IsoInstant,
  lines: t.array(PaidLine),
  at: IsoInstant,
});
/** 已发货. */
export const OrderShipped = taggedWith('OrderShipped', { ...parties, at: IsoInstant }, { trackingNumber: Label });
/** 已签收: the return windows and the auto-completion clock start here. */
export const OrderDelivered = tagged('OrderDelivered', { ...parties, at: IsoInstant });
/** 交易成功: confirmed by the buyer or completed automatically; `netPaid` = paid − refunds so far. */
export const OrderCompleted = tagged('OrderCompleted', { ...parties, by: CompletedBy, netPaid: Fen, at: IsoInstant });
/** Cancelled from placed or paid; `refunded` is what this cancel paid back (0 when unpaid). */
export const OrderCancelled = tagged('OrderCancelled', { ...parties, reason: Label, refunded: Fen, at: IsoInstant });
/** The buyer sends goods back: without a reason (7 days) or for quality (30 days). */
export const ReturnRequested = tagged('ReturnRequested', {
  ...parties,
  returnId: ReturnId,
  reason: ReturnReason,
  lines: t.array(ReturnedLine),
  at: IsoInstant,
});
/** Money paid back; `refundedTotal` and `netPaid` are the order's totals after it. */
export const OrderRefunded = taggedWith(
  'OrderRefunded',
  { ...parties, amount: PositiveFen, refundedTotal: Fen, netPaid: Fen, completed: t.boolean, at: IsoInstant },
  { returnId: ReturnId },
);
/**
 * One line rated by one side: `by: 'buyer'` rates the seller, `by: 'seller'` rates the
 * buyer. Carries the order's creation and payment times, which credit ratings need.
 */
export const OrderLineRated = taggedWith(
  'OrderLineRated',
  {
    ...parties,
    line: LineNumber,
    productId: ProductId,
    by: RatingSide,
    rating: Rating,
    placedAt: IsoInstant,
    paidAt: IsoInstant,
    completedAt: IsoInstant,
    at: IsoInstant,
  },
  { text: RatingText },
);

export const OrderEvent = t.union([
  OrderPlaced,
  OrderPaid,
  OrderShipped,
  OrderDelivered,
  OrderCompleted,
  OrderCancelled,
  ReturnRequested,
  OrderRefunded,
  OrderLineRated,
]);
export type OrderEvent = t.TypeOf<typeof OrderEvent>;
export type OrderEventType = OrderEvent['type'];
