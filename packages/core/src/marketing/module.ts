import type { CrmModule } from '../crm/module.js';
import { MarketingEvent } from './events.js';
import { defaultMarketingPolicy, type MarketingPolicy } from './policy.js';
import { makeMarketingContacts } from './projections/contacts.js';
import { marketingHandler } from './streams.js';

/**
 * The marketing context as `createCrm` assembles it, for a policy: the per-customer
 * contact stream with consent and the cap, and the `marketing.contacts` projection. Send
 * messages with `sendMarketingMessage({ handle, eventStore }, input)`; care greetings are
 * read with `readGreetingsDue`. No due work.
 */
export const marketingModuleFor = (policy: MarketingPolicy = defaultMarketingPolicy): CrmModule => ({
  name: 'marketing',
  events: [MarketingEvent],
  deciders: [marketingHandler(policy)],
  projections: [makeMarketingContacts(policy)],
});

/** The marketing context with the default policy (4 messages per 30 days). */
export const marketingModule: CrmModule = marketingModuleFor();
