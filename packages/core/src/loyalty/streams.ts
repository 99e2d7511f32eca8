import type { CommandHandlerDefinition } from '../kernel/commandHandler.js';
import type { DomainError } from '../kernel/errors.js';
import { streamName } from '../kernel/streams.js';
import { LoyaltyCommand } from './commands.js';
import { loyaltyDeciderFor } from './decider.js';
import type { LoyaltyEvent } from './events.js';
import type { LoyaltyPolicy } from './policy.js';
import type { LoyaltyAccount } from './state.js';

/** Stream category of loyalty accounts: `loyalty-<tenantId>.<customerId>`. */
export const LOYALTY_CATEGORY = 'loyalty';

/** The loyalty stream of one customer. */
export const loyaltyStream = (tenantId: string, customerId: string): string => streamName(LOYALTY_CATEGORY, tenantId, customerId);

/** Every loyalty command goes to its customer's account stream. */
export const loyaltyHandlerFor = (
  policy: LoyaltyPolicy,
): CommandHandlerDefinition<LoyaltyAccount, LoyaltyCommand, LoyaltyEvent> => ({
  name: 'loyalty.account',
  commands: LoyaltyCommand,
  decider: loyaltyDeciderFor(policy),
  streamOf: (c, tenantId) => loyaltyStream(tenantId, c.data.customerId),
});
