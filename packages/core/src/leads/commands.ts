import * as t from 'io-ts';
import { ShortText, tagged } from '../kernel/codecs.js';
import { AgentId, CustomerId, LeadId } from '../shared/ids.js';
import { LeadCaptured } from './events.js';
import { LossReason, taggedWith } from './values.js';

/** Record a new lead: where it came from and what it is interested in. */
export const CaptureLead = tagged('CaptureLead', LeadCaptured.props.data.props);
export const QualifyLead = tagged('QualifyLead', { leadId: LeadId });
/** Give the lead to an agent (again to another one to reassign it). */
export const AssignLead = tagged('AssignLead', { leadId: LeadId, agentId: AgentId });
/** The lead became a customer (register the customer first; this links both). */
export const ConvertLead = tagged('ConvertLead', { leadId: LeadId, customerId: CustomerId });
export const LoseLead = taggedWith('LoseLead', { leadId: LeadId, reason: LossReason }, { note: ShortText });

export const LeadCommand = t.union([CaptureLead, QualifyLead, AssignLead, ConvertLead, LoseLead]);
export type LeadCommand = t.TypeOf<typeof LeadCommand>;
