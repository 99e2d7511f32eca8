import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { make, type IsoInstant } from '../kernel/codecs.js';
import { TimeZoneName } from '../calendar/businessHours.js';
import { defaultLoyaltyPolicy } from './policy.js';
import { emptyScoreFacts, memberScoreAt, scoreDayAt, type ScoreFacts } from './score.js';

const policy = defaultLoyaltyPolicy;
const T = '2026-03-07T16:00:00.000Z' as IsoInstant; // 00:00 on 8 March 2026 in Shanghai
const FROM = '2025-03-07T16:00:00.000Z'; // T − 12 calendar months

const facts = (over: Partial<ScoreFacts> = {}): ScoreFacts => ({ ...emptyScoreFacts('c1'), firstFactAt: FROM, ...over });
const orders = (list: readonly [string, string, number, ...[string, number][]][]): ScoreFacts['orders'] =>
  Object.fromEntries(list.map(([id, completedAt, net, ...refunds]) => [id, { completedAt, netPaid: [{ at: completedAt, netPaidFen: net }, ...refunds.map(([at, n]) => ({ at, netPaidFen: n }))] }]));
const dated = (n: number, at: string, prefix = 'x') => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, at }));
const score = (f: ScoreFacts) => memberScoreAt(f, T, policy);

describe('memberScoreAt: shopping', () => {
  it('1 per 10 CNY of net, at most 100 per order, + 5 per order', () => {
    const s = score(facts({ orders: orders([['o1', '2026-01-10T02:00:00.000Z', 99_999], ['o2', '2026-02-10T02:00:00.000Z', 150_000]]) }));
    expect(s.components).toEqual({ spend: 99 + 100, orderBonus: 10, rewards: 0, family: 0, base: 400 });
    expect(s).toMatchObject({ score: 609, spend12m: 249_999, clean: true, windowFrom: FROM });
  });
  it('a local day’s spend points are capped at 300 (Shanghai days, not UTC days)', () => {
    // 2026-02-10T16:30Z and 2026-02-11T15:00Z are both 11 February in Shanghai
    const s = score(facts({ orders: orders([
      ['o1', '2026-02-10T16:30:00.000Z', 100_000], ['o2', '2026-02-11T00:00:00.000Z', 100_000],
      ['o3', '2026-02-11T08:00:00.000Z', 100_000], ['o4', '2026-02-11T15:00:00.000Z', 100_000],
      ['o5', '2026-02-11T16:00:00.000Z', 50_000], // 12 February locally
    ]) }));
    expect(s.components.spend).toBe(300 + 50);
    expect(s.components.orderBonus).toBe(25);
  });
  it('the +5 per order is capped at 60 per calendar month: 12 orders give 60, 13 still 60', () => {
    const month = (n: number, day: string) => Array.from({ length: n }, (_, i): [string, string, number] => [`o${day}-${i}`, `2026-01-${day}T0${i % 10}:00:00.000Z`, 500]);
    expect(score(facts({ orders: orders(month(12, '10')) })).components.orderBonus).toBe(60);
    expect(score(facts({ orders: orders(month(13, '10')) })).components.orderBonus).toBe(60);
    expect(score(facts({ orders: orders([...month(13, '10'), ['feb', '2026-02-10T00:00:00.000Z', 500]]) })).components.orderBonus).toBe(65);
  });
  it('an order fully refunded before T does not count; refunded after T it counts with its net at T', () => {
    const s = score(facts({ orders: orders([
      ['gone', '2026-01-10T02:00:00.000Z', 50_000, ['2026-02-01T00:00:00.000Z', 0]],
      ['half', '2026-01-11T02:00:00.000Z', 50_000, ['2026-02-01T00:00:00.000Z', 25_000]],
      ['later', '2026-01-12T02:00:00.000Z', 50_000, ['2026-03-07T16:00:00.001Z', 0]],
    ]) }));
    expect(s).toMatchObject({ countedOrders: 2, spend12m: 75_000, components: { spend: 25 + 50, orderBonus: 10 } });
  });
  it('counts orders completed after T − 12 months and at or before T', () => {
    const s = score(facts({ orders: orders([['edge', FROM, 10_000], ['in', '2025-03-07T16:00:00.001Z', 10_000], ['atT', T, 10_000], ['after', '2026-03-07T16:00:00.001Z', 10_000]]) }));
    expect(s.countedOrders).toBe(2);
  });
});

