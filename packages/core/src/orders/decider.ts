import * as E from 'fp-ts/lib/Either.js';
import type { Fen, IsoInstant } from '../kernel/codecs.js';
import type { Decider } from '../kernel/decider.js';
import type { LineNumber } from './codecs.js';
import type { OrderCommand } from './commands.js';
import { refuse, type OrderError } from './errors.js';
import type { OrderEvent } from './events.js';
import { addDays, defaultOrdersPolicy, type OrdersPolicy } from './policy.js';
import { evolveOrder, linesAmount, orderStateLabels, ratedKey, type Order, type OrderState, type PlacedOrder } from './state.js';

type Decision = E.Either<OrderError, readonly OrderEvent[]>;

// the decider only ever builds non-negative safe integers here (checked before)
const fen = (n: number): Fen => n as Fen;

const parties = (s: PlacedOrder) => ({ orderId: s.orderId, customerId: s.customerId, sellerId: s.sellerId });

const wrongState = (s: PlacedOrder, action: string): Decision =>
  refuse('ORDER_INVALID_STATE', `order ${s.orderId} is ${s.status} (${orderStateLabels[s.status]}): cannot ${action}`, ['data', 'orderId'], {
    state: s.status,
  });

/** `at` must not lie before `since`, the fact the command follows. */
const notBefore = (at: IsoInstant, since: IsoInstant, what: string): Decision | undefined =>
  at < since ? refuse('ORDER_AT_BEFORE_STATE', `at ${at} is before ${what} at ${since}`, ['data', 'at'], { since }) : undefined;

const only = (s: PlacedOrder, allowed: readonly OrderState[], action: string): Decision | undefined =>
  allowed.includes(s.status) ? undefined : wrongState(s, action);

const decidePlaced = (policy: OrdersPolicy, c: OrderCommand, s: PlacedOrder): Decision => {
  const at = c.data.at;
  switch (c.type) {
    case 'PlaceOrder':
      return refuse('ORDER_EXISTS', `order ${s.orderId} was placed already (${s.status})`, ['data', 'orderId'], { state: s.status });
    case 'PayOrder':
      return (
        only(s, ['placed'], 'pay') ??
        notBefore(at, s.since, 'placing') ??
        (c.data.amount !== s.total
          ? refuse('ORDER_PAYMENT_AMOUNT', `paid ${c.data.amount} fen, the total is ${s.total} fen`, ['data', 'amount'], { total: s.total })
          : E.right([
              {
                type: 'OrderPaid',
                data: {
                  ...parties(s),
                  method: c.data.method,
                  amount: c.data.amount,
                  placedAt: s.placedAt,
                  lines: s.lines.map((l, i) => ({ line: (i + 1) as LineNumber, productId: l.productId })),
                  at,
                },
              },
            ]))
      );
    case 'ShipOrder': {
      const { trackingNumber } = c.data;
      return (
        only(s, ['paid'], 'ship') ??
        notBefore(at, s.since, 'payment') ??
        E.right([{ type: 'OrderShipped', data: { ...parties(s), at, ...(trackingNumber !== undefined ? { trackingNumber } : {}) } }])
      );
    }
    case 'DeliverOrder':
      return only(s, ['shipped'], 'deliver') ?? notBefore(at, s.since, 'shipping') ?? E.right([{ type: 'OrderDelivered', data: { ...parties(s), at } }]);
    case 'CompleteOrder': {
      const refused = only(s, ['delivered'], 'complete') ?? notBefore(at, s.since, 'delivery');
      if (refused) return refused;
      const due = addDays(s.deliveredAt ?? s.since, policy.autoCompleteDays);
      if (c.data.by === 'auto' && at < due)
        return refuse('ORDER_AUTO_COMPLETE_EARLY', `order ${s.orderId} completes itself at ${due}, not at ${at}`, ['data', 'at'], { due });
      return E.right([{ type: 'OrderCompleted', data: { ...parties(s), by: c.data.by, netPaid: fen(s.paid - s.refunded), at } }]);
    }
    case 'CancelOrder':
      return (
        only(s, ['placed', 'paid'], 'cancel') ??
        notBefore(at, s.since, s.status === 'placed' ? 'placing' : 'payment') ??
        E.right([{ type: 'OrderCancelled', data: { ...parties(s), reason: c.data.reason, refunded: fen(s.paid - s.refunded), at } }])
      );
    case 'RequestReturn':
      return decideReturn(policy, c, s);
    case 'RefundOrder':
      return decideRefund(c, s);
    case 'RateOrderLine':
      return decideRating(policy, c, s);
  }
};

const decideReturn = (policy: OrdersPolicy, c: Extract<OrderCommand, { type: 'RequestReturn' }>, s: PlacedOrder): Decision => {
  const { at, returnId, reason, lines } = c.data;
  const refused = only(s, ['delivered', 'completed'], 'take a return');
  if (refused) return refused;
  const deliveredAt = s.deliveredAt ?? s.since;
  const early = notBefore(at, deliveredAt, 'delivery');
  if (early) return early;
  if (s.returnIds.includes(returnId)) return refuse('ORDER_RETURN_EXISTS', `return ${returnId} is recorded already`, ['data', 'returnId']);
  const days = reason === 'noReason' ? policy.noReasonReturnDays : policy.qualityReturnDays;
  const closes = addDays(deliveredAt, days);
  if (at > closes)
    return refuse('ORDER_RETURN_WINDOW_CLOSED', `a ${reason} return closed at ${closes} (${days} days after delivery)`, ['data', 'at'], { closes });
  const asked = new Map<number, number>();
  for (const [i, r] of lines.entries()) {
    const bought = s.lines[r.line - 1];
    if (!bought) return refuse('ORDER_LINE_UNKNOWN', `order ${s.orderId} has ${s.lines.length} lines, not line ${r.line}`, ['data', 'lines', i, 'line']);
    const total = (asked.get(r.line) ?? 0) + r.quantity;
    asked.set(r.line, total);
    const left = bought.quantity - (s.returned[r.line - 1] ?? 0);
    if (total > left)
      return refuse('ORDER_RETURN_QUANTITY', `line ${r.line}: ${total} pieces asked back, ${left} left to return`, ['data', 'lines', i, 'quantity'], { left });
  }
  const picked = lines.map((r) => ({ line: r.line, quantity: r.quantity }));
  return E.right([{ type: 'ReturnRequested', data: { ...parties(s), returnId, reason, lines: picked, at } }]);
};

