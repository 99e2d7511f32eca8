import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import type { OrderCommand } from './commands.js';
import { orderDecider } from './decider.js';
import { linesAmount, type Order } from './state.js';
import { after, cancel, complete, deliver, given, line, pay, place, rate, refund, requestReturn, ship, T0 } from './testFixtures.js';

const lineArb = fc.record({ productId: fc.constantFrom('p-1', 'p-2', 'p-3'), quantity: fc.integer({ min: 1, max: 50 }), unitPrice: fc.integer({ min: 0, max: 1_000_000 }) });

describe('order properties', () => {
  it('a placed total is Σ lines − coupon and never negative; a larger coupon is refused', () =>
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 6 }), fc.nat({ max: 60_000_000 }), (ls, coupon) => {
        const lines = ls.map((l) => line(l.productId, l.quantity, l.unitPrice));
        const r = orderDecider.decide(place({ lines, couponAmount: coupon }), orderDecider.initialState());
        const sum = linesAmount(lines);
        if (coupon > sum) return E.isLeft(r) && r.left.code === 'ORDER_NEGATIVE_TOTAL';
        return E.isRight(r) && r.right[0]!.type === 'OrderPlaced' && r.right[0]!.data.total === sum - coupon && sum - coupon >= 0;
      }),
    ));

  // any sequence of commands, accepted or refused: the facts stay consistent
  const commandArb = (n: number): fc.Arbitrary<OrderCommand> => {
    const at = after(T0, n / 4);
    return fc.oneof(
      fc.constant(pay(12000, at)),
      fc.constant(ship(at)),
      fc.constant(deliver(at)),
      fc.constantFrom(complete(at, 'buyer'), complete(at, 'auto')),
      fc.constant(cancel(at)),
      fc.integer({ min: 1, max: 13000 }).map((a) => refund(a, at)),
      fc.record({ reason: fc.constantFrom('noReason' as const, 'quality' as const), q: fc.integer({ min: 1, max: 3 }), id: fc.constantFrom('r-1', 'r-2') }).map((r) =>
        requestReturn(r.reason, at, [{ line: 1, quantity: r.q }], r.id),
      ),
      fc.record({ l: fc.integer({ min: 1, max: 2 }), by: fc.constantFrom('buyer' as const, 'seller' as const), g: fc.constantFrom('good' as const, 'neutral' as const, 'bad' as const) }).map((r) =>
        rate(r.l, r.by, r.g, at),
      ),
    );
  };
  const scriptArb = fc.array(fc.nat({ max: 200 }), { maxLength: 40 }).chain((steps) =>
    fc.tuple(...[...steps].sort((a, b) => a - b).map((n) => commandArb(n))),
  );

  it('Σ refunds never exceed what was paid, and every refusal leaves the state as it was', () =>
    fc.assert(
      fc.property(scriptArb, (script) => {
        let s: Order = given(place()).state;
        let refunds = 0;
        let paid = 0;
        const rated = new Set<string>();
        for (const c of script) {
          const r = orderDecider.decide(c, s);
          if (E.isLeft(r)) continue;
          for (const e of r.right) {
            if (e.type === 'OrderPaid') paid += e.data.amount;
            if (e.type === 'OrderRefunded') refunds += e.data.amount;
            if (e.type === 'OrderCancelled') refunds += e.data.refunded;
            if (e.type === 'OrderLineRated') {
              const key = `${e.data.by}:${e.data.line}`;
              expect(rated.has(key)).toBe(false); // once per line and side
              rated.add(key);
              expect(s.status).toBe('completed');
            }
            s = orderDecider.evolve(s, e);
          }
          expect(refunds).toBeLessThanOrEqual(paid);
          if (s.status !== 'none') {
            expect(s.refunded).toBe(refunds);
            expect(s.paid - s.refunded).toBeGreaterThanOrEqual(0);
            const { lines, returned } = s;
            returned.forEach((q, i) => expect(q).toBeLessThanOrEqual(lines[i]!.quantity));
          }
        }
      }),
    ));

  it('a refund is accepted exactly when it is at most paid minus earlier refunds', () =>
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 8000 }), { maxLength: 8 }), (amounts) => {
        let s: Order = given(place(), pay(12000)).state;
        let left = 12000;
        for (const a of amounts) {
          const r = orderDecider.decide(refund(a, after(T0, 1)), s);
          expect(E.isRight(r)).toBe(a <= left);
          if (E.isRight(r)) {
            left -= a;
            for (const e of r.right) s = orderDecider.evolve(s, e);
          } else expect(r.left.code).toBe('ORDER_REFUND_EXCEEDS_PAID');
        }
      }),
    ));
});
