import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { specFor } from '../testing/deciderSpecification.js';
import { loyaltyDeciderFor } from './decider.js';
import type { LoyaltyEvent } from './events.js';
import { defaultLoyaltyPolicy } from './policy.js';
import { C, command, drive, earn, expire, monthly, redeem, reverse } from './testFixtures.js';

const policy = defaultLoyaltyPolicy;
const given = specFor(loyaltyDeciderFor(policy));
const MAR = '2026-03-08T16:00:00.000Z'; // 00:00 on 9 March in Shanghai; any instant will do for a score
const typesOf = (events: readonly LoyaltyEvent[]) => events.map((e) => e.type);
const tierChanges = (events: readonly LoyaltyEvent[]) =>
  events.flatMap((e) => (e.type === 'TierChanged' ? [{ from: e.data.from, to: e.data.to, reason: e.data.reason }] : []));

describe('earning', () => {
  it('a completed order earns ⌊net ÷ 100⌋ points at ×1 and the lot carries its expiry', () =>
    given([]).when(earn('o1', 12_345, '2025-11-15T04:00:00.000Z')).then([
      {
        type: 'PointsEarned',
        data: {
          customerId: C, orderId: 'o1', netPaidFen: 12_345, tier: 'regular', multiplier: 100, points: 123, at: '2025-11-15T04:00:00.000Z',
          usableUntil: '2026-11-30T15:59:59.999Z', expiresAt: '2026-11-30T16:00:00.000Z',
        },
      } as LoyaltyEvent,
    ]));
  it('a second completion of the same order earns nothing more', () => {
    const { events } = drive([earn('o1', 10_000, MAR), earn('o1', 10_000, MAR)]);
    expect(typesOf(events)).toEqual(['PointsEarned']);
  });
  it('uses the multiplier of the tier held at completion: super ×1.5, paid member ×2', () => {
    const { events } = drive([
      monthly('2026-03', 1000, MAR),
      earn('o1', 12_345, '2026-03-10T00:00:00.000Z'),
      command({ type: 'BuyMembership', data: { customerId: C, pricePaidFen: 8_800, at: '2026-03-11T00:00:00.000Z' } }),
      earn('o2', 12_345, '2026-03-12T00:00:00.000Z'),
    ]);
    const earned = events.flatMap((e) => (e.type === 'PointsEarned' ? [[e.data.tier, e.data.multiplier, e.data.points]] : []));
    expect(earned).toEqual([['super', 150, 184], ['paidMember', 200, 246]]);
  });
});

describe('lot expiry on the exact boundary (Asia/Shanghai)', () => {
  const earned = drive([earn('o1', 10_000, '2025-11-15T04:00:00.000Z')]).events;
  it('usable at 2026-11-30T15:59:59.999Z', () =>
    given(earned).when(redeem('r1', 100, '2026-11-30T15:59:59.999Z')).then([
      { type: 'PointsRedeemed', data: { customerId: C, redemptionId: 'r1', points: 100, taken: [{ orderId: 'o1', points: 100 }], at: '2026-11-30T15:59:59.999Z' } } as LoyaltyEvent,
    ]));
  it('gone at 2026-11-30T16:00:00.000Z, even before due work expired it', () =>
    given(earned).when(redeem('r1', 1, '2026-11-30T16:00:00.000Z')).thenRejects('LOYALTY_POINTS_INSUFFICIENT', ['data', 'points']));
  it('expiry is refused one millisecond early and expires what is left at the instant', () => {
    given(earned).when(expire('o1', '2026-11-30T15:59:59.999Z')).thenRejects('LOYALTY_LOT_NOT_EXPIRED', ['data', 'at']);
    given(drive([earn('o1', 10_000, '2025-11-15T04:00:00.000Z'), redeem('r1', 30, '2026-01-01T00:00:00.000Z')]).events)
      .when(expire('o1', '2026-11-30T16:00:00.000Z'))
      .then([{ type: 'PointsExpired', data: { customerId: C, orderId: 'o1', points: 70, at: '2026-11-30T16:00:00.000Z' } } as LoyaltyEvent]);
  });
  it('expiring twice changes nothing the second time', () => {
    const { events } = drive([earn('o1', 10_000, '2025-11-15T04:00:00.000Z'), expire('o1', '2026-11-30T16:00:00.000Z'), expire('o1', '2026-12-01T00:00:00.000Z')]);
    expect(typesOf(events)).toEqual(['PointsEarned', 'PointsExpired']);
  });
  it('a lot of an order never earned cannot expire', () =>
    given([]).when(expire('o9', '2026-11-30T16:00:00.000Z')).thenRejects('LOYALTY_ORDER_NOT_EARNED', ['data', 'orderId']));
});

