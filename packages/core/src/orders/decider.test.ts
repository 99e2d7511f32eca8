import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import type { DomainError } from '../kernel/errors.js';
import type { OrderEvent } from './events.js';
import {
  after,
  cancel,
  complete,
  completedOrder,
  decideAfter,
  deliver,
  given,
  line,
  pay,
  place,
  rate,
  refund,
  requestReturn,
  ship,
  times,
  T0,
} from './testFixtures.js';

const refused = (r: E.Either<DomainError, readonly OrderEvent[]>): DomainError => {
  if (E.isRight(r)) throw new Error(`expected a refusal, got ${JSON.stringify(r.right)}`);
  return r.left;
};
const accepted = (r: E.Either<DomainError, readonly OrderEvent[]>): readonly OrderEvent[] => {
  if (E.isLeft(r)) throw new Error(`expected acceptance, got ${r.left.code}: ${r.left.message}`);
  return r.right;
};

describe('placing an order', () => {
  it('totals Σ quantity × unit price − coupon', () => {
    const [e] = given(place()).events;
    expect(e).toMatchObject({ type: 'OrderPlaced', data: { total: 12000, couponAmount: 1000 } });
  });
  it('accepts a coupon equal to the lines (total 0) and refuses one fen more', () => {
    expect(given(place({ couponAmount: 13000 })).events[0]).toMatchObject({ data: { total: 0 } });
    const e = refused(decideAfter([], place({ couponAmount: 13001 })));
    expect(e).toMatchObject({ code: 'ORDER_NEGATIVE_TOTAL', path: ['data', 'couponAmount'] });
  });
  it('refuses lines adding up to more fen than a safe integer', () => {
    const huge = line('p-1', 1_000_000, Number.MAX_SAFE_INTEGER);
    expect(refused(decideAfter([], place({ lines: [huge], couponAmount: 0 })))).toMatchObject({ code: 'ORDER_TOTAL_TOO_LARGE', path: ['data', 'lines'] });
  });
  it('refuses the same order id twice, naming its state', () => {
    expect(refused(decideAfter([place()], place()))).toMatchObject({ code: 'ORDER_EXISTS', details: { state: 'placed' } });
  });
  it('keeps exactly the fields of the lines', () => {
    const [e] = given(place({ lines: [{ ...line(), colour: 'red' }] })).events;
    expect(e?.type === 'OrderPlaced' && e.data.lines[0]).toEqual(line());
  });
});

describe('the lifecycle', () => {
  it('goes placed → paid → shipped → delivered → completed', () => {
    const { state, events } = given(...completedOrder());
    expect(events.map((e) => e.type)).toEqual(['OrderPlaced', 'OrderPaid', 'OrderShipped', 'OrderDelivered', 'OrderCompleted']);
    expect(state).toMatchObject({ status: 'completed', paid: 12000, refunded: 0, completedAt: times.completed });
  });
  it('pays only the total', () => {
    expect(refused(decideAfter([place()], pay(11999)))).toMatchObject({ code: 'ORDER_PAYMENT_AMOUNT', path: ['data', 'amount'] });
  });
  it('records every payment method and the paid lines with their products', () => {
    for (const method of ['alipay', 'wechat', 'unionpay', 'bankTransfer', 'cashOnDelivery']) {
      const [e] = accepted(decideAfter([place()], pay(12000, times.paid, 'o-1', method)));
      expect(e).toMatchObject({ type: 'OrderPaid', data: { method, placedAt: T0, lines: [{ line: 1, productId: 'p-1' }, { line: 2, productId: 'p-2' }] } });
    }
  });
  it('refuses commands for an order never placed', () => {
    expect(refused(decideAfter([], pay(1)))).toMatchObject({ code: 'ORDER_NOT_FOUND', details: { state: 'none' } });
  });
  it.each([
    ['ship a placed order', [place()], ship(times.shipped), 'placed'],
    ['deliver a paid order', [place(), pay(12000)], deliver(times.delivered), 'paid'],
    ['complete a shipped order', [place(), pay(12000), ship(times.shipped)], complete(times.completed), 'shipped'],
    ['pay a paid order', [place(), pay(12000)], pay(12000), 'paid'],
    ['cancel a shipped order', [place(), pay(12000), ship(times.shipped)], cancel(times.delivered), 'shipped'],
    ['cancel a delivered order', completedOrder().slice(0, 4), cancel(times.completed), 'delivered'],
    ['cancel a completed order', completedOrder(), cancel(after(T0, 6)), 'completed'],
    ['pay a cancelled order', [place(), cancel(times.paid)], pay(12000, times.shipped), 'cancelled'],
    ['ship a cancelled order', [place(), pay(12000), cancel(times.shipped)], ship(times.delivered), 'cancelled'],
    ['complete a completed order', completedOrder(), complete(after(T0, 6)), 'completed'],
  ] as const)('refuses to %s, naming the state', (_, history, command, state) => {
    const e = refused(decideAfter([...history], command));
    expect(e).toMatchObject({ code: 'ORDER_INVALID_STATE', details: { state } });
    expect(e.message).toContain(`is ${state}`);
  });
  it('refuses a step dated before the fact it follows', () => {
    expect(refused(decideAfter([place(), pay(12000, times.shipped)], ship(times.paid)))).toMatchObject({
      code: 'ORDER_AT_BEFORE_STATE',
      path: ['data', 'at'],
    });
  });
});

