import type { CrmModule } from '../crm/module.js';
import { ServiceCustomerEvent } from './conversions/events.js';
import { inquiryConversionReactor } from './conversions/reactor.js';
import { serviceCustomerHandler } from './conversions/streams.js';
import { InquiryEvent } from './inquiries/events.js';
import { inquiryHandler } from './inquiries/streams.js';
import { defaultServicePolicy, type ServicePolicy } from './policy.js';
import { agentKpiProjectionFor } from './projections/agentKpi.js';
import { shopServiceSummaryProjectionFor } from './projections/shopServiceSummary.js';

/**
 * The service context as `createCrm` assembles it, for a policy. Its KPI projections also
 * read complaint events: assemble it with the complaints module. The host sends
 * `RecordCustomerPayment` when an order is paid.
 */
export const serviceModuleFor = (policy: ServicePolicy = defaultServicePolicy): CrmModule => ({
  name: 'service',
  events: [InquiryEvent, ServiceCustomerEvent],
  deciders: [inquiryHandler, serviceCustomerHandler(policy)],
  projections: [agentKpiProjectionFor(policy), shopServiceSummaryProjectionFor(policy)],
  reactors: [inquiryConversionReactor],
});

/** The service context with the default policy. */
export const serviceModule: CrmModule = serviceModuleFor();
