import { describe, expect, it } from 'vitest';
import { localMonthOf as localMonth } from '../calendar/localDate.js';
import { defaultCreditPolicy } from './policy.js';
import { sameProductGroups, scoreRatings, type PaidLineFact, type RatingFact } from './score.js';
import { at, paid, rated, T } from './testFacts.js';

const rules = defaultCreditPolicy;
const run = (ratings: RatingFact[], lines: PaidLineFact[] = ratings) => scoreRatings(lines, ratings, rules);
const points = (ratings: RatingFact[], lines: PaidLineFact[] = ratings) => run(ratings, lines).ratings.map((r) => `${r.orderId}:${r.points}:${r.reason}`);

describe('+1 / 0 / −1', () => {
  it('scores good +1, neutral 0, bad −1 on separate products and counts each', () => {
    const r = run([rated(paid('o-1', 'p-1', T), 'good', at(1)), rated(paid('o-2', 'p-2', T), 'neutral', at(1)), rated(paid('o-3', 'p-3', T), 'bad', at(1))]);
    expect(r).toMatchObject({ score: 0, good: 1, neutral: 1, bad: 1 });
    expect(r.ratings.map((x) => x.points)).toEqual([1, 0, -1]);
  });
});

describe('the 14-day same-product rule', () => {
  const a = paid('o-a', 'p-1', T);
  const b = paid('o-b', 'p-1', at(3));
  const c = paid('o-c', 'p-1', at(14)); // exactly 14 × 24 h after the group's first: inside
  const d = paid('o-d', 'p-1', at(14, 1)); // a second later: outside, starts the next group
  const e = paid('o-e', 'p-1', at(20)); // within 14 days of d, not of a
  it('forms groups from the earliest-paid line not yet grouped', () => {
    const groups = sameProductGroups([e, c, a, d, b], 14);
    const of = (l: typeof a) => groups.get(`c-ann|s-shop|p-1|${l.orderId}#1`);
    expect([a, b, c].map(of)).toEqual(['o-a#1', 'o-a#1', 'o-a#1']);
    expect([d, e].map(of)).toEqual(['o-d#1', 'o-d#1']);
  });
  it('counts several goods of a group once', () => {
    const r = run([rated(a, 'good', at(15)), rated(b, 'good', at(16)), rated(c, 'good', at(17))]);
    expect(r.score).toBe(1);
    expect(r.good).toBe(3);
    expect(r.ratings.map((x) => x.reason)).toEqual(['counted', 'groupGoodUsed', 'groupGoodUsed']);
  });
  it('counts several bads of a group once, and the first good beside them', () => {
    expect(points([rated(a, 'bad', at(15)), rated(b, 'bad', at(16)), rated(c, 'good', at(17)), rated(c, 'bad', at(17))], [a, b, c])).toEqual([
      'o-a:-1:counted',
      'o-b:0:groupBadUsed',
      'o-c:1:counted',
      'o-c:0:groupBadUsed',
    ]);
  });
  it('scores the line paid a second after 14 × 24 h in its own group', () => {
    expect(run([rated(a, 'good', at(15)), rated(c, 'good', at(16)), rated(d, 'good', at(17)), rated(e, 'good', at(21))]).score).toBe(2);
    expect(run([rated(a, 'bad', at(15)), rated(d, 'bad', at(16))]).score).toBe(-2);
  });
  it('forms groups over paid lines that were never rated', () => {
    // d alone would start a group at 14 d + 1 s; the unrated b pulls nothing in: groups start at a and d either way
    const withUnrated = run([rated(c, 'good', at(20)), rated(d, 'good', at(21))], [a, b, c, d]);
    expect(withUnrated.score).toBe(2);
    // without a the group starts at b (3 d), so d (14 d + 1 s) is within 14 days of it: one group
    expect(run([rated(c, 'good', at(20)), rated(d, 'good', at(21))], [b, c, d]).score).toBe(1);
  });
  it('keeps products, raters and rated parties apart', () => {
    const other = paid('o-x', 'p-2', at(1));
    const otherRater = paid('o-y', 'p-1', at(1), { raterId: 'c-bob' });
    expect(run([rated(a, 'good', at(15)), rated(other, 'good', at(15)), rated(otherRater, 'good', at(15))]).score).toBe(3);
  });
});

