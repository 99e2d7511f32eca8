import * as t from 'io-ts';
import { Fen, IsoInstant, tagged } from '../kernel/codecs.js';
import { CustomerId, OrderId } from '../shared/ids.js';
import { ActivityId, ChargebackId, FamilyAccountId, PositivePoints, RedemptionId } from './codecs.js';
import { MonthlyScoreRecorded } from './events.js';

/** Commands of the loyalty account. Time and ids come on the command. */

const who = { customerId: CustomerId };

/** Sent by the reactor on `OrderCompleted`. */
export const EarnPoints = tagged('EarnPoints', { ...who, orderId: OrderId, netPaidFen: Fen, at: IsoInstant });
/** Sent by the reactor on `OrderRefunded` of a completed order: `netPaidFen` is the order's net paid after it. */
export const ReversePoints = tagged('ReversePoints', { ...who, orderId: OrderId, netPaidFen: Fen, at: IsoInstant });
export const RedeemPoints = tagged('RedeemPoints', { ...who, redemptionId: RedemptionId, points: PositivePoints, at: IsoInstant });
/** Due work: the lot of `orderId` has reached its expiry instant `at`. */
export const ExpirePoints = tagged('ExpirePoints', { ...who, orderId: OrderId, at: IsoInstant });
export const RecordShare = tagged('RecordShare', { ...who, shareId: ActivityId, at: IsoInstant });
export const RecordAnsweredQuestion = tagged('RecordAnsweredQuestion', { ...who, questionId: ActivityId, at: IsoInstant });
export const RecordChargeback = tagged('RecordChargeback', { ...who, chargebackId: ChargebackId, at: IsoInstant });
export const BindFamilyAccount = tagged('BindFamilyAccount', { ...who, familyAccountId: FamilyAccountId, at: IsoInstant });
export const UnbindFamilyAccount = tagged('UnbindFamilyAccount', { ...who, familyAccountId: FamilyAccountId, at: IsoInstant });
/** Due work on the score day: the score computed by `memberScoreAt` with its components. */
export const RecordMonthlyScore = tagged('RecordMonthlyScore', MonthlyScoreRecorded.props.data.props);
/** 88VIP: `pricePaidFen` must be the price for the latest score (88 or 888 CNY by default). */
export const BuyMembership = tagged('BuyMembership', { ...who, pricePaidFen: Fen, at: IsoInstant });
/** Due work: the membership paid until `paidUntil` has run out. */
export const ExpireMembership = tagged('ExpireMembership', { ...who, paidUntil: IsoInstant, at: IsoInstant });
/** APASS: refused unless the latest score, 12-month spend and record qualify. */
export const InviteKeyAccount = tagged('InviteKeyAccount', { ...who, at: IsoInstant });

export const LoyaltyCommand = t.union([
  EarnPoints,
  ReversePoints,
  RedeemPoints,
  ExpirePoints,
  RecordShare,
  RecordAnsweredQuestion,
  RecordChargeback,
  BindFamilyAccount,
  UnbindFamilyAccount,
  RecordMonthlyScore,
  BuyMembership,
  ExpireMembership,
  InviteKeyAccount,
]);
export type LoyaltyCommand = t.TypeOf<typeof LoyaltyCommand>;
export type LoyaltyCommandType = LoyaltyCommand['type'];
