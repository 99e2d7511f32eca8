import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultCreditPolicy } from './policy.js';
import { scoreOf, scoreRatings, type PaidLineFact, type RatingFact } from './score.js';
import { T } from './testFacts.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/**
 * The rules of DOMAIN §3 written out plainly, separately from score.ts: groups by
 * repeatedly taking the earliest ungrouped line, months by shifting to UTC+8
 * (Asia/Shanghai has no daylight saving), one loop over the sorted ratings.
 */
const plainScore = (lines: PaidLineFact[], ratings: RatingFact[]): { score: number; points: number[]; nets: number[][] } => {
  const all: PaidLineFact[] = [];
  for (const l of [...lines, ...ratings])
    if (!all.some((x) => x.raterId === l.raterId && x.ratedId === l.ratedId && x.productId === l.productId && x.orderId === l.orderId && x.line === l.line)) all.push(l);
  const groupOf = new Map<PaidLineFact, number>();
  let nextGroup = 0;
  for (;;) {
    const ungrouped = all.filter((l) => !groupOf.has(l));
    if (ungrouped.length === 0) break;
    let first = ungrouped[0]!;
    for (const l of ungrouped) if (Date.parse(l.paidAt) < Date.parse(first.paidAt)) first = l;
    const g = nextGroup++;
    for (const l of ungrouped)
      if (l.raterId === first.raterId && l.ratedId === first.ratedId && l.productId === first.productId && Date.parse(l.paidAt) - Date.parse(first.paidAt) <= 14 * DAY)
        groupOf.set(l, g);
  }
  const find = (r: RatingFact) =>
    groupOf.get(all.find((x) => x.raterId === r.raterId && x.ratedId === r.ratedId && x.productId === r.productId && x.orderId === r.orderId && x.line === r.line)!)!;
  const sorted = [...ratings].sort((a, b) => {
    if (a.at !== b.at) return a.at < b.at ? -1 : 1;
    if (a.orderId !== b.orderId) return a.orderId < b.orderId ? -1 : 1;
    return a.line - b.line;
  });
  const goodUsed = new Set<number>();
  const badUsed = new Set<number>();
  const net = new Map<string, number>();
  const history = new Map<string, number[]>();
  let score = 0;
  const points: number[] = [];
  for (const r of sorted) {
    const g = find(r);
    const month = new Date(Date.parse(r.placedAt) + 8 * HOUR).toISOString().slice(0, 7);
    const key = `${r.raterId}/${r.ratedId}/${month}`;
    let p = 0;
    if (r.rating === 'good' && !goodUsed.has(g)) {
      goodUsed.add(g);
      if ((net.get(key) ?? 0) + 1 <= 6) p = 1;
    }
    if (r.rating === 'bad' && !badUsed.has(g)) {
      badUsed.add(g);
      if ((net.get(key) ?? 0) - 1 >= -6) p = -1;
    }
    net.set(key, (net.get(key) ?? 0) + p);
    history.set(key, [...(history.get(key) ?? []), net.get(key)!]);
    score += p;
    points.push(p);
  }
  return { score, points, nets: [...history.values()] };
};

