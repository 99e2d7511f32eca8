import * as E from 'fp-ts/lib/Either.js';
import { absurd } from 'fp-ts/lib/function.js';
import type { IsoInstant, ShortText } from '../kernel/codecs.js';
import type { Decider } from '../kernel/decider.js';
import { domainError, type DomainError } from '../kernel/errors.js';
import type { AgentId, ComplaintId, CustomerId, OrderId } from '../shared/ids.js';
import type { ComplaintCommand } from './commands.js';
import type { ComplaintCategory, ComplaintEvent, ComplaintResolution, EscalationLevel, SlaClock } from './events.js';
import { defaultComplaintPolicy, type ComplaintPolicy } from './policy.js';
import { complaintSlaFor, missesSla, type ComplaintTimers } from './sla.js';

/** Where a complaint is in its lifecycle. */
export type ComplaintStatus = 'filed' | 'acknowledged' | 'inProgress' | 'awaitingCustomer' | 'resolved' | 'closed';
export const openComplaintStatuses: readonly ComplaintStatus[] = ['filed', 'acknowledged', 'inProgress', 'awaitingCustomer'];

export interface ComplaintBreach {
  readonly dueAt: IsoInstant;
  readonly recordedAt: IsoInstant;
}

/** One complaint as its events leave it. */
export interface FiledComplaint {
  readonly status: ComplaintStatus;
  readonly complaintId: ComplaintId;
  readonly customerId: CustomerId;
  readonly orderId: OrderId | null;
  readonly category: ComplaintCategory;
  readonly concernsAgentId: AgentId | null;
  readonly assignee: AgentId | null;
  readonly level: EscalationLevel;
  readonly timers: ComplaintTimers;
  readonly breaches: { readonly firstResponse: ComplaintBreach | null; readonly resolution: ComplaintBreach | null };
  readonly resolvedAt: IsoInstant | null;
  readonly resolvedBy: AgentId | null;
  readonly resolution: ComplaintResolution | null;
  readonly satisfaction: 1 | 2 | 3 | 4 | 5 | null;
  /** The latest business time seen: commands may not go back before it. */
  readonly lastAt: IsoInstant;
}
export type Complaint = { readonly status: 'none' } | FiledComplaint;

export type ComplaintErrorCode =
  | 'COMPLAINT_ALREADY_FILED'
  | 'COMPLAINT_NOT_FOUND'
  | 'COMPLAINT_INVALID_STATE'
  | 'COMPLAINT_OUT_OF_ORDER'
  | 'COMPLAINT_REFUND_OTHER_ORDER'
  | 'COMPLAINT_REOPEN_WINDOW_PASSED'
  | 'COMPLAINT_ESCALATION_BEYOND_TOP'
  | 'COMPLAINT_ESCALATION_NOT_HIGHER'
  | 'COMPLAINT_SLA_ALREADY_BREACHED'
  | 'COMPLAINT_SLA_NOT_DUE'
  | 'COMPLAINT_ALREADY_RATED';
export const complaintErrorCodes: readonly ComplaintErrorCode[] = [
  'COMPLAINT_ALREADY_FILED',
  'COMPLAINT_NOT_FOUND',
  'COMPLAINT_INVALID_STATE',
  'COMPLAINT_OUT_OF_ORDER',
  'COMPLAINT_REFUND_OTHER_ORDER',
  'COMPLAINT_REOPEN_WINDOW_PASSED',
  'COMPLAINT_ESCALATION_BEYOND_TOP',
  'COMPLAINT_ESCALATION_NOT_HIGHER',
  'COMPLAINT_SLA_ALREADY_BREACHED',
  'COMPLAINT_SLA_NOT_DUE',
  'COMPLAINT_ALREADY_RATED',
];

type Decision = E.Either<DomainError<ComplaintErrorCode>, ComplaintEvent[]>;
const no = (code: ComplaintErrorCode, message: string, path: readonly (string | number)[], details?: Record<string, unknown>): Decision =>
  E.left(domainError(code, message, ['data', ...path], details));
const yes = (...events: ComplaintEvent[]): Decision => E.right(events);

const VERB: Record<Exclude<ComplaintCommand['type'], 'FileComplaint'>, string> = {
  AssignComplaint: 'assign',
  AcknowledgeComplaint: 'acknowledge',
  StartComplaintWork: 'start work on',
  AskComplaintCustomer: 'ask the customer about',
  RecordComplaintAnswer: "record the customer's answer to",
  ResolveComplaint: 'resolve',
  CloseComplaint: 'close',
  ReopenComplaint: 'reopen',
  EscalateComplaint: 'escalate',
  RecordComplaintSlaBreach: 'record an SLA breach of',
  RateComplaintSatisfaction: 'rate',
};
const ALLOWED: Record<Exclude<ComplaintCommand['type'], 'FileComplaint'>, readonly ComplaintStatus[]> = {
  AssignComplaint: openComplaintStatuses,
  AcknowledgeComplaint: ['filed'],
  StartComplaintWork: ['acknowledged'],
  AskComplaintCustomer: ['inProgress'],
  RecordComplaintAnswer: ['awaitingCustomer'],
  ResolveComplaint: ['inProgress', 'awaitingCustomer'],
  CloseComplaint: ['resolved'],
  ReopenComplaint: ['resolved', 'closed'],
  EscalateComplaint: openComplaintStatuses,
  RecordComplaintSlaBreach: openComplaintStatuses,
  RateComplaintSatisfaction: ['resolved', 'closed'],
};

