import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { specFor } from '../testing/deciderSpecification.js';
import { levelCommissions } from './arithmetic.js';
import type { ReferralNetworkEvent } from './events.js';
import { clawBack, drive, earn, join, networkEvent, T0 } from './fixtures.js';
import { makeReferralNetworkDecider } from './network.js';
import { defaultReferralPolicy } from './policy.js';

const d = makeReferralNetworkDecider(defaultReferralPolicy);
const given = specFor(d);
const joined = (customerId: string, referrerId: string | null, upline: string[]) =>
  networkEvent({ type: 'ReferralNetworkJoined', data: { customerId, referrerId, upline, at: T0 } });
// a → b → c → d → e: a referred b, b referred c, ...
const chain = [joined('a', null, []), joined('b', 'a', ['a']), joined('c', 'b', ['b', 'a']), joined('d', 'c', ['c', 'b', 'a']), joined('e', 'd', ['d', 'c', 'b'])];

const joins = [join('a', null), join('b', 'a'), join('c', 'b'), join('d', 'c'), join('e', 'd')];

const earned = (events: readonly ReferralNetworkEvent[]) =>
  events.flatMap((e) => (e.type === 'ReferralCommissionEarned' ? [[e.data.level, e.data.beneficiaryId, e.data.amount, e.data.net] as const] : []));
const clawed = (events: readonly ReferralNetworkEvent[]) =>
  events.flatMap((e) => (e.type === 'ReferralCommissionClawedBack' ? [[e.data.level, e.data.beneficiaryId, e.data.amount, e.data.commissionAfter] as const] : []));

describe('joining the network', () => {
  it('records a customer with no referrer, and one with a referrer with its upline (at most 3)', () => {
    given([]).when(join('a', null)).then([joined('a', null, [])]);
    given(chain.slice(0, 1)).when(join('b', 'a')).then([joined('b', 'a', ['a'])]);
    given(chain.slice(0, 4)).when(join('e', 'd')).then([joined('e', 'd', ['d', 'c', 'b'])]);
  });

  it('refuses self-referral first, even for a customer who joined already', () => {
    given(chain).when(join('b', 'b')).thenRejects('REFERRAL_SELF_REFERRAL', ['data', 'referrerId']);
  });

  it('refuses a second referrer (set only at registration) before looking for a cycle', () => {
    // b is above c, so c → b would also be a cycle: "already set" is reported, as the first that applies
    given(chain).when(join('b', 'c')).thenRejects('REFERRAL_ALREADY_SET', ['data', 'referrerId']);
    given(chain).when(join('a', 'e')).thenRejects('REFERRAL_ALREADY_SET', ['data', 'referrerId']);
  });

  it('refuses a cycle when a reused id is already above its referrer', () => {
    // a history in which x is known only as y's referrer (its own joining is not in this network)
    const reused = [joined('y', 'x', ['x']), joined('z', 'y', ['y', 'x'])];
    given(reused).when(join('x', 'z')).thenRejects('REFERRAL_CYCLE', ['data', 'referrerId']);
    given(reused).when(join('x', 'y')).thenRejects('REFERRAL_CYCLE', ['data', 'referrerId']);
  });

  it('refuses a referrer who is not a registered customer', () => {
    given(chain).when(join('f', 'nobody')).thenRejects('REFERRAL_UNKNOWN_REFERRER', ['data', 'referrerId']);
  });

  it('any join of a new customer to a member is accepted and never makes a cycle', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), (picks) => {
        const cmds = [join('m0', null), ...picks.map((p, i) => join(`m${i + 1}`, `m${p % (i + 1)}`))];
        const { state, refusals } = drive(d, cmds);
        expect(refusals).toEqual([]);
        for (const [id, m] of state.members) {
          expect(m.upline).not.toContain(id);
          expect(m.upline.length).toBeLessThanOrEqual(3);
        }
      }),
    );
  });
});

describe('commissions on a completed order', () => {
  it('pays 10,000 / 2,000 / 1,000 fen on a 1,000.00 CNY order and nothing to the 4th level', () => {
    const { events } = drive(d, [earn('o1', 'e', 100_000)]);
    expect(events).toEqual([]); // no network yet: e is nobody's referral
    const r = drive(d, [...joins, earn('o1', 'e', 100_000)]);
    expect(earned(r.events)).toEqual([
      [1, 'd', 10_000, 100_000],
      [2, 'c', 2_000, 100_000],
      [3, 'b', 1_000, 100_000],
    ]); // a, four levels up, gets nothing
  });

  it('rounds 1, 9 and 99 fen orders down to zero commissions (9 / 1 / 0 on 99)', () => {
    const amounts = (net: number) => earned(drive(d, [...joins, earn('o1', 'e', net)]).events).map((x) => x[2]);
    expect(amounts(1)).toEqual([0, 0, 0]);
    expect(amounts(9)).toEqual([0, 0, 0]);
    expect(amounts(99)).toEqual([9, 1, 0]);
  });

  it('pays only the levels a buyer has, and nothing when nobody referred the buyer or the order was paid already', () => {
    given(chain).when(earn('o1', 'c', 100_000)).then([
      networkEvent({ type: 'ReferralCommissionEarned', data: { orderId: 'o1', buyerId: 'c', level: 1, beneficiaryId: 'b', net: 100_000, base: 100_000, rate: 1000, amount: 10_000, month: '2026-03', at: '2026-03-10T02:00:00.000Z' } }),
      networkEvent({ type: 'ReferralCommissionEarned', data: { orderId: 'o1', buyerId: 'c', level: 2, beneficiaryId: 'a', net: 100_000, base: 10_000, rate: 2000, amount: 2_000, month: '2026-03', at: '2026-03-10T02:00:00.000Z' } }),
    ]);
    given(chain).when(earn('o1', 'a', 100_000)).thenNothing();
    given(chain).when(earn('o1', 'nobody', 100_000)).thenNothing();
    const once = drive(d, [...joins, earn('o1', 'e', 100_000)]).events;
    given([...chain, ...once.slice(5)]).when(earn('o1', 'e', 100_000)).thenNothing();
  });

  it('uses the statement month of the policy zone: 2026-03-31T16:30Z is April in Shanghai', () => {
    const r = drive(d, [...joins, earn('o1', 'e', 100, '2026-03-31T16:30:00.000Z')]);
    expect(r.events.flatMap((e) => (e.type === 'ReferralCommissionEarned' ? [e.data.month] : []))).toEqual(['2026-04', '2026-04', '2026-04']);
  });

  it('pays the levels of the policy: a 2-level policy stops at level 2', () => {
    const two = makeReferralNetworkDecider({ ...defaultReferralPolicy, levels: [800, 1500] as typeof defaultReferralPolicy.levels });
    const r = drive(two, [...joins, earn('o1', 'e', 100_000)]);
    expect(earned(r.events)).toEqual([
      [1, 'd', 8_000, 100_000],
      [2, 'c', 1_200, 100_000],
    ]);
  });
});

