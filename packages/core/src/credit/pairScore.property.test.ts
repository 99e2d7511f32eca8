import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pairScore } from './pairScore.js';
import { defaultCreditPolicy, type CreditPolicy } from './policy.js';
import { scoreOf, type PaidLineFact, type RatingFact } from './score.js';
import { T } from './testFacts.js';

const HOUR = 60 * 60 * 1000;
const iso = (hours: number): string => new Date(Date.parse(T) + hours * HOUR).toISOString();

/** One fact of one buyer–seller pair: an order paid (1–2 lines), or a rating of one of its lines. */
type Step =
  | { readonly kind: 'pay'; readonly order: number; readonly lines: number; readonly hour: number }
  | { readonly kind: 'rate'; readonly order: number; readonly line: number; readonly rating: 'good' | 'neutral' | 'bad'; readonly hour: number; readonly placedHour: number; readonly paidHour: number };

// whole days, so lines land exactly 14 × 24 h apart (the group boundary) often; orders placed
// in two months, so the monthly cap of ±6 is reached; a line's product follows its order
const day = fc.integer({ min: 0, max: 90 }).map((d) => d * 24);
const placed = fc.constantFrom(3, 5, 40).map((d) => d * 24);
const productOf = (order: number, line: number): string => `p${(order + line) % 9}`;
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('pay' as const), order: fc.integer({ min: 1, max: 30 }), lines: fc.integer({ min: 1, max: 2 }), hour: day }),
  fc.record({
    kind: fc.constant('rate' as const),
    order: fc.integer({ min: 1, max: 30 }),
    line: fc.integer({ min: 1, max: 2 }),
    rating: fc.constantFrom('good' as const, 'good' as const, 'good' as const, 'neutral' as const, 'bad' as const),
    hour: day,
    placedHour: placed,
    paidHour: day,
  }),
);

/** Mostly in time order (as a live shop sends them), sometimes not (late-recorded facts). */
const history = fc.tuple(fc.array(step, { minLength: 1, maxLength: 60 }), fc.boolean()).map(([steps, ordered]) => (ordered ? [...steps].sort((a, b) => a.hour - b.hour) : steps));

const base = { raterId: 'c-ann', ratedId: 's-shop' };

describe('pairScore: one pair scored fact by fact', () => {
  it('equals scoring all the facts from scratch after every fact, in order or not, remembered or not', () =>
    fc.assert(
      fc.property(history, fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }), (steps, forget) => {
        const rules: CreditPolicy = defaultCreditPolicy;
        let facts: { lines: readonly PaidLineFact[]; ratings: readonly RatingFact[] } | undefined;
        for (const [i, s] of steps.entries()) {
          const added =
            s.kind === 'pay'
              ? { lines: Array.from({ length: s.lines }, (_, k): PaidLineFact => ({ ...base, orderId: `o${s.order}`, line: k + 1, productId: productOf(s.order, k + 1), paidAt: iso(s.hour) })) }
              : { rating: { ...base, orderId: `o${s.order}`, line: s.line, productId: productOf(s.order, s.line), paidAt: iso(s.paidHour), rating: s.rating, at: iso(s.hour), placedAt: iso(s.placedHour) } satisfies RatingFact };
          const next = { lines: [...(facts?.lines ?? []), ...(added.lines ?? [])], ratings: [...(facts?.ratings ?? []), ...('rating' in added && added.rating ? [added.rating] : [])] };
          // a previous facts object this process did not score (loaded from a store, say) starts from scratch
          const previous = forget[i] && facts ? { ...facts } : facts;
          expect(pairScore(previous, added, next, rules)).toBe(scoreOf(next.lines, next.ratings, rules));
          facts = next;
        }
      }),
      { numRuns: 500 },
    ));

  it('scores fact by fact across the monthly cap and the 14-day boundary, as from scratch', () => {
    // eight orders of eight products placed in March, paid and rated good in turn: the 7th good is capped
    let facts: { lines: readonly PaidLineFact[]; ratings: readonly RatingFact[] } | undefined;
    const scores: number[] = [];
    const send = (added: { lines?: PaidLineFact[]; rating?: RatingFact }) => {
      const next = { lines: [...(facts?.lines ?? []), ...(added.lines ?? [])], ratings: [...(facts?.ratings ?? []), ...(added.rating ? [added.rating] : [])] };
      const got = pairScore(facts, added, next, defaultCreditPolicy);
      expect(got).toBe(scoreOf(next.lines, next.ratings, defaultCreditPolicy));
      facts = next;
      return got;
    };
    for (let n = 1; n <= 8; n++) {
      const line: PaidLineFact = { ...base, orderId: `o${n}`, line: 1, productId: `p${n}`, paidAt: iso(24 * n) };
      send({ lines: [line] });
      scores.push(send({ rating: { ...line, rating: 'good', at: iso(24 * (20 + n)), placedAt: iso(24 * n) } }));
    }
    expect(scores).toEqual([1, 2, 3, 4, 5, 6, 6, 6]);
    // the same product paid exactly 14 × 24 h after o1 joins o1's group (its good is used), a second later starts a new one
    const inside: PaidLineFact = { ...base, orderId: 'o9', line: 1, productId: 'p1', paidAt: iso(24 * 15) };
    const outside: PaidLineFact = { ...base, orderId: 'o10', line: 1, productId: 'p1', paidAt: new Date(Date.parse(iso(24 * 29)) + 1000).toISOString() };
    send({ lines: [inside] });
    send({ lines: [outside] });
    expect(send({ rating: { ...inside, rating: 'good', at: iso(24 * 60), placedAt: iso(24 * 45) } })).toBe(6);
    expect(send({ rating: { ...outside, rating: 'good', at: iso(24 * 61), placedAt: iso(24 * 45) } })).toBe(7);
  });

  it('scores from scratch under other rules', () => {
    const line: PaidLineFact = { ...base, orderId: 'o1', line: 1, productId: 'p1', paidAt: iso(0) };
    const good: RatingFact = { ...line, rating: 'good', at: iso(24 * 8), placedAt: iso(0) };
    const first = { lines: [line], ratings: [] };
    expect(pairScore(undefined, { lines: [line] }, first, defaultCreditPolicy)).toBe(0);
    const capped = { ...defaultCreditPolicy, monthlyCap: 0 };
    expect(pairScore(first, { rating: good }, { lines: [line], ratings: [good] }, capped)).toBe(0);
    expect(pairScore(first, { rating: good }, { lines: [line], ratings: [good] }, defaultCreditPolicy)).toBe(1);
  });
});
