import type { CrmModule } from '../crm/module.js';
import { readLoyaltyDue } from './due.js';
import { LoyaltyEvent } from './events.js';
import { defaultLoyaltyPolicy, type LoyaltyPolicy } from './policy.js';
import { loyaltyAccount } from './projections/account.js';
import { loyaltyScoreFacts } from './projections/scoreFacts.js';
import { loyaltyPointsReactor } from './reactors.js';
import { loyaltyHandlerFor } from './streams.js';

/**
 * Loyalty (points, member score, tiers) as `createCrm` assembles it, for a validated
 * policy (see `loyaltyPolicy`). Needs the orders module beside it: its completions and
 * refunds feed the points reactor, its completions, refunds and ratings the score facts.
 * Due work: lot expiry, membership expiry, the monthly score on the policy day.
 */
export const loyaltyModuleFor = (policy: LoyaltyPolicy = defaultLoyaltyPolicy): CrmModule => ({
  name: 'loyalty',
  events: [LoyaltyEvent],
  deciders: [loyaltyHandlerFor(policy)],
  projections: [loyaltyAccount, loyaltyScoreFacts],
  reactors: [loyaltyPointsReactor],
  due: (now, context) => readLoyaltyDue(now, context, policy),
});
