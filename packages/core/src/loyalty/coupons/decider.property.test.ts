import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { couponDecider, type Coupon } from './decider.js';
import type { CouponCommand } from './commands.js';
import type { CouponEvent } from './events.js';
import { addMs } from './instants.js';
import { dueCouponExpiries } from './due.js';
import { couponDetail } from './projections/coupon.js';
import { ann, at, bo, cp, fen, issued, VALID_FROM, VALID_UNTIL } from './testFixtures.js';

const T0 = Date.parse(VALID_FROM);
const SPAN = Date.parse(VALID_UNTIL) - T0;
const instant = fc.integer({ min: -SPAN, max: 2 * SPAN }).map((d) => at(new Date(T0 + d).toISOString()));
const orderId = fc.constantFrom('o-1', 'o-2', 'o-3');

const command: fc.Arbitrary<CouponCommand> = fc.oneof(
  fc.record({ customerId: fc.constantFrom(ann, bo), orderId, amount: fc.integer({ min: 0, max: 10_000 }), when: instant }).map(
    ({ customerId, orderId: o, amount, when }) => ({ type: 'RedeemCoupon', data: { couponId: cp, customerId, orderId: o, orderAmount: fen(amount), at: when } }) as CouponCommand,
  ),
  fc.record({ orderId, when: instant }).map(({ orderId: o, when }) => ({ type: 'ReleaseCouponRedemption', data: { couponId: cp, orderId: o, reason: 'refused', at: when } }) as CouponCommand),
  instant.map((when) => ({ type: 'ExpireCoupon', data: { couponId: cp, at: when } }) as CouponCommand),
);

/** Run commands through the decider, keeping the events it decides. */
const run = (commands: readonly CouponCommand[]): { events: CouponEvent[]; state: Coupon } => {
  let state = couponDecider.evolve(couponDecider.initialState(), issued);
  const events: CouponEvent[] = [issued];
  for (const c of commands) {
    const r = couponDecider.decide(c, state);
    if (E.isRight(r)) for (const e of r.right) (events.push(e), (state = couponDecider.evolve(state, e)));
  }
  return { events, state };
};

describe('coupon properties', () => {
  it('a coupon is held by at most one order at a time; without releases it is redeemed at most once', () =>
    fc.assert(
      fc.property(fc.array(command, { maxLength: 30 }), (commands) => {
        const { events } = run(commands);
        let held = 0;
        for (const e of events) {
          if (e.type === 'CouponRedeemed') held++;
          if (e.type === 'CouponRedemptionReleased') held--;
          expect(held === 0 || held === 1).toBe(true);
        }
        const noReleases = run(commands.filter((c) => c.type !== 'ReleaseCouponRedemption')).events;
        expect(noReleases.filter((e) => e.type === 'CouponRedeemed').length).toBeLessThanOrEqual(1);
      }),
    ));

  it('accepts a redemption exactly when owner, validity and minimum spend hold', () =>
    fc.assert(
      fc.property(fc.constantFrom(ann, bo), fc.nat({ max: 10_000 }), instant, (customerId, amount, when) => {
        const s = couponDecider.evolve(couponDecider.initialState(), issued);
        const ok = E.isRight(couponDecider.decide({ type: 'RedeemCoupon', data: { couponId: cp, customerId, orderId: 'o-1' as never, orderAmount: fen(amount), at: when } }, s));
        expect(ok).toBe(customerId === ann && amount >= 5000 && when >= VALID_FROM && when <= VALID_UNTIL);
      }),
    ));

  it('due expiry is idempotent for any now: a second run issues nothing, every expiry is accepted once', () =>
    fc.assert(
      fc.property(fc.array(command, { maxLength: 15 }), instant, instant, (commands, now1, now2) => {
        const { events, state } = run(commands);
        const meta = (i: number) => ({ eventId: `e${i}`, tenantId: 'shop1', occurredAt: VALID_FROM, streamPosition: BigInt(i), globalPosition: BigInt(i + 1) });
        let doc = couponDetail.init();
        events.forEach((e, i) => (doc = couponDetail.apply(doc, { ...e, metadata: meta(i) } as never)));
        let s = state;
        const seen = new Set<string>();
        for (const now of [now1, now2, now1]) {
          for (const c of dueCouponExpiries(now, doc ? [doc] : [])) {
            const r = couponDecider.decide(c as unknown as CouponCommand, s);
            expect(E.isRight(r)).toBe(true);
            if (seen.has(c.metadata.commandId)) continue; // the handler answers a seen commandId with its first result
            seen.add(c.metadata.commandId);
            for (const e of E.isRight(r) ? r.right : []) {
              s = couponDecider.evolve(s, e);
              doc = couponDetail.apply(doc, { ...e, metadata: meta(99) } as never);
            }
            expect(c.data.at).toBe(addMs(VALID_UNTIL, 1));
          }
        }
        // expired exactly when it was open and some now passed validUntil
        const shouldExpire = state.status === 'issued' && (now1 > VALID_UNTIL || now2 > VALID_UNTIL);
        expect(s.status === 'expired').toBe(shouldExpire || state.status === 'expired');
        expect(seen.size).toBeLessThanOrEqual(1);
      }),
    ));
});
