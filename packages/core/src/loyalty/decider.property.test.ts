import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { foldProjection } from '../kernel/projection.js';
import { loyaltyDeciderFor } from './decider.js';
import type { LoyaltyEvent } from './events.js';
import { explainPoints } from './explain.js';
import { balanceAt } from './lots.js';
import { defaultLoyaltyPolicy } from './policy.js';
import { loyaltyAccount, type LoyaltyAccountView } from './projections/account.js';
import { C, command, drive, earn, expire, monthly, redeem, reverse, stored } from './testFixtures.js';

const START = Date.parse('2025-01-01T00:00:00.000Z');
const instant = fc.integer({ min: 0, max: 3 * 365 * 24 }).map((h) => new Date(START + h * 3_600_000).toISOString());
const order = fc.constantFrom('o1', 'o2', 'o3', 'o4', 'o5');

/** Any mix of earning, refunds, redemptions, expiry and tier-moving scores, in any order. */
const commandArb = fc.oneof(
  fc.tuple(order, fc.integer({ min: 0, max: 500_000 }), instant).map(([o, n, at]) => earn(o, n, at)),
  fc.tuple(order, fc.integer({ min: 0, max: 500_000 }), instant).map(([o, n, at]) => reverse(o, n, at)),
  fc.tuple(fc.integer({ min: 1, max: 3_000 }), instant, fc.nat(20)).map(([p, at, i]) => redeem(`r${i}`, p, at)),
  fc.tuple(order, instant).map(([o, at]) => expire(o, at)),
  fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 400, max: 3_000 }), instant).map(([m, s, at]) =>
    monthly(`${2025 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`, s, at, { spend12m: 40_000_000 }),
  ),
  instant.map((at) => command({ type: 'BuyMembership', data: { customerId: C, pricePaidFen: 88_800, at } })),
);

const totals = (events: readonly LoyaltyEvent[]) => {
  const t = { earned: 0, redeemed: 0, expired: 0, reversed: 0 };
  for (const e of events) {
    if (e.type === 'PointsEarned') t.earned += e.data.points;
    if (e.type === 'PointsRedeemed') t.redeemed += e.data.points;
    if (e.type === 'PointsExpired') t.expired += e.data.points;
    if (e.type === 'PointsReversed') t.reversed += e.data.taken.reduce((s, x) => s + x.points, 0);
  }
  return t;
};

describe('loyalty decider properties', () => {
  it('balance = earned − redeemed − expired − reversed, no lot ever below 0, and the projection agrees', () =>
    fc.assert(
      fc.property(fc.array(commandArb, { maxLength: 40 }), (commands) => {
        const { state, events } = drive(commands);
        const t = totals(events);
        const lots = Object.values(state.lots);
        const balance = lots.reduce((s, l) => s + l.remaining, 0);
        expect(lots.every((l) => l.remaining >= 0 && l.credited >= 0)).toBe(true);
        expect(balance).toBe(t.earned - t.redeemed - t.expired - t.reversed);
        const doc = foldProjection(loyaltyAccount, stored(events)).get(`shop1/${C}`) as LoyaltyAccountView | undefined;
        if (doc) {
          expect(doc.balance).toBe(balance);
          expect(explainPoints(doc).adds).toBe(true);
        } else expect(events).toEqual([]);
      }),
      { numRuns: 300 },
    ));

  it('a redemption is accepted exactly when it fits the balance usable at its instant', () =>
    fc.assert(
      fc.property(fc.array(commandArb, { maxLength: 25 }), fc.integer({ min: 1, max: 5_000 }), instant, (commands, points, at) => {
        const { state } = drive(commands);
        const r = loyaltyDeciderFor(defaultLoyaltyPolicy).decide(redeem('fresh', points, at), state);
        return E.isRight(r) === points <= balanceAt(Object.values(state.lots), at);
      }),
      { numRuns: 300 },
    ));

  it('a reversal never takes more than the order’s recomputed difference, and never more than the balance', () =>
    fc.assert(
      fc.property(fc.array(commandArb, { maxLength: 30 }), (commands) => {
        const { events } = drive(commands);
        for (const e of events)
          if (e.type === 'PointsReversed') {
            const taken = e.data.taken.reduce((s, x) => s + x.points, 0);
            expect(taken + e.data.writtenOff).toBe(e.data.pointsBefore - e.data.pointsAfter);
          }
      }),
      { numRuns: 300 },
    ));

  it('the recorded tier always follows the rule after a tier-moving command', () =>
    fc.assert(
      fc.property(fc.array(commandArb, { maxLength: 30 }), (commands) => {
        const { events } = drive(commands);
        let tier = 'regular';
        for (const e of events) if (e.type === 'TierChanged') {
          expect(e.data.from).toBe(tier);
          expect(e.data.to).not.toBe(tier);
          tier = e.data.to;
        }
      }),
      { numRuns: 200 },
    ));
});
