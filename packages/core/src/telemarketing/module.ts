import type { CrmModule } from '../crm/module.js';
import { TelemarketingEvent } from './events.js';
import { defaultTelemarketingPolicy, type TelemarketingPolicy } from './policy.js';
import { customerCalls } from './projections/customerCalls.js';
import { callListProgress } from './projections/listProgress.js';
import { callListHandlerFor } from './streams.js';

/**
 * The telemarketing context (电话营销) as `createCrm` assembles it, for a policy: one stream
 * per call list, the `telemarketing.listProgress` projection and the per-customer
 * `telemarketing.customerCalls` (which also reads the orders' `OrderPaid`; conversions
 * are counted when read, with the policy's window). Build lists with `buildCallList` and record calls with `recordCall`
 * (consent read fresh each time; a callback books a call activity, "do not call"
 * withdraws phone consent). No due work.
 */
export const telemarketingModuleFor = (policy: TelemarketingPolicy = defaultTelemarketingPolicy): CrmModule => ({
  name: 'telemarketing',
  events: [TelemarketingEvent],
  deciders: [callListHandlerFor(policy)],
  projections: [callListProgress, customerCalls],
});

/** The telemarketing context with the default policy (conversion within 7 × 24 h). */
export const telemarketingModule: CrmModule = telemarketingModuleFor();