/** A breach found while acting late; recorded with the act, so it stays a breach. */
const lateBreach = (s: FiledComplaint, clock: SlaClock, at: IsoInstant): ComplaintEvent[] => {
  if (s.breaches[clock]) return [];
  const { missed, dueAt } = missesSla(s.timers, clock, at);
  if (!missed || dueAt === null) return [];
  const firstForComplaint = !s.breaches.firstResponse && !s.breaches.resolution;
  return [{ type: 'ComplaintSlaBreached', data: { complaintId: s.complaintId, clock, priority: s.timers.sla.priority, dueAt, filedAt: s.timers.filedAt, firstForComplaint, at } }];
};

const decideFiled = (c: Exclude<ComplaintCommand, { type: 'FileComplaint' }>, s: FiledComplaint, policy: ComplaintPolicy): Decision => {
  const d = c.data;
  if (!ALLOWED[c.type].includes(s.status))
    return no('COMPLAINT_INVALID_STATE', `cannot ${VERB[c.type]} a complaint that is ${s.status}`, ['complaintId'], { status: s.status });
  if (d.at < s.lastAt) return no('COMPLAINT_OUT_OF_ORDER', `${d.at} is before the complaint's last event at ${s.lastAt}`, ['at']);
  const id = s.complaintId;
  switch (c.type) {
    case 'AssignComplaint':
      return s.assignee === c.data.agentId ? yes() : yes({ type: 'ComplaintAssigned', data: c.data });
    case 'AcknowledgeComplaint':
      return yes({ type: 'ComplaintAcknowledged', data: c.data }, ...lateBreach(s, 'firstResponse', c.data.at));
    case 'StartComplaintWork':
      return yes({ type: 'ComplaintWorkStarted', data: c.data });
    case 'AskComplaintCustomer':
      return yes({ type: 'ComplaintCustomerAsked', data: c.data });
    case 'RecordComplaintAnswer':
      return yes({ type: 'ComplaintCustomerAnswered', data: c.data });
    case 'ResolveComplaint': {
      const r = c.data.resolution;
      if ((r.kind === 'refund' || r.kind === 'replacement') && s.orderId !== null && r.orderId !== s.orderId)
        return no('COMPLAINT_REFUND_OTHER_ORDER', `the complaint is about order ${s.orderId}, not ${r.orderId}`, ['resolution', 'orderId']);
      return yes(...lateBreach(s, 'resolution', c.data.at), { type: 'ComplaintResolved', data: c.data });
    }
    case 'CloseComplaint':
      return yes({ type: 'ComplaintClosed', data: c.data });
    case 'ReopenComplaint': {
      const until = new Date(Date.parse(s.resolvedAt!) + policy.reopenWindowMs).toISOString();
      if (c.data.at > until) return no('COMPLAINT_REOPEN_WINDOW_PASSED', `resolved at ${s.resolvedAt}: reopening was possible until ${until}`, ['at']);
      return yes({ type: 'ComplaintReopened', data: c.data });
    }
    case 'EscalateComplaint': {
      const top = policy.topEscalationLevel;
      if (s.level >= top || c.data.toLevel > top)
        return no('COMPLAINT_ESCALATION_BEYOND_TOP', `level ${s.level}: there is no level above ${top}`, ['toLevel']);
      if (c.data.toLevel <= s.level) return no('COMPLAINT_ESCALATION_NOT_HIGHER', `already at level ${s.level}`, ['toLevel']);
      const toLevel = c.data.toLevel as EscalationLevel;
      return yes({ type: 'ComplaintEscalated', data: { complaintId: id, fromLevel: s.level, toLevel, reason: c.data.reason, trigger: 'manual', at: c.data.at } });
    }
    case 'RecordComplaintSlaBreach': {
      const { clock, at } = c.data;
      if (clock === 'firstResponse' && s.timers.firstResponseAt !== null)
        return no('COMPLAINT_SLA_NOT_DUE', `the first response was given at ${s.timers.firstResponseAt}`, ['clock']);
      if (s.breaches[clock]) return no('COMPLAINT_SLA_ALREADY_BREACHED', `the ${clock} breach was recorded at ${s.breaches[clock].recordedAt}`, ['clock']);
      const breach = lateBreach(s, clock, at);
      if (breach.length === 0) return no('COMPLAINT_SLA_NOT_DUE', `the ${clock} target is not passed at ${at}`, ['at']);
      const dueAt = (breach[0]!.data as { dueAt: IsoInstant }).dueAt;
      const up: ComplaintEvent[] =
        s.level < policy.topEscalationLevel
          ? [{ type: 'ComplaintEscalated', data: { complaintId: id, fromLevel: s.level, toLevel: (s.level + 1) as EscalationLevel, reason: `${clock} SLA breached (due ${dueAt})` as ShortText, trigger: 'slaBreach', at } }]
          : [];
      return yes(...breach, ...up);
    }
    case 'RateComplaintSatisfaction':
      if (s.satisfaction !== null) return no('COMPLAINT_ALREADY_RATED', `already rated ${s.satisfaction}`, ['score']);
      return yes({ type: 'ComplaintSatisfactionRated', data: { ...c.data, resolvedBy: s.resolvedBy!, resolvedAt: s.resolvedAt! } });
    default:
      return absurd(c);
  }
};

