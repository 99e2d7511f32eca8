import type { CrmModule } from '../crm/module.js';
import { OpportunityEvent } from './events.js';
import { defaultSalesPolicy, type SalesPolicy } from './policy.js';
import { opportunityBook } from './projections/opportunity.js';
import { opportunityHandlerFor } from './streams.js';

/**
 * The sales context as `createCrm` assembles it, for a policy: opportunities with the
 * policy's stage probabilities and the `sales.opportunity` projection the reports read.
 * Open from a lead with `openOpportunityFromLead`. No due work.
 */
export const salesModuleFor = (policy: SalesPolicy = defaultSalesPolicy): CrmModule => ({
  name: 'sales',
  events: [OpportunityEvent],
  deciders: [opportunityHandlerFor(policy)],
  projections: [opportunityBook],
});

/** The sales context with the default policy. */
export const salesModule: CrmModule = salesModuleFor();
