import * as t from 'io-ts';
import { Fen, IsoInstant, tagged } from '../kernel/codecs.js';
import { CustomerId, OrderId } from '../shared/ids.js';
import { Month, nullable } from './codecs.js';

/** A customer registered (with the referrer given at registration, or none): sent by the reactor. */
export const JoinReferralNetwork = tagged('JoinReferralNetwork', { customerId: CustomerId, referrerId: nullable(CustomerId), at: IsoInstant });
/** An order completed with this net paid (after coupon, minus refunds so far): sent by the reactor. */
export const EarnReferralCommissions = tagged('EarnReferralCommissions', { orderId: OrderId, customerId: CustomerId, netPaid: Fen, at: IsoInstant });
/** A completed order was refunded down to this net paid: sent by the reactor. */
export const ClawBackReferralCommissions = tagged('ClawBackReferralCommissions', { orderId: OrderId, customerId: CustomerId, netPaid: Fen, at: IsoInstant });

export const ReferralNetworkCommand = t.union([JoinReferralNetwork, EarnReferralCommissions, ClawBackReferralCommissions]);
export type ReferralNetworkCommand = t.TypeOf<typeof ReferralNetworkCommand>;

/**
 * Issue one beneficiary's statement for a month: the commissions and clawbacks it covers
 * come from the ledger (due work at month end); the carried deficit and the deductions
 * are the payout aggregate's.
 */
export const IssuePayoutStatement = tagged('IssuePayoutStatement', {
  beneficiaryId: CustomerId,
  month: Month,
  commissions: Fen,
  clawbacks: Fen,
  at: IsoInstant,
});
export const PayoutCommand = IssuePayoutStatement;
export type PayoutCommand = t.TypeOf<typeof IssuePayoutStatement>;
