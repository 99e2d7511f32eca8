import type { IsoInstant } from '../../kernel/codecs.js';
import type { Projection } from '../../kernel/projection.js';
import type { Tier, TierChangeReason, ValueClass } from '../codecs.js';
import { LoyaltyEvent, type ScoreComponents } from '../events.js';
import { byAge } from '../lots.js';
import { valueClassOf } from '../tiers.js';

/** A lot still holding points. */
export interface AccountViewLot {
  readonly orderId: string;
  readonly earnedAt: IsoInstant;
  /** Points the lot was earned with, and what is left of them. */
  readonly points: number;
  readonly remaining: number;
  readonly tier: Tier;
  readonly multiplier: number;
  readonly usableUntil: IsoInstant;
  readonly expiresAt: IsoInstant;
}

/** One movement of points, for `explainPoints`. */
export type PointsEntry =
  | { readonly kind: 'earned'; readonly orderId: string; readonly points: number; readonly netPaidFen: number; readonly tier: Tier; readonly multiplier: number; readonly at: IsoInstant }
  | {
      readonly kind: 'reversed';
      readonly orderId: string;
      readonly netPaidFen: number;
      readonly pointsBefore: number;
      readonly pointsAfter: number;
      readonly taken: readonly { readonly orderId: string; readonly points: number }[];
      readonly writtenOff: number;
      readonly at: IsoInstant;
    }
  | { readonly kind: 'redeemed'; readonly redemptionId: string; readonly points: number; readonly taken: readonly { readonly orderId: string; readonly points: number }[]; readonly at: IsoInstant }
  | { readonly kind: 'expired'; readonly orderId: string; readonly points: number; readonly at: IsoInstant };

/** The `loyalty.account` document of one customer. */
export interface LoyaltyAccountView {
  readonly customerId: string;
  /** Σ remaining of the lots not yet expired by due work. */
  readonly balance: number;
  /** Lots holding points, oldest earned first (ties by order id). */
  readonly lots: readonly AccountViewLot[];
  /** The earliest `expiresAt` of the lots, `null` without lots: due work finds the accounts to expire without walking every lot. */
  readonly nextExpiresAt: IsoInstant | null;
  readonly tier: Tier;
  readonly valueClass: ValueClass;
  readonly score: {
    readonly month: string;
    readonly at: IsoInstant;
    readonly windowFrom: IsoInstant;
    readonly score: number;
    readonly components: ScoreComponents;
    readonly spend12m: number;
    readonly clean: boolean;
  } | null;
  readonly membership: { readonly paidFrom: IsoInstant; readonly paidUntil: IsoInstant; readonly active: boolean } | null;
  readonly keyAccount: boolean;
  readonly tierHistory: readonly { readonly from: Tier; readonly to: Tier; readonly reason: TierChangeReason; readonly detail: string; readonly at: IsoInstant }[];
  /** Points taken out by reversals are `reversed`; what they could not take is `writtenOff` (not in the balance). */
  readonly totals: { readonly earned: number; readonly redeemed: number; readonly expired: number; readonly reversed: number; readonly writtenOff: number };
  readonly entries: readonly PointsEntry[];
}

const emptyView = (): LoyaltyAccountView => ({
  customerId: '',
  balance: 0,
  lots: [],
  nextExpiresAt: null,
  tier: 'regular',
  valueClass: 'ordinary',
  score: null,
  membership: null,
  keyAccount: false,
  tierHistory: [],
  totals: { earned: 0, redeemed: 0, expired: 0, reversed: 0, writtenOff: 0 },
  entries: [],
});

const sum = (taken: readonly { points: number }[]): number => taken.reduce((s, t) => s + t.points, 0);

/** The lots after taking points out; a lot left empty drops out of the list. */
const takeOut = (lots: readonly AccountViewLot[], taken: readonly { orderId: string; points: number }[]): AccountViewLot[] => {
  const by = new Map<string, number>();
  for (const t of taken) by.set(t.orderId, (by.get(t.orderId) ?? 0) + t.points);
  return lots.map((l) => (by.has(l.orderId) ? { ...l, remaining: l.remaining - by.get(l.orderId)! } : l)).filter((l) => l.remaining > 0);
};

