import type * as t from 'io-ts';
import type { CommandHandlerDefinition } from '../kernel/commandHandler.js';
import { streamName } from '../kernel/streams.js';
import { OpportunityCommand } from './commands.js';
import { opportunityDeciderFor, type Opportunity } from './decider.js';
import type { OpportunityEvent } from './events.js';
import { defaultSalesPolicy, type SalesPolicy } from './policy.js';

/** `opportunity-<tenant>.<opportunityId>`: one opportunity's life. */
export const OPPORTUNITY_CATEGORY = 'opportunity';
export const opportunityStream = (tenantId: string, opportunityId: string): string => streamName(OPPORTUNITY_CATEGORY, tenantId, opportunityId);

/** The opportunity aggregate for the command bus, with the policy's stage probabilities. */
export const opportunityHandlerFor = (
  policy: SalesPolicy = defaultSalesPolicy,
): CommandHandlerDefinition<Opportunity, OpportunityCommand, OpportunityEvent, t.OutputOf<typeof OpportunityCommand>> => ({
  name: 'sales.opportunity',
  commands: OpportunityCommand,
  decider: opportunityDeciderFor(policy.stageProbabilities),
  streamOf: (c, tenantId) => opportunityStream(tenantId, c.data.opportunityId),
});
