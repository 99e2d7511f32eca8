import { absurd } from 'fp-ts/lib/function.js';
import type { IsoInstant } from '../kernel/codecs.js';
import type { Tier } from './codecs.js';
import type { LoyaltyEvent } from './events.js';
import type { Lot } from './lots.js';

/** One order's lot as the account holds it. */
export interface AccountLot extends Lot {
  readonly usableUntil: IsoInstant;
  /** The multiplier (hundredths) of the tier held at completion, kept for every recomputation. */
  readonly multiplier: number;
  /** The order's net paid the points were last computed on, and those points. */
  readonly netPaidFen: number;
  readonly credited: number;
  readonly expired: boolean;
}

/** What the loyalty decider knows of one customer. */
export interface LoyaltyAccount {
  readonly lots: Readonly<Record<string, AccountLot>>;
  readonly redemptions: Readonly<Record<string, true>>;
  /** `share:<id>`, `answer:<id>`, `chargeback:<id>` already recorded. */
  readonly activities: Readonly<Record<string, true>>;
  /** Family accounts currently bound. */
  readonly family: Readonly<Record<string, true>>;
  readonly score: { readonly month: string; readonly score: number; readonly spend12m: number; readonly clean: boolean } | null;
  readonly membership: { readonly paidUntil: IsoInstant; readonly active: boolean } | null;
  readonly keyAccount: boolean;
  /** The tier as last recorded by a `TierChanged`. */
  readonly tier: Tier;
}

export const emptyAccount = (): LoyaltyAccount => ({
  lots: {},
  redemptions: {},
  activities: {},
  family: {},
  score: null,
  membership: null,
  keyAccount: false,
  tier: 'regular',
});

const takeFrom = (lots: Readonly<Record<string, AccountLot>>, taken: readonly { orderId: string; points: number }[]): Record<string, AccountLot> => {
  const next = { ...lots };
  for (const { orderId, points } of taken) {
    const lot = next[orderId];
    if (lot) next[orderId] = { ...lot, remaining: lot.remaining - points };
  }
  return next;
};

const without = <T>(r: Readonly<Record<string, T>>, key: string): Record<string, T> => {
  const { [key]: _, ...rest } = r;
  return rest;
};

/** The account after one more fact. */
export const evolveAccount = (s: LoyaltyAccount, e: LoyaltyEvent): LoyaltyAccount => {
  switch (e.type) {
    case 'PointsEarned': {
      const d = e.data;
      const lot: AccountLot = {
        orderId: d.orderId,
        earnedAt: d.at,
        expiresAt: d.expiresAt,
        usableUntil: d.usableUntil,
        remaining: d.points,
        multiplier: d.multiplier,
        netPaidFen: d.netPaidFen,
        credited: d.points,
        expired: false,
      };
      return { ...s, lots: { ...s.lots, [d.orderId]: lot } };
    }
    case 'PointsReversed': {
      const lots = takeFrom(s.lots, e.data.taken);
      const own = lots[e.data.orderId];
      return { ...s, lots: own ? { ...lots, [e.data.orderId]: { ...own, credited: e.data.pointsAfter, netPaidFen: e.data.netPaidFen } } : lots };
    }
    case 'PointsRedeemed':
      return { ...s, lots: takeFrom(s.lots, e.data.taken), redemptions: { ...s.redemptions, [e.data.redemptionId]: true } };
    case 'PointsExpired': {
      const lot = s.lots[e.data.orderId];
      return lot ? { ...s, lots: { ...s.lots, [e.data.orderId]: { ...lot, remaining: lot.remaining - e.data.points, expired: true } } } : s;
    }
    case 'ShareRecorded':
      return { ...s, activities: { ...s.activities, [`share:${e.data.shareId}`]: true } };
    case 'AnsweredQuestionRecorded':
      return { ...s, activities: { ...s.activities, [`answer:${e.data.questionId}`]: true } };
    case 'ChargebackRecorded':
      return { ...s, activities: { ...s.activities, [`chargeback:${e.data.chargebackId}`]: true } };
    case 'FamilyAccountBound':
      return { ...s, family: { ...s.family, [e.data.familyAccountId]: true } };
    case 'FamilyAccountUnbound':
      return { ...s, family: without(s.family, e.data.familyAccountId) };
    case 'MonthlyScoreRecorded':
      return { ...s, score: { month: e.data.month, score: e.data.score, spend12m: e.data.spend12m, clean: e.data.clean } };
    case 'MembershipBought':
      return { ...s, membership: { paidUntil: e.data.paidUntil, active: true } };
    case 'MembershipExpired':
      return s.membership ? { ...s, membership: { ...s.membership, active: false } } : s;
    case 'KeyAccountInvited':
      return { ...s, keyAccount: true };
    case 'KeyAccountLapsed':
      return { ...s, keyAccount: false };
    case 'TierChanged':
      return { ...s, tier: e.data.to };
    default:
      return absurd(e);
  }
};
