import * as E from 'fp-ts/lib/Either.js';
import { absurd } from 'fp-ts/lib/function.js';
import type { Decider } from '../kernel/decider.js';
import { domainError, type DomainError } from '../kernel/errors.js';
import type { AgentId, CustomerId, LeadId } from '../shared/ids.js';
import type { LeadCommand } from './commands.js';
import type { LeadEvent } from './events.js';
import type { LeadStage } from './values.js';

export const LEAD_ERROR_CODES = ['LEAD_NOT_FOUND', 'LEAD_ILLEGAL_TRANSITION'] as const;
export type LeadErrorCode = (typeof LEAD_ERROR_CODES)[number];

export type Lead =
  | { readonly status: 'none' }
  | {
      readonly status: LeadStage;
      readonly leadId: LeadId;
      readonly agentId: AgentId | null;
      readonly customerId: CustomerId | null;
    };

type Decision = E.Either<DomainError<LeadErrorCode>, readonly LeadEvent[]>;

/** Which stages each command (but capture) may start from. */
const FROM: Record<Exclude<LeadCommand['type'], 'CaptureLead'>, readonly LeadStage[]> = {
  QualifyLead: ['captured'],
  AssignLead: ['captured', 'qualified'],
  ConvertLead: ['qualified'],
  LoseLead: ['captured', 'qualified'],
};

const illegal = (c: LeadCommand, state: LeadStage): Decision => {
  const hint = c.type === 'ConvertLead' && state === 'captured' ? ': qualify it first' : '';
  return E.left(domainError('LEAD_ILLEGAL_TRANSITION', `lead is ${state}${hint}`, ['data', 'leadId'], { state, command: c.type }));
};

const decide = (c: LeadCommand, s: Lead): Decision => {
  const { leadId } = c.data;
  if (c.type === 'CaptureLead') return s.status === 'none' ? E.right([{ type: 'LeadCaptured', data: c.data }]) : illegal(c, s.status);
  if (s.status === 'none') return E.left(domainError('LEAD_NOT_FOUND', `lead ${leadId} was never captured`, ['data', 'leadId']));
  if (!FROM[c.type].includes(s.status)) return illegal(c, s.status);
  const agentId = s.agentId;
  switch (c.type) {
    case 'QualifyLead':
      return E.right([{ type: 'LeadQualified', data: { leadId, agentId } }]);
    case 'AssignLead':
      if (c.data.agentId === agentId) return E.right([]); // already theirs
      return E.right([
        { type: 'LeadAssigned', data: { leadId, agentId: c.data.agentId, previousAgentId: agentId, stage: s.status === 'qualified' ? 'qualified' : 'captured' } },
      ]);
    case 'ConvertLead':
      return E.right([{ type: 'LeadConverted', data: { leadId, customerId: c.data.customerId, agentId } }]);
    case 'LoseLead':
      return E.right([{ type: 'LeadLost', data: { leadId, reason: c.data.reason, note: c.data.note ?? null, agentId } }]);
    default:
      return absurd(c);
  }
};

const evolve = (s: Lead, e: LeadEvent): Lead => {
  if (e.type === 'LeadCaptured') return { status: 'captured', leadId: e.data.leadId, agentId: null, customerId: null };
  if (s.status === 'none') return s;
  switch (e.type) {
    case 'LeadQualified':
      return { ...s, status: 'qualified' };
    case 'LeadAssigned':
      return { ...s, agentId: e.data.agentId };
    case 'LeadConverted':
      return { ...s, status: 'converted', customerId: e.data.customerId };
    case 'LeadLost':
      return { ...s, status: 'lost' };
    default:
      return absurd(e);
  }
};

/** One lead: captured → qualified → converted, or lost; assignable while open. */
export const leadDecider: Decider<Lead, LeadCommand, LeadEvent, DomainError<LeadErrorCode>> = {
  initialState: () => ({ status: 'none' }),
  decide,
  evolve,
};
