import type { ReadModelStore } from '../kernel/readModelStore.js';
import { defaultSalesPolicy, type SalesPolicy } from './policy.js';
import { opportunityBook, readOpportunities, type OpportunityDoc } from './projections/opportunity.js';
import { territoryBook, type TerritoryBookDoc } from './territories/book.js';
import { forecastOf, pipelineOf, salesCycleOf, stageAgeingOf, winRateOf } from './reports.js';

/**
 * The sales read functions for the read API: each reads one shop's `sales.opportunity`
 * documents (caught up by the caller) and computes its report.
 */
export const salesReads = (readModels: ReadModelStore, policy: SalesPolicy = defaultSalesPolicy) => ({
  opportunity: (tenantId: string, opportunityId: string) => readModels.get<OpportunityDoc>(opportunityBook.name, tenantId, opportunityId),
  pipeline: async (tenantId: string) => pipelineOf(await readOpportunities(readModels, tenantId)),
  forecast: async (tenantId: string) => forecastOf(await readOpportunities(readModels, tenantId)),
  winRate: async (tenantId: string) => winRateOf(await readOpportunities(readModels, tenantId)),
  salesCycle: async (tenantId: string) => salesCycleOf(await readOpportunities(readModels, tenantId), policy.timeZone),
  stageAgeing: async (tenantId: string, asOf: string) => stageAgeingOf(await readOpportunities(readModels, tenantId), asOf, policy.timeZone),
  /** A territory's book: criteria, reps in turn and the items it holds. */
  territoryBook: (tenantId: string, territoryId: string) => readModels.get<TerritoryBookDoc>(territoryBook.name, tenantId, territoryId),
  /** A customer 360 section: the customer's opportunities, newest first. */
  forCustomer: async (tenantId: string, customerId: string) =>
    (await readOpportunities(readModels, tenantId)).filter((d) => d.customerId === customerId).sort((a, b) => (a.openedAt > b.openedAt ? -1 : a.openedAt < b.openedAt ? 1 : 0)),
});
