import * as E from 'fp-ts/lib/Either.js';
import { make } from '../kernel/codecs.js';
import type { DomainError } from '../kernel/errors.js';
import { OrderCommand } from './commands.js';
import { orderDecider } from './decider.js';
import type { OrderEvent } from './events.js';
import type { Order } from './state.js';

/** Fixtures shared by the orders and credit tests (not exported from the package). */

export const T0 = '2026-03-01T02:00:00.000Z';
const DAY = 24 * 60 * 60 * 1000;

/** `iso` moved by days and seconds (either may be negative or fractional days). */
export const after = (iso: string, days: number, seconds = 0): string => new Date(Date.parse(iso) + days * DAY + seconds * 1000).toISOString();

export const cmd = make(OrderCommand);

export const line = (productId = 'p-1', quantity = 2, unitPrice = 5000) => ({
  sku: `sku-${productId}`,
  productId,
  category: 'apparel',
  quantity,
  unitPrice,
});

export const place = (over: Record<string, unknown> = {}) =>
  cmd({
    type: 'PlaceOrder',
    data: { orderId: 'o-1', customerId: 'c-ann', sellerId: 's-shop', lines: [line('p-1', 2, 5000), line('p-2', 1, 3000)], couponAmount: 1000, at: T0, ...over },
  });
export const pay = (amount: number, at = after(T0, 0, 60), orderId = 'o-1', method = 'alipay') =>
  cmd({ type: 'PayOrder', data: { orderId, method, amount, at } });
export const ship = (at: string, orderId = 'o-1') => cmd({ type: 'ShipOrder', data: { orderId, at } });
export const deliver = (at: string, orderId = 'o-1') => cmd({ type: 'DeliverOrder', data: { orderId, at } });
export const complete = (at: string, by: 'buyer' | 'auto' = 'buyer', orderId = 'o-1') => cmd({ type: 'CompleteOrder', data: { orderId, by, at } });
export const cancel = (at: string, orderId = 'o-1') => cmd({ type: 'CancelOrder', data: { orderId, reason: 'changed my mind', at } });
export const refund = (amount: number, at: string, extra: Record<string, unknown> = {}, orderId = 'o-1') =>
  cmd({ type: 'RefundOrder', data: { orderId, amount, at, ...extra } });
export const requestReturn = (reason: 'noReason' | 'quality', at: string, lines = [{ line: 1, quantity: 1 }], returnId = 'r-1', orderId = 'o-1') =>
  cmd({ type: 'RequestReturn', data: { orderId, returnId, reason, lines, at } });
export const rate = (lineNo: number, by: 'buyer' | 'seller', rating: 'good' | 'neutral' | 'bad', at: string, orderId = 'o-1') =>
  cmd({ type: 'RateOrderLine', data: { orderId, line: lineNo, by, rating, at } });

/** The times of a default order's lifecycle. */
export const times = {
  placed: T0,
  paid: after(T0, 0, 60),
  shipped: after(T0, 1),
  delivered: after(T0, 3),
  completed: after(T0, 5),
};

/** Run commands through the decider, each on the state the previous ones left; throws on a refusal. */
export const given = (...commands: OrderCommand[]): { state: Order; events: OrderEvent[] } => {
  let state = orderDecider.initialState();
  const events: OrderEvent[] = [];
  for (const c of commands) {
    const r = orderDecider.decide(c, state);
    if (E.isLeft(r)) throw new Error(`fixture command ${c.type} refused: ${r.left.code} ${r.left.message}`);
    for (const e of r.right) {
      state = orderDecider.evolve(state, e);
      events.push(e);
    }
  }
  return { state, events };
};

/** What the decider says to one more command after `history`. */
export const decideAfter = (history: OrderCommand[], c: OrderCommand): E.Either<DomainError, readonly OrderEvent[]> =>
  orderDecider.decide(c, given(...history).state);

/** A default order placed (total 12,000 fen), paid, shipped, delivered and completed. */
export const completedOrder = (): OrderCommand[] => [
  place(),
  pay(12000, times.paid),
  ship(times.shipped),
  deliver(times.delivered),
  complete(times.completed),
];