describe('completion', () => {
  const delivered = completedOrder().slice(0, 4);
  it('completes automatically exactly 10 × 24 h after delivery, not a second earlier', () => {
    expect(accepted(decideAfter(delivered, complete(after(times.delivered, 10), 'auto')))[0]).toMatchObject({ data: { by: 'auto', netPaid: 12000 } });
    expect(refused(decideAfter(delivered, complete(after(times.delivered, 10, -1), 'auto')))).toMatchObject({ code: 'ORDER_AUTO_COMPLETE_EARLY' });
  });
  it('lets the buyer confirm at any time after delivery', () => {
    expect(accepted(decideAfter(delivered, complete(after(times.delivered, 0, 1), 'buyer')))).toHaveLength(1);
  });
  it('carries the net paid after earlier refunds', () => {
    const [e] = accepted(decideAfter([...delivered, refund(2000, after(times.delivered, 1))], complete(after(times.delivered, 2))));
    expect(e).toMatchObject({ data: { netPaid: 10000 } });
  });
});

describe('cancelling', () => {
  it('refunds nothing from placed', () => {
    expect(given(place(), cancel(times.paid)).events[1]).toMatchObject({ type: 'OrderCancelled', data: { refunded: 0 } });
  });
  it('refunds everything paid from paid, minus earlier refunds', () => {
    expect(given(place(), pay(12000), cancel(times.shipped)).events[2]).toMatchObject({ data: { refunded: 12000 } });
    const { state, events } = given(place(), pay(12000), refund(500, times.shipped), cancel(times.delivered));
    expect(events[3]).toMatchObject({ data: { refunded: 11500 } });
    expect(state).toMatchObject({ status: 'cancelled', paid: 12000, refunded: 12000 });
  });
});

describe('returns', () => {
  const delivered = completedOrder().slice(0, 4);
  it('takes a no-reason return exactly 7 × 24 h after delivery and refuses it a second later (day 8)', () => {
    expect(accepted(decideAfter(delivered, requestReturn('noReason', after(times.delivered, 7))))).toHaveLength(1);
    const e = refused(decideAfter(delivered, requestReturn('noReason', after(times.delivered, 7, 1))));
    expect(e).toMatchObject({ code: 'ORDER_RETURN_WINDOW_CLOSED', path: ['data', 'at'] });
  });
  it('takes a quality return up to 30 × 24 h after delivery, after completion too', () => {
    expect(accepted(decideAfter(completedOrder(), requestReturn('quality', after(times.delivered, 8))))).toHaveLength(1);
    expect(accepted(decideAfter(completedOrder(), requestReturn('quality', after(times.delivered, 30))))).toHaveLength(1);
    expect(refused(decideAfter(completedOrder(), requestReturn('quality', after(times.delivered, 30, 1))))).toMatchObject({
      code: 'ORDER_RETURN_WINDOW_CLOSED',
    });
  });
  it('refuses a return before delivery, naming the state', () => {
    expect(refused(decideAfter([place(), pay(12000), ship(times.shipped)], requestReturn('noReason', times.delivered)))).toMatchObject({
      code: 'ORDER_INVALID_STATE',
      details: { state: 'shipped' },
    });
  });
  it('never takes back more pieces than were bought, across returns', () => {
    const first = requestReturn('noReason', after(times.delivered, 1), [{ line: 1, quantity: 1 }], 'r-1');
    expect(refused(decideAfter([...delivered, first], requestReturn('quality', after(times.delivered, 2), [{ line: 1, quantity: 2 }], 'r-2')))).toMatchObject({
      code: 'ORDER_RETURN_QUANTITY',
      path: ['data', 'lines', 0, 'quantity'],
    });
    const twice = [{ line: 2, quantity: 1 }, { line: 2, quantity: 1 }];
    expect(refused(decideAfter(delivered, requestReturn('noReason', times.delivered, twice)))).toMatchObject({ path: ['data', 'lines', 1, 'quantity'] });
  });
  it('refuses an unknown line and a repeated return id', () => {
    expect(refused(decideAfter(delivered, requestReturn('noReason', times.delivered, [{ line: 3, quantity: 1 }])))).toMatchObject({
      code: 'ORDER_LINE_UNKNOWN',
      path: ['data', 'lines', 0, 'line'],
    });
    expect(refused(decideAfter([...delivered, requestReturn('noReason', times.delivered)], requestReturn('quality', times.delivered, [{ line: 2, quantity: 1 }])))).toMatchObject({
      code: 'ORDER_RETURN_EXISTS',
    });
  });
});