/** The lots with what follows from them: the balance and the next expiry. */
const withLots = (lots: readonly AccountViewLot[]): Pick<LoyaltyAccountView, 'lots' | 'balance' | 'nextExpiresAt'> => {
  let balance = 0;
  let nextExpiresAt: IsoInstant | null = null;
  for (const l of lots) {
    balance += l.remaining;
    if (nextExpiresAt === null || l.expiresAt < nextExpiresAt) nextExpiresAt = l.expiresAt;
  }
  return { lots, balance, nextExpiresAt };
};

/**
 * `loyalty.account`: balance and live lots with expiry, tier and value class, the latest
 * score with its components, the tier history, and every points movement.
 */
export const loyaltyAccount: Projection<LoyaltyAccountView, LoyaltyEvent> = {
  name: 'loyalty.account',
  // 2: nextExpiresAt
  version: 2,
  events: LoyaltyEvent,
  init: emptyView,
  keyOf: (e) => e.data.customerId,
  apply: (v0, e) => {
    const v: LoyaltyAccountView = v0.customerId === '' ? { ...v0, customerId: e.data.customerId } : v0;
    const t = v.totals;
    switch (e.type) {
      case 'PointsEarned': {
        const d = e.data;
        const entry: PointsEntry = { kind: 'earned', orderId: d.orderId, points: d.points, netPaidFen: d.netPaidFen, tier: d.tier, multiplier: d.multiplier, at: d.at };
        const lot: AccountViewLot = { orderId: d.orderId, earnedAt: d.at, points: d.points, remaining: d.points, tier: d.tier, multiplier: d.multiplier, usableUntil: d.usableUntil, expiresAt: d.expiresAt };
        const lots = d.points > 0 ? [...v.lots, lot].sort(byAge) : v.lots;
        return { ...v, ...withLots(lots), totals: { ...t, earned: t.earned + d.points }, entries: [...v.entries, entry] };
      }
      case 'PointsReversed': {
        const d = e.data;
        const lots = takeOut(v.lots, d.taken);
        const entry: PointsEntry = { kind: 'reversed', orderId: d.orderId, netPaidFen: d.netPaidFen, pointsBefore: d.pointsBefore, pointsAfter: d.pointsAfter, taken: d.taken, writtenOff: d.writtenOff, at: d.at };
        return { ...v, ...withLots(lots), totals: { ...t, reversed: t.reversed + sum(d.taken), writtenOff: t.writtenOff + d.writtenOff }, entries: [...v.entries, entry] };
      }
      case 'PointsRedeemed': {
        const d = e.data;
        const lots = takeOut(v.lots, d.taken);
        const entry: PointsEntry = { kind: 'redeemed', redemptionId: d.redemptionId, points: d.points, taken: d.taken, at: d.at };
        return { ...v, ...withLots(lots), totals: { ...t, redeemed: t.redeemed + d.points }, entries: [...v.entries, entry] };
      }
      case 'PointsExpired': {
        const d = e.data;
        const lots = takeOut(v.lots, [{ orderId: d.orderId, points: d.points }]);
        const entry: PointsEntry = { kind: 'expired', orderId: d.orderId, points: d.points, at: d.at };
        return { ...v, ...withLots(lots), totals: { ...t, expired: t.expired + d.points }, entries: [...v.entries, entry] };
      }
      case 'MonthlyScoreRecorded': {
        const { customerId: _, ...score } = e.data;
        return { ...v, score };
      }
      case 'MembershipBought':
        return { ...v, membership: { paidFrom: e.data.paidFrom, paidUntil: e.data.paidUntil, active: true } };
      case 'MembershipExpired':
        return v.membership ? { ...v, membership: { ...v.membership, active: false } } : v;
      case 'KeyAccountInvited':
        return { ...v, keyAccount: true };
      case 'KeyAccountLapsed':
        return { ...v, keyAccount: false };
      case 'TierChanged': {
        const { customerId: _, ...change } = e.data;
        return { ...v, tier: change.to, valueClass: valueClassOf(change.to), tierHistory: [...v.tierHistory, change] };
      }
      default:
        return v; // shares, answers, charge-backs, family accounts: see loyalty.scoreFacts
    }
  },
};
