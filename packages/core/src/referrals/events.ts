import * as t from 'io-ts';
import { Fen, IsoInstant, tagged } from '../kernel/codecs.js';
import { CustomerId, OrderId } from '../shared/ids.js';
import { Month, nullable, ReferralLevel, SignedFen } from './codecs.js';
import { BasisPoints } from './policy.js';

/**
 * Facts of the shop's referral network (stream `referral_network-<tenant>.network`) and of
 * each beneficiary's payouts (stream `referral_payout-<tenant>.<beneficiaryId>`).
 */

/**
 * A registered customer joined the network, with the referrer given at registration (or
 * none). `upline` = the referrer, its referrer, ... up to 3 (nearest first).
 */
export const ReferralNetworkJoined = tagged('ReferralNetworkJoined', {
  customerId: CustomerId,
  referrerId: nullable(CustomerId),
  upline: t.array(CustomerId),
  at: IsoInstant,
});

/**
 * 佣金: one level's commission on a completed order. `amount` = ⌊base × rate⌋ where base is
 * the net paid (`net`) for level 1 and level 1's commission for the others.
 */
export const ReferralCommissionEarned = tagged('ReferralCommissionEarned', {
  orderId: OrderId,
  buyerId: CustomerId,
  level: ReferralLevel,
  beneficiaryId: CustomerId,
  net: Fen,
  base: Fen,
  rate: BasisPoints,
  amount: Fen,
  /** The statement month (policy zone) of the completion. */
  month: Month,
  at: IsoInstant,
});

/**
 * A refund after completion lowered the net paid from `netBefore` to `net`: the level's
 * commission is recomputed (`commissionAfter`) and `amount` = before − after is taken back.
 */
export const ReferralCommissionClawedBack = tagged('ReferralCommissionClawedBack', {
  orderId: OrderId,
  buyerId: CustomerId,
  level: ReferralLevel,
  beneficiaryId: CustomerId,
  netBefore: Fen,
  net: Fen,
  base: Fen,
  rate: BasisPoints,
  commissionBefore: Fen,
  commissionAfter: Fen,
  amount: Fen,
  /** The statement month (policy zone) of the refund. */
  month: Month,
  at: IsoInstant,
});

/** One beneficiary's payout statement for one month, with its arithmetic (DOMAIN §10, §11). */
export const PayoutStatementIssued = tagged('PayoutStatementIssued', {
  beneficiaryId: CustomerId,
  month: Month,
  commissions: Fen,
  clawbacks: Fen,
  carriedIn: SignedFen,
  gross: SignedFen,
  tax: Fen,
  fee: Fen,
  retained: Fen,
  paidOut: Fen,
  carriedOut: SignedFen,
  at: IsoInstant,
});

export const ReferralNetworkEvent = t.union([ReferralNetworkJoined, ReferralCommissionEarned, ReferralCommissionClawedBack]);
export type ReferralNetworkEvent = t.TypeOf<typeof ReferralNetworkEvent>;

export const PayoutEvent = PayoutStatementIssued;
export type PayoutEvent = t.TypeOf<typeof PayoutStatementIssued>;

export const ReferralEvent = t.union([ReferralNetworkJoined, ReferralCommissionEarned, ReferralCommissionClawedBack, PayoutStatementIssued]);
export type ReferralEvent = t.TypeOf<typeof ReferralEvent>;