const decideRefund = (c: Extract<OrderCommand, { type: 'RefundOrder' }>, s: PlacedOrder): Decision => {
  const { at, amount, returnId } = c.data;
  const refused = only(s, ['paid', 'shipped', 'delivered', 'completed'], 'refund') ?? notBefore(at, s.paidAt ?? s.since, 'payment');
  if (refused) return refused;
  if (returnId !== undefined && !s.returnIds.includes(returnId))
    return refuse('ORDER_RETURN_UNKNOWN', `order ${s.orderId} has no return ${returnId}`, ['data', 'returnId']);
  const left = s.paid - s.refunded;
  if (amount > left)
    return refuse('ORDER_REFUND_EXCEEDS_PAID', `refund of ${amount} fen: only ${left} fen paid and not yet refunded`, ['data', 'amount'], { refundable: left });
  const refundedTotal = s.refunded + amount;
  return E.right([
    {
      type: 'OrderRefunded',
      data: {
        ...parties(s),
        amount,
        refundedTotal: fen(refundedTotal),
        netPaid: fen(s.paid - refundedTotal),
        completed: s.status === 'completed',
        at,
        ...(returnId !== undefined ? { returnId } : {}),
      },
    },
  ]);
};

const decideRating = (policy: OrdersPolicy, c: Extract<OrderCommand, { type: 'RateOrderLine' }>, s: PlacedOrder): Decision => {
  const { at, line, by, rating, text } = c.data;
  if (s.status !== 'completed')
    return refuse('ORDER_NOT_COMPLETED', `order ${s.orderId} is ${s.status} (${orderStateLabels[s.status]}): only completed orders are rated`, ['data', 'orderId'], {
      state: s.status,
    });
  const bought = s.lines[line - 1];
  if (!bought) return refuse('ORDER_LINE_UNKNOWN', `order ${s.orderId} has ${s.lines.length} lines, not line ${line}`, ['data', 'line']);
  if (s.rated.includes(ratedKey(by, line)))
    return refuse('ORDER_LINE_ALREADY_RATED', `line ${line} of order ${s.orderId} was rated by the ${by} already`, ['data', 'line']);
  const completedAt = s.completedAt ?? s.since;
  const early = notBefore(at, completedAt, 'completion');
  if (early) return early;
  const closes = addDays(completedAt, policy.ratingDays);
  if (at > closes) return refuse('ORDER_RATING_WINDOW_CLOSED', `ratings closed at ${closes} (${policy.ratingDays} days after completion)`, ['data', 'at'], { closes });
  return E.right([
    {
      type: 'OrderLineRated',
      data: {
        ...parties(s),
        line,
        productId: bought.productId,
        by,
        rating,
        placedAt: s.placedAt,
        paidAt: s.paidAt ?? s.placedAt,
        completedAt,
        at,
        ...(text !== undefined ? { text } : {}),
      },
    },
  ]);
};

const decidePlace = (c: Extract<OrderCommand, { type: 'PlaceOrder' }>): Decision => {
  const { orderId, customerId, sellerId, lines, couponAmount, couponId, at } = c.data;
  const amount = linesAmount(lines);
  if (!Number.isSafeInteger(amount))
    return refuse('ORDER_TOTAL_TOO_LARGE', `the lines add up to more fen than can be counted exactly`, ['data', 'lines']);
  if (couponAmount > amount)
    return refuse('ORDER_NEGATIVE_TOTAL', `coupon of ${couponAmount} fen is more than the lines' ${amount} fen`, ['data', 'couponAmount'], { linesAmount: amount });
  // copy field by field: the event holds exactly what its codec names
  const placed = lines.map(({ sku, productId, category, quantity, unitPrice }) => ({ sku, productId, category, quantity, unitPrice }));
  const coupon = couponId !== undefined ? { couponId } : {};
  return E.right([
    { type: 'OrderPlaced', data: { orderId, customerId, sellerId, lines: placed, couponAmount, total: fen(amount - couponAmount), at, ...coupon } },
  ]);
};

/** The order decider for a shop's policy (windows in days). */
export const makeOrderDecider = (policy: OrdersPolicy = defaultOrdersPolicy): Decider<Order, OrderCommand, OrderEvent, OrderError> => ({
  initialState: () => ({ status: 'none' }),
  decide: (c, s) => {
    if (s.status !== 'none') return decidePlaced(policy, c, s);
    if (c.type === 'PlaceOrder') return decidePlace(c);
    return refuse('ORDER_NOT_FOUND', `order ${c.data.orderId} has not been placed`, ['data', 'orderId'], { state: 'none' });
  },
  evolve: evolveOrder,
});

/** The order decider with the default policy. */
export const orderDecider = makeOrderDecider();