describe('redemption', () => {
  const three = [earn('o3', 30_000, '2026-03-01T00:00:00.000Z'), earn('o1', 10_000, '2026-01-01T00:00:00.000Z'), earn('o2', 20_000, '2026-02-01T00:00:00.000Z')];
  it('FIFO across three lots: oldest earned first, whatever the order they were recorded in', () => {
    const { events } = drive([...three, redeem('r1', 250, '2026-04-01T00:00:00.000Z'), redeem('r2', 200, '2026-04-02T00:00:00.000Z')]);
    const taken = events.flatMap((e) => (e.type === 'PointsRedeemed' ? [e.data.taken] : []));
    expect(taken).toEqual([
      [{ orderId: 'o1', points: 100 }, { orderId: 'o2', points: 150 }],
      [{ orderId: 'o2', points: 50 }, { orderId: 'o3', points: 150 }],
    ]);
  });
  it('lots earned at the same instant go by order id', () => {
    const { events } = drive([earn('o-b', 10_000, MAR), earn('o-a', 10_000, MAR), redeem('r1', 150, MAR)]);
    expect(events.at(-1)).toMatchObject({ data: { taken: [{ orderId: 'o-a', points: 100 }, { orderId: 'o-b', points: 50 }] } });
  });
  it('refuses beyond the balance, naming the balance', () => {
    const { state } = drive(three);
    const r = loyaltyDeciderFor(policy).decide(redeem('r1', 601, '2026-04-01T00:00:00.000Z'), state);
    expect(E.isLeft(r) && r.left).toMatchObject({ code: 'LOYALTY_POINTS_INSUFFICIENT', path: ['data', 'points'], details: { balance: 600 } });
  });
  it('refuses a redemption id used before', () =>
    given(drive([...three, redeem('r1', 1, MAR)]).events).when(redeem('r1', 1, MAR)).thenRejects('LOYALTY_REDEMPTION_EXISTS', ['data', 'redemptionId']));
});

