import * as t from 'io-ts';
import { Fen, IsoInstant, ShortText, tagged } from '../kernel/codecs.js';
import { CustomerId, OrderId } from '../shared/ids.js';
import {
  ActivityId,
  ChargebackId,
  FamilyAccountId,
  Hundredths,
  LoyaltyMonth,
  Points,
  PositivePoints,
  RedemptionId,
  Tier,
  TierChangeReason,
} from './codecs.js';

/**
 * The facts of one customer's loyalty account (stream `loyalty-<tenantId>.<customerId>`).
 * Every event names the customer, so projections need no lookup; `at` is business time.
 */

/** Points taken from one order's lot. */
export const LotTake = t.type({ orderId: OrderId, points: PositivePoints }, 'LotTake');
export type LotTake = t.TypeOf<typeof LotTake>;

const who = { customerId: CustomerId };

/** An order completed: a lot of ⌊⌊netPaidFen ÷ 100⌋ × multiplier⌋ points, kept with the multiplier used. */
export const PointsEarned = tagged('PointsEarned', {
  ...who,
  orderId: OrderId,
  netPaidFen: Fen,
  tier: Tier,
  multiplier: Hundredths,
  points: Points,
  at: IsoInstant,
  usableUntil: IsoInstant,
  expiresAt: IsoInstant,
});
/**
 * A refund after completion: points recomputed on the new net paid, the difference taken
 * (own lot first, then oldest live lots); what the balance could not cover is written off.
 */
export const PointsReversed = tagged('PointsReversed', {
  ...who,
  orderId: OrderId,
  netPaidFen: Fen,
  pointsBefore: Points,
  pointsAfter: Points,
  taken: t.array(LotTake),
  writtenOff: Points,
  at: IsoInstant,
});
export const PointsRedeemed = tagged('PointsRedeemed', { ...who, redemptionId: RedemptionId, points: PositivePoints, taken: t.array(LotTake), at: IsoInstant });
/** What was left of a lot when it expired (`at` = its expiry instant). */
export const PointsExpired = tagged('PointsExpired', { ...who, orderId: OrderId, points: PositivePoints, at: IsoInstant });

export const ShareRecorded = tagged('ShareRecorded', { ...who, shareId: ActivityId, at: IsoInstant });
export const AnsweredQuestionRecorded = tagged('AnsweredQuestionRecorded', { ...who, questionId: ActivityId, at: IsoInstant });
export const ChargebackRecorded = tagged('ChargebackRecorded', { ...who, chargebackId: ChargebackId, at: IsoInstant });
export const FamilyAccountBound = tagged('FamilyAccountBound', { ...who, familyAccountId: FamilyAccountId, at: IsoInstant });
export const FamilyAccountUnbound = tagged('FamilyAccountUnbound', { ...who, familyAccountId: FamilyAccountId, at: IsoInstant });

/** The parts of a member score (淘气值). */
export const ScoreComponents = t.type(
  { spend: Points, orderBonus: Points, rewards: Points, family: Points, base: Points },
  'ScoreComponents',
);
export type ScoreComponents = t.TypeOf<typeof ScoreComponents>;

/** The monthly score at `at` (00:00 local on the score day) over events in (windowFrom, at]. */
export const MonthlyScoreRecorded = tagged('MonthlyScoreRecorded', {
  ...who,
  month: LoyaltyMonth,
  at: IsoInstant,
  windowFrom: IsoInstant,
  score: Points,
  components: ScoreComponents,
  /** Net paid (fen) of the orders completed in the window, as of `at`. */
  spend12m: Fen,
  /** No bad rating received as a buyer and no charge-back dated in the window. */
  clean: t.boolean,
});
export const MembershipBought = tagged('MembershipBought', {
  ...who,
  pricePaidFen: Fen,
  scoreAtPurchase: t.union([Points, t.null]),
  paidFrom: IsoInstant,
  paidUntil: IsoInstant,
  at: IsoInstant,
});
export const MembershipExpired = tagged('MembershipExpired', { ...who, paidUntil: IsoInstant, at: IsoInstant });
export const KeyAccountInvited = tagged('KeyAccountInvited', { ...who, score: Points, spend12m: Fen, at: IsoInstant });
export const KeyAccountLapsed = tagged('KeyAccountLapsed', { ...who, month: LoyaltyMonth, score: Points, spend12m: Fen, clean: t.boolean, at: IsoInstant });
export const TierChanged = tagged('TierChanged', { ...who, from: Tier, to: Tier, reason: TierChangeReason, detail: ShortText, at: IsoInstant });

export const LoyaltyEvent = t.union([
  PointsEarned,
  PointsReversed,
  PointsRedeemed,
  PointsExpired,
  ShareRecorded,
  AnsweredQuestionRecorded,
  ChargebackRecorded,
  FamilyAccountBound,
  FamilyAccountUnbound,
  MonthlyScoreRecorded,
  MembershipBought,
  MembershipExpired,
  KeyAccountInvited,
  KeyAccountLapsed,
  TierChanged,
]);
export type LoyaltyEvent = t.TypeOf<typeof LoyaltyEvent>;
export type LoyaltyEventType = LoyaltyEvent['type'];
