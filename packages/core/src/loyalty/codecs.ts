import * as t from 'io-ts';
import { idCodec } from '../kernel/codecs.js';

/** Small codecs of the loyalty context: points, hundredths, tiers, local months. */

export interface PointsBrand {
  readonly Points: unique symbol;
}
/** A whole number of points ≥ 0 (a safe integer). */
export const Points = t.brand(t.number, (n): n is t.Branded<number, PointsBrand> => Number.isSafeInteger(n) && n >= 0, 'Points');
export type Points = t.TypeOf<typeof Points>;

export interface PositivePointsBrand {
  readonly PositivePoints: unique symbol;
}
/** At least one point (a redemption of nothing is no redemption). */
export const PositivePoints = t.brand(
  t.number,
  (n): n is t.Branded<number, PositivePointsBrand> => Number.isSafeInteger(n) && n >= 1,
  'PositivePoints',
);
export type PositivePoints = t.TypeOf<typeof PositivePoints>;

export interface HundredthsBrand {
  readonly Hundredths: unique symbol;
}
/** A decimal with two places as integer hundredths, 0–100,000 (150 = ×1.5, 95 = 95%): no floats. */
export const Hundredths = t.brand(
  t.number,
  (n): n is t.Branded<number, HundredthsBrand> => Number.isSafeInteger(n) && n >= 0 && n <= 100_000,
  'Hundredths',
);
export type Hundredths = t.TypeOf<typeof Hundredths>;

/** A member score (淘气值): a whole number ≥ 0. */
export const Score = Points;

/** 普通会员 / 超级会员 / 88VIP / APASS. */
export const Tier = t.keyof({ regular: null, super: null, paidMember: null, keyAccount: null }, 'Tier');
export type Tier = t.TypeOf<typeof Tier>;
export const TIERS: readonly Tier[] = ['regular', 'super', 'paidMember', 'keyAccount'];

/** 关键客户 / 重要客户 / 普通客户. */
export const ValueClass = t.keyof({ key: null, important: null, ordinary: null }, 'ValueClass');
export type ValueClass = t.TypeOf<typeof ValueClass>;

/** Why a tier changed. */
export const TierChangeReason = t.keyof(
  { monthlyScore: null, membershipBought: null, membershipExpired: null, keyAccountInvited: null, keyAccountLapsed: null },
  'TierChangeReason',
);
export type TierChangeReason = t.TypeOf<typeof TierChangeReason>;

export interface LoyaltyMonthBrand {
  readonly LoyaltyMonth: unique symbol;
}
/** A local calendar month, `YYYY-MM`. */
export const LoyaltyMonth = t.brand(
  t.string,
  (s): s is t.Branded<string, LoyaltyMonthBrand> => /^\d{4}-(0[1-9]|1[0-2])$/.test(s),
  'LoyaltyMonth',
);
export type LoyaltyMonth = t.TypeOf<typeof LoyaltyMonth>;

/** A redemption, named by the caller so the ledger can point at it. */
export const RedemptionId = idCodec('RedemptionId');
export type RedemptionId = t.TypeOf<typeof RedemptionId>;
/** A share (分享) or an answered question (问大家), named by the caller. */
export const ActivityId = idCodec('ActivityId');
export type ActivityId = t.TypeOf<typeof ActivityId>;
/** A charge-back (拒付), named by the caller. */
export const ChargebackId = idCodec('ChargebackId');
export type ChargebackId = t.TypeOf<typeof ChargebackId>;
/** A family account (亲情账号): another customer's id. */
export const FamilyAccountId = idCodec('FamilyAccountId');
export type FamilyAccountId = t.TypeOf<typeof FamilyAccountId>;