const decide = (policy: ComplaintPolicy) => (c: ComplaintCommand, s: Complaint): Decision => {
  if (c.type === 'FileComplaint') {
    if (s.status !== 'none') return no('COMPLAINT_ALREADY_FILED', `complaint ${c.data.complaintId} is already filed (${s.status})`, ['complaintId'], { status: s.status });
    const d = c.data;
    return yes({
      type: 'ComplaintFiled',
      data: {
        complaintId: d.complaintId,
        customerId: d.customerId,
        orderId: d.orderId ?? null,
        category: d.category,
        channel: d.channel,
        severity: d.severity,
        customerTier: d.customerTier,
        concernsAgentId: d.concernsAgentId ?? null,
        description: d.description ?? '',
        sla: complaintSlaFor(d.severity, d.customerTier, policy),
        at: d.at,
      },
    });
  }
  if (s.status === 'none') return no('COMPLAINT_NOT_FOUND', `complaint ${c.data.complaintId} was never filed`, ['complaintId']);
  return decideFiled(c, s, policy);
};

const closeLast = (ps: ComplaintTimers['pauses'], at: IsoInstant) =>
  ps.map((p, i) => (i === ps.length - 1 && p.to === null ? { from: p.from, to: at } : p));

/** The state after one event. Needs no policy: everything policy-dependent was fixed in the events. */
export const evolveComplaint = (s: Complaint, e: ComplaintEvent): Complaint => {
  if (e.type === 'ComplaintFiled') {
    const d = e.data;
    return {
      status: 'filed',
      complaintId: d.complaintId,
      customerId: d.customerId,
      orderId: d.orderId,
      category: d.category,
      concernsAgentId: d.concernsAgentId,
      assignee: null,
      level: 1,
      timers: { filedAt: d.at, sla: d.sla, pauses: [], resolvedSpans: [], firstResponseAt: null },
      breaches: { firstResponse: null, resolution: null },
      resolvedAt: null,
      resolvedBy: null,
      resolution: null,
      satisfaction: null,
      lastAt: d.at,
    };
  }
  if (s.status === 'none') return s;
  const at = e.data.at > s.lastAt ? e.data.at : s.lastAt;
  const x = { ...s, lastAt: at };
  const t = s.timers;
  switch (e.type) {
    case 'ComplaintAssigned':
      return { ...x, assignee: e.data.agentId };
    case 'ComplaintAcknowledged':
      return { ...x, status: 'acknowledged', assignee: s.assignee ?? e.data.agentId, timers: { ...t, firstResponseAt: e.data.at } };
    case 'ComplaintWorkStarted':
      return { ...x, status: 'inProgress', assignee: s.assignee ?? e.data.agentId };
    case 'ComplaintCustomerAsked':
      return { ...x, status: 'awaitingCustomer', timers: { ...t, pauses: [...t.pauses, { from: e.data.at, to: null }] } };
    case 'ComplaintCustomerAnswered':
      return { ...x, status: 'inProgress', timers: { ...t, pauses: closeLast(t.pauses, e.data.at) } };
    case 'ComplaintResolved':
      return {
        ...x,
        status: 'resolved',
        resolvedAt: e.data.at,
        resolvedBy: e.data.agentId,
        resolution: e.data.resolution,
        timers: { ...t, pauses: closeLast(t.pauses, e.data.at), resolvedSpans: [...t.resolvedSpans, { from: e.data.at, to: null }] },
      };
    case 'ComplaintClosed':
      return { ...x, status: 'closed' };
    case 'ComplaintReopened':
      return { ...x, status: 'inProgress', timers: { ...t, resolvedSpans: closeLast(t.resolvedSpans, e.data.at) } };
    case 'ComplaintEscalated':
      return { ...x, level: e.data.toLevel };
    case 'ComplaintSlaBreached':
      return { ...x, breaches: { ...s.breaches, [e.data.clock]: { dueAt: e.data.dueAt, recordedAt: e.data.at } } };
    case 'ComplaintSatisfactionRated':
      return { ...x, satisfaction: e.data.score };
    default:
      return absurd(e);
  }
};

/** The complaint decider for a policy (priority map, SLA targets, reopen window). */
export const complaintDecider = (policy: ComplaintPolicy = defaultComplaintPolicy): Decider<Complaint, ComplaintCommand, ComplaintEvent, DomainError> => ({
  initialState: () => ({ status: 'none' }),
  decide: decide(policy),
  evolve: evolveComplaint,
});
