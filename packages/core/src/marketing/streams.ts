import type { CommandHandlerDefinition } from '../kernel/commandHandler.js';
import { streamName } from '../kernel/streams.js';
import type { MarketingCap } from './cap.js';
import { MarketingCommand } from './commands.js';
import { makeMarketingDecider, type MarketingContact } from './decider.js';
import type { MarketingEvent } from './events.js';
import { defaultMarketingPolicy } from './policy.js';

/** Stream category of marketing contacts: `marketing-<tenantId>.<customerId>`. */
export const MARKETING_CATEGORY = 'marketing';
export const marketingStream = (tenantId: string, customerId: string): string => streamName(MARKETING_CATEGORY, tenantId, customerId);

/** Where marketing commands go: one stream per customer, decided with the shop's cap. */
export const marketingHandler = (cap: MarketingCap = defaultMarketingPolicy): CommandHandlerDefinition<MarketingContact, MarketingCommand, MarketingEvent, unknown> => ({
  name: 'marketing.contact',
  commands: MarketingCommand,
  decider: makeMarketingDecider(cap),
  streamOf: (c, tenantId) => marketingStream(tenantId, c.data.customerId),
});
