import * as t from 'io-ts';
import { ShortText, tagged } from '../kernel/codecs.js';
import { AgentId, CustomerId, LeadId } from '../shared/ids.js';
import { nullable } from '../customers/values.js';
import { LossReason } from './values.js';

/**
 * Events of one lead (潜在客户), stream `lead-<tenant>.<leadId>`. Each carries the agent the
 * lead is assigned to at that moment (`null`: not assigned), so per-agent read models need
 * no other stream.
 */
export const LeadCaptured = tagged('LeadCaptured', { leadId: LeadId, source: ShortText, interest: ShortText });
export const LeadQualified = tagged('LeadQualified', { leadId: LeadId, agentId: nullable(AgentId) });
/** Assigned (or reassigned) to an agent; `stage` is where the lead stood, `previousAgentId` who had it. */
export const LeadAssigned = tagged('LeadAssigned', {
  leadId: LeadId,
  agentId: AgentId,
  previousAgentId: nullable(AgentId),
  stage: t.keyof({ captured: null, qualified: null }),
});
export const LeadConverted = tagged('LeadConverted', { leadId: LeadId, customerId: CustomerId, agentId: nullable(AgentId) });
export const LeadLost = tagged('LeadLost', { leadId: LeadId, reason: LossReason, note: nullable(ShortText), agentId: nullable(AgentId) });

export const LeadEvent = t.union([LeadCaptured, LeadQualified, LeadAssigned, LeadConverted, LeadLost]);
export type LeadEvent = t.TypeOf<typeof LeadEvent>;
