import type { Projection } from '../../kernel/projection.js';
import { LeadEvent } from '../events.js';
import { rateOf, type Rate } from '../rate.js';
import type { LeadStage } from '../values.js';

/** The document id of leads no agent holds (not a valid AgentId, so it never collides with one). */
export const UNASSIGNED = '(unassigned)';

/** A lead as the funnel counts it. */
export interface FunnelLead {
  readonly stage: LeadStage;
  /** Reached qualified at some point (converted leads and leads lost after qualifying too). */
  readonly qualified: boolean;
}

/**
 * The lead funnel of one agent (or of {@link UNASSIGNED}): every lead the agent holds now,
 * counted by how far it got. A reassigned lead moves to its new agent with its history.
 */
export interface LeadFunnelDoc {
  /** `null` for the unassigned leads' document. */
  readonly agentId: string | null;
  /** Leads held: open, converted and lost. */
  readonly captured: number;
  /** Leads that reached qualified. */
  readonly qualified: number;
  readonly converted: number;
  readonly lost: number;
  /** Still captured or qualified. */
  readonly open: number;
  /** converted ÷ captured; null while the agent holds no lead. */
  readonly conversionRate: Rate | null;
  readonly leads: Readonly<Record<string, FunnelLead>>;
}

const counted = (agentId: string | null, leads: Readonly<Record<string, FunnelLead>>): LeadFunnelDoc => {
  const all = Object.values(leads);
  const captured = all.length;
  const converted = all.filter((l) => l.stage === 'converted').length;
  const lost = all.filter((l) => l.stage === 'lost').length;
  return {
    agentId,
    captured,
    qualified: all.filter((l) => l.qualified).length,
    converted,
    lost,
    open: captured - converted - lost,
    conversionRate: rateOf(converted, captured),
    leads,
  };
};

const moved = (doc: LeadFunnelDoc, leadId: string, to: LeadStage): LeadFunnelDoc => {
  const l = doc.leads[leadId];
  if (!l) return doc;
  return counted(doc.agentId, { ...doc.leads, [leadId]: { stage: to, qualified: l.qualified || to === 'qualified' } });
};

export const leadFunnel: Projection<LeadFunnelDoc, LeadEvent> = {
  name: 'leads.funnel',
  version: 1,
  events: LeadEvent,
  init: () => counted(null, {}),
  keyOf: (e) => {
    switch (e.type) {
      case 'LeadCaptured':
        return UNASSIGNED;
      case 'LeadAssigned':
        return [e.data.previousAgentId ?? UNASSIGNED, e.data.agentId];
      default:
        return e.data.agentId ?? UNASSIGNED;
    }
  },
  apply: (doc, e) => {
    const { leadId } = e.data;
    switch (e.type) {
      case 'LeadCaptured':
        return counted(null, { ...doc.leads, [leadId]: { stage: 'captured', qualified: false } });
      case 'LeadAssigned': {
        // one event, two documents: the previous holder's (which has the lead) gives it up,
        // the new agent's (which has not) takes it with the stage it reached
        const { [leadId]: held, ...rest } = doc.leads;
        if (held) return counted(doc.agentId, rest);
        return counted(e.data.agentId, { ...doc.leads, [leadId]: { stage: e.data.stage, qualified: e.data.stage === 'qualified' } });
      }
      case 'LeadQualified':
        return moved(doc, leadId, 'qualified');
      case 'LeadConverted':
        return moved(doc, leadId, 'converted');
      case 'LeadLost':
        return moved(doc, leadId, 'lost');
    }
  },
};
