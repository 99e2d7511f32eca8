import { streamName } from '../kernel/streams.js';
import type { CommandHandlerDefinition } from '../kernel/commandHandler.js';
import { ComplaintCommand } from './commands.js';
import { complaintDecider, type Complaint } from './decider.js';
import type { ComplaintEvent } from './events.js';
import { defaultComplaintPolicy, type ComplaintPolicy } from './policy.js';

/** Stream category of complaints: `complaint-<tenantId>.<complaintId>`. */
export const COMPLAINT_CATEGORY = 'complaint';
export const complaintStream = (tenantId: string, complaintId: string): string => streamName(COMPLAINT_CATEGORY, tenantId, complaintId);

/** Where complaint commands go, decided with the given policy. */
export const complaintHandler = (
  policy: ComplaintPolicy = defaultComplaintPolicy,
): CommandHandlerDefinition<Complaint, ComplaintCommand, ComplaintEvent, unknown> => ({
  name: 'complaints.complaint',
  commands: ComplaintCommand,
  decider: complaintDecider(policy),
  streamOf: (c, tenantId) => complaintStream(tenantId, c.data.complaintId),
});