describe('reversal after a refund of a completed order', () => {
  it('half the order refunded reverses half the points, floored: 10,000 fen → 5,000 reverses 50 of 100', () => {
    const { events } = drive([earn('o1', 10_000, MAR), reverse('o1', 5_000, '2026-03-20T00:00:00.000Z')]);
    expect(events.at(-1)).toMatchObject({ type: 'PointsReversed', data: { pointsBefore: 100, pointsAfter: 50, taken: [{ orderId: 'o1', points: 50 }], writtenOff: 0 } });
  });
  it('recomputes with the multiplier kept from completion: 12,345 fen at ×1.5 = 184; half (6,172) = 91; 93 reversed', () => {
    const { events } = drive([
      monthly('2026-03', 1000, MAR),
      earn('o1', 12_345, '2026-03-10T00:00:00.000Z'),
      monthly('2026-04', 400, '2026-04-07T16:00:00.000Z'), // back to regular: the lot keeps ×1.5
      reverse('o1', 6_172, '2026-04-20T00:00:00.000Z'),
    ]);
    expect(events.at(-1)).toMatchObject({ data: { pointsBefore: 184, pointsAfter: 91, taken: [{ orderId: 'o1', points: 93 }] } });
  });
  it('repeated partial refunds never reverse more than was earned', () => {
    const { state, events } = drive([earn('o1', 9_999, MAR), reverse('o1', 6_666, MAR), reverse('o1', 3_333, MAR), reverse('o1', 0, MAR)]);
    const reversed = events.flatMap((e) => (e.type === 'PointsReversed' ? [e.data.pointsBefore - e.data.pointsAfter] : []));
    expect(reversed).toEqual([33, 33, 33]);
    expect(state.lots.o1).toMatchObject({ remaining: 0, credited: 0 });
  });
  it('takes from the order’s own lot first, then the oldest live lots, and writes off what the balance cannot cover', () => {
    const { events, state } = drive([
      earn('o1', 10_000, '2026-01-01T00:00:00.000Z'),
      earn('o2', 20_000, '2026-02-01T00:00:00.000Z'),
      earn('o3', 5_000, '2026-03-01T00:00:00.000Z'),
      redeem('r1', 320, '2026-03-02T00:00:00.000Z'), // o1 100, o2 200, o3 20 → 30 left in o3
      reverse('o2', 0, '2026-03-03T00:00:00.000Z'), // 200 due: own lot empty → o3's 30, then 170 written off
    ]);
    expect(events.at(-1)).toMatchObject({ data: { pointsBefore: 200, pointsAfter: 0, taken: [{ orderId: 'o3', points: 30 }], writtenOff: 170 } });
    expect(Object.values(state.lots).reduce((s, l) => s + l.remaining, 0)).toBe(0);
  });
  it('a refund that leaves the points unchanged reverses nothing', () =>
    given(drive([earn('o1', 10_050, MAR)]).events).when(reverse('o1', 10_000, MAR)).thenNothing());
  it('an order with no points earned cannot be reversed', () =>
    given([]).when(reverse('o1', 0, MAR)).thenRejects('LOYALTY_ORDER_NOT_EARNED', ['data', 'orderId']));
});