describe('clawbacks on refunds after completion', () => {
  const setup = (net: number) => [...joins, earn('o1', 'e', net)];

  it('half a refund claws back half, recomputed with flooring: net 99,999 → 49,999', () => {
    // before: L1 ⌊9,999.9⌋ = 9,999, L2 ⌊1,999.8⌋ = 1,999, L3 ⌊999.9⌋ = 999
    // after:  L1 ⌊4,999.9⌋ = 4,999, L2 ⌊999.8⌋ = 999,    L3 ⌊499.9⌋ = 499
    const r = drive(d, [...setup(99_999), clawBack('o1', 'e', 49_999)]);
    expect(earned(r.events).map((x) => x[2])).toEqual([9_999, 1_999, 999]);
    expect(clawed(r.events)).toEqual([
      [1, 'd', 5_000, 4_999],
      [2, 'c', 1_000, 999],
      [3, 'b', 500, 499],
    ]);
  });

  it('a half refund of a 1,000.00 CNY order claws back exactly half: 5,000 / 1,000 / 500', () => {
    const r = drive(d, [...setup(100_000), clawBack('o1', 'e', 50_000)]);
    expect(clawed(r.events).map((x) => x[2])).toEqual([5_000, 1_000, 500]);
  });

  it('repeated 1-fen refunds of a 100 fen order never claw back more than was paid (10 / 2 / 1)', () => {
    const refunds = Array.from({ length: 100 }, (_, i) => clawBack('o1', 'e', 99 - i));
    const r = drive(d, [...setup(100), ...refunds]);
    const total = (level: number) => clawed(r.events).filter((x) => x[0] === level).reduce((s, x) => s + x[2], 0);
    expect(earned(r.events).map((x) => x[2])).toEqual([10, 2, 1]);
    expect([total(1), total(2), total(3)]).toEqual([10, 2, 1]);
    // the first fen refunded already takes a whole fen from each level: ⌊99 × 10%⌋ = 9, ⌊9 × 20%⌋ = 1, ⌊0.9⌋ = 0
    expect(clawed(r.events).slice(0, 3)).toEqual([
      [1, 'd', 1, 9],
      [2, 'c', 1, 1],
      [3, 'b', 1, 0],
    ]);
  });

  it('ignores a refund that does not lower the net, and one of an order nobody was paid for', () => {
    const r = drive(d, [...setup(100_000), clawBack('o1', 'e', 100_000), clawBack('o2', 'e', 10)]);
    expect(clawed(r.events)).toEqual([]);
  });

  it('recomputes with the rates held at completion, whatever the policy says later', () => {
    const first = drive(d, setup(100_000)).events;
    const later = makeReferralNetworkDecider({ ...defaultReferralPolicy, levels: [500] as typeof defaultReferralPolicy.levels });
    const state = first.reduce(later.evolve, later.initialState());
    const out = later.decide(clawBack('o1', 'e', 50_000), state);
    expect(out._tag === 'Right' && clawed(out.right).map((x) => x[2])).toEqual([5_000, 1_000, 500]);
  });

  it('for any refunds: per order and level, Σ clawbacks ≤ what was paid, and what is held = the commission on the final net', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (depth, net, cuts) => {
          const members = ['m0', 'm1', 'm2', 'm3', 'm4', 'm5'].slice(0, depth + 1);
          const buyer = members[members.length - 1]!;
          let left = net;
          const nets = cuts.map((c) => (left = Math.max(0, left - (c % (net + 1)))));
          const cmds = [...members.map((m, i) => join(m, i === 0 ? null : members[i - 1]!)), earn('o1', buyer, net), ...nets.map((n) => clawBack('o1', buyer, n))];
          const { events, refusals } = drive(d, cmds);
          expect(refusals).toEqual([]);
          const paid = earned(events);
          expect(paid.length).toBe(Math.min(depth, 3));
          expect(paid.reduce((s, x) => s + x[2], 0) * 100).toBeLessThanOrEqual(net * 13);
          const final = levelCommissions(nets.length > 0 ? Math.min(net, ...nets) : net, defaultReferralPolicy.levels);
          for (const [level, , amount] of paid) {
            const back = clawed(events).filter((x) => x[0] === level).reduce((s, x) => s + x[2], 0);
            expect(back).toBeLessThanOrEqual(amount);
            expect(amount - back).toBe(final[level - 1]!.amount);
          }
        },
      ),
    );
  });
});
