import type * as t from 'io-ts';
import type { CommandHandlerDefinition } from '../kernel/commandHandler.js';
import { streamName } from '../kernel/streams.js';
import { PayoutCommand, ReferralNetworkCommand } from './commands.js';
import type { PayoutEvent, ReferralNetworkEvent } from './events.js';
import { makeReferralNetworkDecider, type ReferralNetwork } from './network.js';
import { makePayoutDecider, type Payouts } from './payout.js';
import type { ReferralPolicy } from './policy.js';

/**
 * `referral_network-<tenant>.network`: one stream per shop, so the cycle check and the
 * uplines of a commission always see the whole tree (joins and commissions are few
 * next to orders; the handler keeps the folded network cached).
 */
export const REFERRAL_NETWORK_CATEGORY = 'referral_network';
export const referralNetworkStream = (tenantId: string): string => streamName(REFERRAL_NETWORK_CATEGORY, tenantId, 'network');

/** `referral_payout-<tenant>.<beneficiaryId>`: one beneficiary's statements. */
export const REFERRAL_PAYOUT_CATEGORY = 'referral_payout';
export const referralPayoutStream = (tenantId: string, beneficiaryId: string): string => streamName(REFERRAL_PAYOUT_CATEGORY, tenantId, beneficiaryId);

/** The network aggregate for the command bus. */
export const referralNetworkHandler = (
  policy: ReferralPolicy,
): CommandHandlerDefinition<ReferralNetwork, ReferralNetworkCommand, ReferralNetworkEvent, t.OutputOf<typeof ReferralNetworkCommand>> => ({
  name: 'referrals.network',
  commands: ReferralNetworkCommand,
  decider: makeReferralNetworkDecider(policy),
  streamOf: (_, tenantId) => referralNetworkStream(tenantId),
});

/** The payout aggregate for the command bus. */
export const referralPayoutHandler = (
  policy: ReferralPolicy,
): CommandHandlerDefinition<Payouts, PayoutCommand, PayoutEvent, t.OutputOf<typeof PayoutCommand>> => ({
  name: 'referrals.payout',
  commands: PayoutCommand,
  decider: makePayoutDecider(policy),
  streamOf: (c, tenantId) => referralPayoutStream(tenantId, c.data.beneficiaryId),
});