describe('memberScoreAt: rewards, family, base', () => {
  it('2 per review with text, 1 per share or answer, together at most 100 per calendar month', () => {
    const s = score(facts({
      reviews: dated(40, '2026-01-05T00:00:00.000Z', 'r'), // 80
      shares: dated(30, '2026-01-06T00:00:00.000Z', 's'), // 30 → January capped at 100
      answers: dated(10, '2026-02-06T00:00:00.000Z', 'a'), // February: 10
    }));
    expect(s.components.rewards).toBe(110);
  });
  it('family: 20 for the first bound, 10 for each further, at most 3 counted (4 bound → 40), outside the rewards cap', () => {
    const bind = (id: string, at = '2026-01-01T00:00:00.000Z') => ({ familyAccountId: id, bound: true, at });
    expect(score(facts({ family: [bind('f1'), bind('f2'), bind('f3'), bind('f4')], shares: dated(100, '2026-01-06T00:00:00.000Z') })).components).toMatchObject({ family: 40, rewards: 100 });
    expect(score(facts({ family: [bind('f1')] })).components.family).toBe(20);
    expect(score(facts({ family: [bind('f1'), bind('f2')] })).components.family).toBe(30);
    const unbound = [bind('f1'), bind('f2'), { familyAccountId: 'f1', bound: false, at: '2026-02-01T00:00:00.000Z' }];
    expect(score(facts({ family: unbound })).components.family).toBe(20);
    expect(score(facts({ family: [bind('f1', '2026-03-07T16:00:00.001Z')] })).components.family).toBe(0); // bound after T
    expect(score(facts({ family: [bind('f1', '2020-01-01T00:00:00.000Z')] })).components.family).toBe(20); // currently bound counts, however old
  });
  it('base 400 with a clean record, 200 with a bad rating received as a buyer or a charge-back dated in the window', () => {
    expect(score(facts()).components.base).toBe(400);
    expect(score(facts({ badRatings: dated(1, '2026-03-07T16:00:00.000Z') }))).toMatchObject({ clean: false, components: { base: 200 } });
    expect(score(facts({ chargebacks: dated(1, '2025-03-07T16:00:00.001Z') }))).toMatchObject({ clean: false, components: { base: 200 } });
    expect(score(facts({ badRatings: dated(1, FROM), chargebacks: dated(1, '2026-03-07T16:00:00.001Z') })).components.base).toBe(400);
  });
  it('the score is always the sum of its parts, and facts after T never change it', () =>
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 300_000 })), { maxLength: 30 }),
        fc.array(fc.integer({ min: -400, max: 400 }), { maxLength: 30 }),
        (os, rs) => {
          const at = (d: number) => new Date(Date.parse(T) - d * 86_400_000 + 3_600_000).toISOString();
          const f = facts({
            orders: orders(os.map(([d, n], i): [string, string, number] => [`o${i}`, at(d), n])),
            reviews: rs.map((d, i) => ({ id: `r${i}`, at: at(d) })),
          });
          const s = score(f);
          const c = s.components;
          const onlyBefore = facts({ orders: Object.fromEntries(Object.entries(f.orders).filter(([, o]) => o.completedAt <= T)), reviews: f.reviews.filter((r) => r.at <= T) });
          return s.score === c.spend + c.orderBonus + c.rewards + c.family + c.base && score(onlyBefore).score === s.score;
        },
      ),
    ));
});

describe('scoreDayAt', () => {
  it('is 00:00 local on the 8th: before it, the previous month’s', () => {
    expect(scoreDayAt('2026-03-07T15:59:59.999Z', policy)).toEqual({ month: '2026-02', at: '2026-02-07T16:00:00.000Z' });
    expect(scoreDayAt('2026-03-07T16:00:00.000Z', policy)).toEqual({ month: '2026-03', at: '2026-03-07T16:00:00.000Z' });
    expect(scoreDayAt('2026-01-01T00:00:00.000Z', policy)).toEqual({ month: '2025-12', at: '2025-12-07T16:00:00.000Z' });
    expect(scoreDayAt('2026-03-20T00:00:00.000Z', { ...policy, timeZone: make(TimeZoneName)('UTC'), scoreDay: 1 })).toEqual({ month: '2026-03', at: '2026-03-01T00:00:00.000Z' });
  });
});
