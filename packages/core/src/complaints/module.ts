import type { CrmModule } from '../crm/module.js';
import { ComplaintEvent } from './events.js';
import { dueComplaintWork } from './due.js';
import { defaultComplaintPolicy, type ComplaintPolicy } from './policy.js';
import { complaintDetailProjection, type ComplaintDetail } from './projections/complaintDetail.js';
import { complaintHandler } from './streams.js';

/** The complaints context as `createCrm` assembles it, for a policy. Due work: SLA breaches. */
export const complaintsModuleFor = (policy: ComplaintPolicy = defaultComplaintPolicy): CrmModule => ({
  name: 'complaints',
  events: [ComplaintEvent],
  deciders: [complaintHandler(policy)],
  projections: [complaintDetailProjection],
  due: async (now, { tenantId, readModels }) => {
    const open: ComplaintDetail[] = [];
    for await (const d of readModels.query<ComplaintDetail>(complaintDetailProjection.name, tenantId, { where: { open: true } })) open.push(d);
    return dueComplaintWork(now, open);
  },
});

/** The complaints context with the default policy. */
export const complaintsModule: CrmModule = complaintsModuleFor();