describe('tiers', () => {
  it('super from a monthly score of 1000, not 999; back to regular at 999', () => {
    expect(tierChanges(drive([monthly('2026-03', 999, MAR)]).events)).toEqual([]);
    const { events } = drive([monthly('2026-03', 1000, MAR), monthly('2026-04', 999, '2026-04-07T16:00:00.000Z')]);
    expect(tierChanges(events)).toEqual([
      { from: 'regular', to: 'super', reason: 'monthlyScore' },
      { from: 'super', to: 'regular', reason: 'monthlyScore' },
    ]);
    expect(events.find((e) => e.type === 'TierChanged')).toMatchObject({ data: { detail: 'monthly score of 2026-03: 1000 ≥ 1000' } });
  });
  it('a key account is invited at 2500 with 300,000 CNY and a clean record, refused at 2499', () => {
    const invite = command({ type: 'InviteKeyAccount', data: { customerId: C, at: '2026-03-09T00:00:00.000Z' } });
    given(drive([monthly('2026-03', 2499, MAR, { spend12m: 30_000_000 })]).events).when(invite).thenRejects('LOYALTY_KEY_ACCOUNT_INELIGIBLE', ['data', 'customerId']);
    given(drive([monthly('2026-03', 2500, MAR, { spend12m: 29_999_999 })]).events).when(invite).thenRejects('LOYALTY_KEY_ACCOUNT_INELIGIBLE', ['data', 'customerId']);
    given(drive([monthly('2026-03', 2700, MAR, { spend12m: 30_000_000, clean: false })]).events).when(invite).thenRejects('LOYALTY_KEY_ACCOUNT_INELIGIBLE', ['data', 'customerId']);
    given([]).when(invite).thenRejects('LOYALTY_KEY_ACCOUNT_INELIGIBLE', ['data', 'customerId']);
    const { events } = drive([monthly('2026-03', 2500, MAR, { spend12m: 30_000_000 }), invite]);
    expect(tierChanges(events)).toEqual([
      { from: 'regular', to: 'super', reason: 'monthlyScore' },
      { from: 'super', to: 'keyAccount', reason: 'keyAccountInvited' },
    ]);
    given(events).when(invite).thenRejects('LOYALTY_KEY_ACCOUNT_EXISTS', ['data', 'customerId']);
  });
  it('a key account stays while still eligible each month and lapses at 2499', () => {
    const { events, state } = drive([
      monthly('2026-03', 2600, MAR, { spend12m: 30_000_000 }),
      command({ type: 'InviteKeyAccount', data: { customerId: C, at: '2026-03-09T00:00:00.000Z' } }),
      monthly('2026-04', 2500, '2026-04-07T16:00:00.000Z', { spend12m: 30_000_000 }),
      monthly('2026-05', 2499, '2026-05-07T16:00:00.000Z', { spend12m: 30_000_000 }),
    ]);
    expect(typesOf(events).slice(-2)).toEqual(['KeyAccountLapsed', 'TierChanged']);
    expect(tierChanges(events).at(-1)).toEqual({ from: 'keyAccount', to: 'super', reason: 'keyAccountLapsed' });
    expect(state.keyAccount).toBe(false);
  });
  it('a paid member stays a paid member through a score change, and a key account outranks the membership', () => {
    const { events } = drive([
      command({ type: 'BuyMembership', data: { customerId: C, pricePaidFen: 88_800, at: '2026-03-01T00:00:00.000Z' } }),
      monthly('2026-03', 2500, MAR, { spend12m: 30_000_000 }),
      command({ type: 'InviteKeyAccount', data: { customerId: C, at: '2026-03-09T00:00:00.000Z' } }),
    ]);
    expect(tierChanges(events)).toEqual([
      { from: 'regular', to: 'paidMember', reason: 'membershipBought' },
      { from: 'paidMember', to: 'keyAccount', reason: 'keyAccountInvited' },
    ]);
  });
  it('refuses a score for a month already scored and one whose parts do not add up', () => {
    given(drive([monthly('2026-03', 500, MAR)]).events).when(monthly('2026-03', 600, MAR)).thenRejects('LOYALTY_SCORE_MONTH_RECORDED', ['data', 'month']);
    const bad = command({ type: 'RecordMonthlyScore', data: { ...monthly('2026-03', 500, MAR).data, score: 501 } });
    given([]).when(bad).thenRejects('LOYALTY_SCORE_COMPONENTS', ['data', 'score']);
  });
});

