import type { CrmModule } from '../crm/module.js';
import { OpportunityEvent } from './events.js';
import { defaultSalesPolicy, type SalesPolicy } from './policy.js';
import { opportunityBook } from './projections/opportunity.js';
import { opportunityHandlerFor } from './streams.js';
import { territoryBook } from './territories/book.js';
import { TerritoryEvent } from './territories/events.js';
import { territoryHandler } from './territories/streams.js';

/**
 * The sales context as `createCrm` assembles it, for a policy: opportunities with the
 * policy's stage probabilities and the `sales.opportunity` projection the reports read;
 * territories with the `sales.territoryBook` projection. Open from a lead with
 * `openOpportunityFromLead`; hand items out with `assignToTerritory`; redefine with
 * `redefineTerritory`. No due work.
 */
export const salesModuleFor = (policy: SalesPolicy = defaultSalesPolicy): CrmModule => ({
  name: 'sales',
  events: [OpportunityEvent, TerritoryEvent],
  deciders: [opportunityHandlerFor(policy), territoryHandler],
  projections: [opportunityBook, territoryBook],
});

/** The sales context with the default policy. */
export const salesModule: CrmModule = salesModuleFor();