describe('refunds', () => {
  const paid = [place(), pay(12000)];
  it('refuses a refund above what was paid minus earlier refunds', () => {
    const history = [...paid, refund(5000, times.shipped)];
    const e = refused(decideAfter(history, refund(7001, times.shipped)));
    expect(e).toMatchObject({ code: 'ORDER_REFUND_EXCEEDS_PAID', path: ['data', 'amount'], details: { refundable: 7000 } });
    const { events, state } = given(...history, refund(7000, times.shipped));
    expect(events[3]).toMatchObject({ type: 'OrderRefunded', data: { amount: 7000, refundedTotal: 12000, netPaid: 0, completed: false } });
    expect(refused(decideAfter([...history, refund(7000, times.shipped)], refund(1, times.shipped)))).toMatchObject({ code: 'ORDER_REFUND_EXCEEDS_PAID' });
    expect(state).toMatchObject({ status: 'paid', refunded: 12000 });
  });
  it('refuses a refund of an unpaid order and one naming an unknown return', () => {
    expect(refused(decideAfter([place()], refund(1, times.paid)))).toMatchObject({ code: 'ORDER_INVALID_STATE', details: { state: 'placed' } });
    expect(refused(decideAfter(paid, refund(1, times.shipped, { returnId: 'r-9' })))).toMatchObject({ code: 'ORDER_RETURN_UNKNOWN', path: ['data', 'returnId'] });
  });
  it('links a refund to its return and marks refunds after completion', () => {
    const history = [...completedOrder(), requestReturn('quality', after(T0, 6))];
    expect(accepted(decideAfter(history, refund(5000, after(T0, 7), { returnId: 'r-1' })))[0]).toMatchObject({
      data: { returnId: 'r-1', completed: true, netPaid: 7000 },
    });
  });
});

describe('ratings', () => {
  const done = completedOrder();
  it('takes one rating per line and side, with the order times credit needs', () => {
    const [e] = accepted(decideAfter(done, rate(2, 'buyer', 'good', after(times.completed, 1))));
    expect(e).toMatchObject({
      type: 'OrderLineRated',
      data: { line: 2, productId: 'p-2', by: 'buyer', rating: 'good', placedAt: T0, paidAt: times.paid, completedAt: times.completed },
    });
    const history = [...done, rate(2, 'buyer', 'good', after(times.completed, 1))];
    expect(refused(decideAfter(history, rate(2, 'buyer', 'bad', after(times.completed, 2))))).toMatchObject({ code: 'ORDER_LINE_ALREADY_RATED', path: ['data', 'line'] });
    expect(accepted(decideAfter(history, rate(2, 'seller', 'good', after(times.completed, 2))))).toHaveLength(1);
    expect(accepted(decideAfter(history, rate(1, 'buyer', 'neutral', after(times.completed, 2))))).toHaveLength(1);
  });
  it('closes 15 × 24 h after completion: at it accepted, a second later refused', () => {
    expect(accepted(decideAfter(done, rate(1, 'buyer', 'good', after(times.completed, 15))))).toHaveLength(1);
    expect(refused(decideAfter(done, rate(1, 'buyer', 'good', after(times.completed, 15, 1))))).toMatchObject({
      code: 'ORDER_RATING_WINDOW_CLOSED',
      path: ['data', 'at'],
    });
  });
  it('refuses a rating of a cancelled or an uncompleted order, naming its state', () => {
    expect(refused(decideAfter([place(), pay(12000), cancel(times.shipped)], rate(1, 'buyer', 'good', times.delivered)))).toMatchObject({
      code: 'ORDER_NOT_COMPLETED',
      details: { state: 'cancelled' },
    });
    expect(refused(decideAfter(done.slice(0, 4), rate(1, 'seller', 'good', times.completed)))).toMatchObject({
      code: 'ORDER_NOT_COMPLETED',
      details: { state: 'delivered' },
    });
  });
  it('refuses an unknown line', () => {
    expect(refused(decideAfter(done, rate(3, 'buyer', 'good', times.completed)))).toMatchObject({ code: 'ORDER_LINE_UNKNOWN' });
  });
  it('still rates after a full refund, and a refund after a rating keeps it', () => {
    const refunded = [...done, refund(12000, after(times.completed, 1))];
    expect(accepted(decideAfter(refunded, rate(1, 'buyer', 'bad', after(times.completed, 2))))).toHaveLength(1);
    const { state } = given(...done, rate(1, 'buyer', 'bad', after(times.completed, 1)), refund(12000, after(times.completed, 2)));
    expect(state).toMatchObject({ rated: ['buyer:1'], refunded: 12000 });
  });
});
