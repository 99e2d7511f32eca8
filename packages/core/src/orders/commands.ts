import * as t from 'io-ts';
import { Fen, IsoInstant, tagged } from '../kernel/codecs.js';
import { CouponId, CustomerId, OrderId, SellerId } from '../shared/ids.js';
import {
  CompletedBy,
  Label,
  LineNumber,
  PaymentMethod,
  PositiveFen,
  Rating,
  RatingSide,
  RatingText,
  ReturnId,
  ReturnReason,
  taggedWith,
} from './codecs.js';
import { OrderLine, ReturnedLine } from './events.js';

/** An array with at least one element (an order with no lines is no order). */
const nonEmpty = <C extends t.Mixed>(codec: C, name: string) => {
  const arr = t.array(codec);
  return new t.Type<t.TypeOf<C>[], t.OutputOf<C>[], unknown>(
    name,
    (u): u is t.TypeOf<C>[] => arr.is(u) && u.length > 0,
    (u, c) => {
      const r = arr.validate(u, c);
      if (r._tag === 'Left') return r;
      return r.right.length > 0 ? t.success(r.right) : t.failure(u, c, `expected at least one ${codec.name}`);
    },
    (a) => arr.encode(a),
  );
};

/** Every command names its order and carries its business time `at`. */
export const PlaceOrder = taggedWith(
  'PlaceOrder',
  {
    orderId: OrderId,
    customerId: CustomerId,
    sellerId: SellerId,
    lines: nonEmpty(OrderLine, 'OrderLines'),
    couponAmount: Fen,
    at: IsoInstant,
  },
  { couponId: CouponId },
);
/** `amount` must equal the order's total. */
export const PayOrder = tagged('PayOrder', { orderId: OrderId, method: PaymentMethod, amount: Fen, at: IsoInstant });
export const ShipOrder = taggedWith('ShipOrder', { orderId: OrderId, at: IsoInstant }, { trackingNumber: Label });
export const DeliverOrder = tagged('DeliverOrder', { orderId: OrderId, at: IsoInstant });
/** `by: 'buyer'` confirms receipt; `by: 'auto'` is issued by `runDue` once the time has run out. */
export const CompleteOrder = tagged('CompleteOrder', { orderId: OrderId, by: CompletedBy, at: IsoInstant });
export const CancelOrder = tagged('CancelOrder', { orderId: OrderId, reason: Label, at: IsoInstant });
export const RequestReturn = tagged('RequestReturn', {
  orderId: OrderId,
  returnId: ReturnId,
  reason: ReturnReason,
  lines: nonEmpty(ReturnedLine, 'ReturnedLines'),
  at: IsoInstant,
});
/** A partial or full refund; `returnId` links it to a return of goods. */
export const RefundOrder = taggedWith('RefundOrder', { orderId: OrderId, amount: PositiveFen, at: IsoInstant }, { returnId: ReturnId });
/** `line` is 1-based; `by` is the side that rates (the buyer rates the seller and vice versa). */
export const RateOrderLine = taggedWith(
  'RateOrderLine',
  { orderId: OrderId, line: LineNumber, by: RatingSide, rating: Rating, at: IsoInstant },
  { text: RatingText },
);

export const OrderCommand = t.union([
  PlaceOrder,
  PayOrder,
  ShipOrder,
  DeliverOrder,
  CompleteOrder,
  CancelOrder,
  RequestReturn,
  RefundOrder,
  RateOrderLine,
]);
export type OrderCommand = t.TypeOf<typeof OrderCommand>;
export type OrderCommandType = OrderCommand['type'];