describe('the monthly cap per rater–rated pair', () => {
  const product = (n: number, placed = T) => paid(`o-${n}`, `p-${n}`, placed);
  it('DOMAIN.md: 6 bads, a good, a bad on different products → −6, −5, −6: the last bad counts', () => {
    const ratings = [1, 2, 3, 4, 5, 6].map((n) => rated(product(n), 'bad', at(1, n)));
    ratings.push(rated(product(7), 'good', at(2)), rated(product(8), 'bad', at(3)));
    const r = run(ratings);
    let net = 0;
    expect(r.ratings.map((x) => (net += x.points))).toEqual([-1, -2, -3, -4, -5, -6, -5, -6]);
    expect(r.score).toBe(-6);
    expect(r.monthlyNet).toEqual({ 'c-ann|s-shop|2026-03': -6 });
  });
  it('scores a 7th good in a month 0, and a 7th bad too', () => {
    const goods = run([1, 2, 3, 4, 5, 6, 7].map((n) => rated(product(n), 'good', at(1, n))));
    expect(goods.score).toBe(6);
    expect(goods.ratings[6]).toMatchObject({ points: 0, reason: 'monthlyCap' });
    expect(run([1, 2, 3, 4, 5, 6, 7].map((n) => rated(product(n), 'bad', at(1, n)))).score).toBe(-6);
  });
  it('takes the month of the order’s creation in the policy time zone, not of the rating', () => {
    const march = [1, 2, 3, 4, 5, 6].map((n) => rated(product(n), 'good', at(40, n)));
    // placed 2026-03-31T16:00Z = 1 April 00:00 in Shanghai: an April order, though rated with the March ones
    const aprilLocal = paid('o-7', 'p-7', '2026-03-31T16:00:00.000Z');
    expect(localMonth(aprilLocal.paidAt, 'Asia/Shanghai')).toBe('2026-04');
    expect(run([...march, rated(aprilLocal, 'good', at(41))]).score).toBe(7);
    expect(scoreRatings([], [...march, rated(aprilLocal, 'good', at(41))], { ...rules, timeZone: 'UTC' }).score).toBe(6);
  });
  it('a good stopped by the cap still uses up its group’s good', () => {
    const march = [1, 2, 3, 4, 5, 6].map((n) => rated(product(n), 'good', at(1, n)));
    const capped = paid('o-7a', 'p-7', at(25)); // placed 26 March
    const next = paid('o-7b', 'p-7', at(32)); // placed 2 April, 7 days later: same group
    const r = run([...march, rated(capped, 'good', at(26)), rated(next, 'good', at(33))]);
    expect(r.ratings.slice(6).map((x) => [x.month, x.reason])).toEqual([
      ['2026-03', 'monthlyCap'],
      ['2026-04', 'groupGoodUsed'],
    ]);
    expect(r.score).toBe(6);
  });
  it('caps each pair on its own', () => {
    const ann = [1, 2, 3, 4, 5, 6, 7].map((n) => rated(product(n), 'good', at(1, n)));
    const bob = [1, 2, 3].map((n) => rated(paid(`o-b${n}`, `p-${n}`, T, { raterId: 'c-bob' }), 'good', at(1, n)));
    expect(run([...ann, ...bob]).score).toBe(9);
  });
});

describe('the order ratings are received in', () => {
  it('is occurredAt, then order id (as strings), then line, whatever order they are given in', () => {
    const l2 = paid('o-2', 'p-1', T);
    const l10 = paid('o-10', 'p-1', T);
    const l10b = paid('o-10', 'p-1', T, { line: 2 });
    const r = run([rated(l2, 'bad', at(5)), rated(l10b, 'bad', at(5)), rated(l10, 'bad', at(5))]);
    // 'o-10' < 'o-2' in code-unit order; line 1 before line 2
    expect(r.ratings.map((x) => `${x.orderId}#${x.line}:${x.points}`)).toEqual(['o-10#1:-1', 'o-10#2:0', 'o-2#1:0']);
  });
});