// small id and time spaces, so groups, exact 14-day boundaries, month edges and ties all happen
const lineArb = fc.record({
  raterId: fc.constantFrom('c-1', 'c-1', 'c-1', 'c-2'),
  ratedId: fc.constantFrom('s-1', 's-1', 's-1', 's-2'),
  orderNo: fc.integer({ min: 1, max: 30 }),
  line: fc.integer({ min: 1, max: 2 }),
  productId: fc.constantFrom('p-1', 'p-2', 'p-3', 'p-4', 'p-5', 'p-6', 'p-7', 'p-8', 'p-9', 'p-10', 'p-11', 'p-12'),
  // whole weeks apart ± a second: exact 14 × 24 h gaps (and a second more or less) are common
  paidWeek: fc.integer({ min: 0, max: 5 }),
  paidJitterSeconds: fc.constantFrom(0, 0, 0, 1, -1, 3 * 3600),
  placedBeforeHours: fc.integer({ min: 0, max: 30 }),
});
// a mood per run, so monthly nets often reach the cap in either direction
const moodArb = fc.constantFrom(
  ['good', 'good', 'good', 'good', 'neutral', 'bad'] as const,
  ['bad', 'bad', 'bad', 'bad', 'neutral', 'good'] as const,
  ['good', 'neutral', 'bad'] as const,
);
const factsArb = fc
  .tuple(fc.array(lineArb, { maxLength: 80, size: 'max' }), moodArb)
  .chain(([raw, mood]) => {
    // one fact per (order, line), so an order's line has one product, one payment time and one pair
    const seen = new Set<string>();
    const lines: (PaidLineFact & { placedAt: string })[] = [];
    for (const l of raw) {
      const orderId = `o-${l.orderNo}-${l.raterId}-${l.ratedId}`;
      if (seen.has(`${orderId}#${l.line}`)) continue;
      seen.add(`${orderId}#${l.line}`);
      const paidMs = Date.parse(T) + l.paidWeek * 7 * DAY + l.paidJitterSeconds * 1000;
      lines.push({
        raterId: l.raterId,
        ratedId: l.ratedId,
        orderId,
        line: l.line,
        productId: l.productId,
        paidAt: new Date(paidMs).toISOString(),
        placedAt: new Date(paidMs - l.placedBeforeHours * HOUR).toISOString(),
      });
    }
    return fc.tuple(
      fc.constant(lines),
      fc.subarray(lines, { minLength: Math.floor(lines.length / 2) }).chain((toRate) =>
        fc.tuple(
          ...toRate.map((l) =>
            fc.record({ rating: fc.constantFrom(...mood), afterDays: fc.integer({ min: 0, max: 20 }) }).map(
              (r): RatingFact => ({ ...l, rating: r.rating, at: new Date(Date.parse(T) + 60 * DAY + r.afterDays * DAY).toISOString() }),
            ),
          ),
        ),
      ),
    );
  });

describe('credit score properties', () => {
  it('equals a plain recomputation of the rules', () =>
    fc.assert(
      fc.property(factsArb, ([lines, ratings]) => {
        const expected = plainScore(lines, ratings);
        const got = scoreRatings(lines, ratings, defaultCreditPolicy);
        expect(got.score).toBe(expected.score);
        expect(scoreOf(lines, ratings, defaultCreditPolicy)).toBe(expected.score); // the projection's shortcut
        expect(got.ratings.map((r) => r.points)).toEqual(expected.points);
        expect(got.good + got.neutral + got.bad).toBe(ratings.length);
      }),
      { numRuns: 300 },
    ));

  it('keeps every running monthly net per pair within [−6, +6]', () =>
    fc.assert(
      fc.property(factsArb, ([lines, ratings]) => {
        const got = scoreRatings(lines, ratings, defaultCreditPolicy);
        for (const v of Object.values(got.monthlyNet)) expect(Math.abs(v)).toBeLessThanOrEqual(6);
        const running = new Map<string, number>();
        for (const r of got.ratings) {
          const k = `${r.raterId}|${r.ratedId}|${r.month}`;
          running.set(k, (running.get(k) ?? 0) + r.points);
          expect(Math.abs(running.get(k)!)).toBeLessThanOrEqual(6);
        }
        for (const nets of plainScore(lines, ratings).nets) for (const n of nets) expect(Math.abs(n)).toBeLessThanOrEqual(6);
      }),
    ));

  it('does not depend on the order the facts are given in', () =>
    fc.assert(
      fc.property(factsArb, ([lines, ratings]) => {
        const a = scoreRatings(lines, ratings, defaultCreditPolicy);
        const b = scoreRatings([...lines].reverse(), [...ratings].reverse(), defaultCreditPolicy);
        expect(b).toEqual(a);
      }),
    ));
});
