import type { CrmModule } from '../crm/module.js';
import { readDuePayoutStatements } from './due.js';
import { ReferralEvent } from './events.js';
import { defaultReferralPolicy, type ReferralPolicy } from './policy.js';
import { commissionLedger } from './projections/commissionLedger.js';
import { referralTree } from './projections/referralTree.js';
import { referralsReactor } from './reactors.js';
import { referralNetworkHandler, referralPayoutHandler } from './streams.js';

/**
 * Referrals (三级分销) as `createCrm` assembles them, for a validated policy (see
 * `referralPolicy`): the network and payout aggregates, the tree and ledger projections,
 * the reactor from registrations and orders, and the month-end statements as due work.
 * Needs the customers and orders modules beside it (their events feed the reactor).
 */
export const referralsModuleFor = (policy: ReferralPolicy = defaultReferralPolicy): CrmModule => ({
  name: 'referrals',
  events: [ReferralEvent],
  deciders: [referralNetworkHandler(policy), referralPayoutHandler(policy)],
  projections: [referralTree, commissionLedger],
  reactors: [referralsReactor],
  due: (now, context) => readDuePayoutStatements(now, context, policy.timeZone),
});