describe('paid membership (88VIP)', () => {
  const buy = (pricePaidFen: number, at = '2026-03-10T02:00:00.000Z') => command({ type: 'BuyMembership', data: { customerId: C, pricePaidFen, at } });
  it('costs 88 CNY with a latest score ≥ 1000, and 888 CNY below or without a score; a wrong price names the right one', () => {
    const superScored = drive([monthly('2026-03', 1000, MAR)]).events;
    const below = drive([monthly('2026-03', 999, MAR)]).events;
    const d = loyaltyDeciderFor(policy);
    const refusal = (events: readonly LoyaltyEvent[], price: number) => {
      const r = d.decide(buy(price), events.reduce(d.evolve, d.initialState()));
      return E.isLeft(r) ? r.left : undefined;
    };
    expect(refusal(superScored, 88_800)).toMatchObject({ code: 'LOYALTY_MEMBERSHIP_PRICE', path: ['data', 'pricePaidFen'], details: { price: 8_800 } });
    expect(refusal(below, 8_800)).toMatchObject({ code: 'LOYALTY_MEMBERSHIP_PRICE', details: { price: 88_800 } });
    expect(refusal([], 8_800)).toMatchObject({ details: { price: 88_800 } });
    expect(refusal(superScored, 8_800)).toBeUndefined();
    expect(refusal(below, 88_800)).toBeUndefined();
  });
  it('is active for a year, refuses to expire early, and expires at its paid-until instant', () => {
    const { events } = drive([buy(88_800)]);
    expect(events[0]).toMatchObject({ type: 'MembershipBought', data: { paidFrom: '2026-03-10T02:00:00.000Z', paidUntil: '2027-03-10T02:00:00.000Z', scoreAtPurchase: null } });
    const exp = (at: string) => command({ type: 'ExpireMembership', data: { customerId: C, paidUntil: '2027-03-10T02:00:00.000Z', at } });
    given(events).when(exp('2027-03-10T01:59:59.999Z')).thenRejects('LOYALTY_MEMBERSHIP_ACTIVE', ['data', 'at']);
    const after = drive([buy(88_800), exp('2027-03-10T02:00:00.000Z'), exp('2027-03-10T02:00:00.000Z')]).events;
    expect(typesOf(after)).toEqual(['MembershipBought', 'TierChanged', 'MembershipExpired', 'TierChanged']);
    expect(tierChanges(after).at(-1)).toEqual({ from: 'paidMember', to: 'regular', reason: 'membershipExpired' });
  });
  it('bought again while paid, the new year starts where the paid one ends (and the old expiry is moot)', () => {
    const { events } = drive([
      buy(88_800),
      buy(88_800, '2027-01-01T00:00:00.000Z'),
      command({ type: 'ExpireMembership', data: { customerId: C, paidUntil: '2027-03-10T02:00:00.000Z', at: '2027-03-10T02:00:00.000Z' } }),
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'MembershipBought', data: { paidFrom: '2027-03-10T02:00:00.000Z', paidUntil: '2028-03-10T02:00:00.000Z' } });
  });
});

describe('score facts recorded on the account', () => {
  it('shares, answers and charge-backs are recorded once each', () => {
    const share = command({ type: 'RecordShare', data: { customerId: C, shareId: 's1', at: MAR } });
    given(drive([share]).events).when(share).thenRejects('LOYALTY_ACTIVITY_RECORDED', ['data', 'shareId']);
    const answer = command({ type: 'RecordAnsweredQuestion', data: { customerId: C, questionId: 'q1', at: MAR } });
    given(drive([answer]).events).when(answer).thenRejects('LOYALTY_ACTIVITY_RECORDED', ['data', 'questionId']);
    const cb = command({ type: 'RecordChargeback', data: { customerId: C, chargebackId: 'cb1', at: MAR } });
    given([]).when(cb).then([{ type: 'ChargebackRecorded', data: cb.data } as LoyaltyEvent]);
    given(drive([cb]).events).when(cb).thenRejects('LOYALTY_ACTIVITY_RECORDED', ['data', 'chargebackId']);
  });
  it('family accounts: not oneself, not twice, unbound only when bound', () => {
    const bind = (id: string) => command({ type: 'BindFamilyAccount', data: { customerId: C, familyAccountId: id, at: MAR } });
    const unbind = (id: string) => command({ type: 'UnbindFamilyAccount', data: { customerId: C, familyAccountId: id, at: MAR } });
    given([]).when(bind(C)).thenRejects('LOYALTY_FAMILY_SELF', ['data', 'familyAccountId']);
    given(drive([bind('f1')]).events).when(bind('f1')).thenRejects('LOYALTY_FAMILY_BOUND', ['data', 'familyAccountId']);
    given([]).when(unbind('f1')).thenRejects('LOYALTY_FAMILY_NOT_BOUND', ['data', 'familyAccountId']);
    expect(typesOf(drive([bind('f1'), unbind('f1'), bind('f1')]).events)).toEqual(['FamilyAccountBound', 'FamilyAccountUnbound', 'FamilyAccountBound']);
  });
});
