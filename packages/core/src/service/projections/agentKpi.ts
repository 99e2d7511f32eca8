import * as t from 'io-ts';
import type { IsoInstant } from '../../kernel/codecs.js';
import type { StoredEvent } from '../../kernel/envelope.js';
import type { Projection } from '../../kernel/projection.js';
import { ComplaintFiled, ComplaintResolved, ComplaintSatisfactionRated } from '../../complaints/events.js';
import { InquiryAgentReplied, InquiryCustomerMessaged, InquiryOpened, InquiryRated } from '../inquiries/events.js';
import { InquiryOrderPaid } from '../conversions/events.js';
import { kpiAverage, kpiRate, lowerMedian, meetsTarget, percentile90, type KpiAverage, type KpiRate } from '../kpiMath.js';
import { defaultServicePolicy, type ServicePolicy } from '../policy.js';
import { agentSlotKey, serviceSlotOf } from '../shifts.js';

const AgentKpiEvent = t.union([
  InquiryOpened,
  InquiryCustomerMessaged,
  InquiryAgentReplied,
  InquiryRated,
  InquiryOrderPaid,
  ComplaintFiled,
  ComplaintResolved,
  ComplaintSatisfactionRated,
]);
export type AgentKpiEvent = t.TypeOf<typeof AgentKpiEvent>;

/** One served inquiry, as the KPIs need it. */
export interface ServedInquiry {
  readonly customerId: string;
  readonly openedAt: IsoInstant;
  /** First reply − first message (ms); null while unanswered. */
  readonly firstResponseMs: number | null;
  /** The customer paid an order within the conversion window of the first message. */
  readonly converted: boolean;
}

/** The facts behind one agent's KPIs for one local date and shift. */
export interface AgentKpiFacts {
  readonly inquiries: Readonly<Record<string, ServedInquiry>>;
  /** Every response: a reply to the earliest unanswered customer message. */
  readonly responses: { readonly count: number; readonly totalMs: number };
  /** Orders paid within the conversion window by customers served here: orderId → fen. */
  readonly orders: Readonly<Record<string, number>>;
  /** Complaints the agent resolved in this slot. */
  readonly complaintsHandled: number;
  /** Complaints filed in this slot about the agent. */
  readonly complaintsReceived: number;
  /** Satisfaction ratings credited here: inquiries served and complaints resolved. */
  readonly ratings: { readonly count: number; readonly satisfied: number };
}

/** The KPIs (DOMAIN §5), computed from {@link AgentKpiFacts}. */
export interface AgentKpiFigures {
  readonly inquiriesServed: number;
  readonly inquiriesAnswered: number;
  readonly firstResponseMedianMs: number | null;
  readonly firstResponseP90Ms: number | null;
  readonly averageResponseMs: KpiAverage;
  /** Converted inquiries ÷ inquiries served (询单转化率). */
  readonly conversion: KpiRate;
  /** Σ fen of the attributed orders ÷ their number (客单价). */
  readonly averageOrderValue: KpiAverage;
  readonly complaintsHandled: number;
  /** Complaints about the agent ÷ inquiries served. */
  readonly complaintRate: KpiRate;
  /** Ratings of 4–5 ÷ ratings. */
  readonly csat: KpiRate;
  readonly csatMeetsTarget: boolean | null;
}

/** `service.agentKpi` document: one agent, one local date, one shift. */
export interface AgentShiftKpi extends AgentKpiFacts {
  readonly tenantId: string;
  readonly date: string;
  readonly shift: string;
  readonly agentId: string;
  readonly kpi: AgentKpiFigures;
}

export const agentKpiFigures = (f: AgentKpiFacts, csatTarget: ServicePolicy['csatTarget']): AgentKpiFigures => {
  const served = Object.values(f.inquiries);
  const firsts = served.flatMap((i) => (i.firstResponseMs === null ? [] : [i.firstResponseMs]));
  const orders = Object.values(f.orders);
  const csat = kpiRate(f.ratings.satisfied, f.ratings.count);
  return {
    inquiriesServed: served.length,
    inquiriesAnswered: firsts.length,
    firstResponseMedianMs: lowerMedian(firsts),
    firstResponseP90Ms: percentile90(firsts),
    averageResponseMs: kpiAverage(f.responses.totalMs, f.responses.count),
    conversion: kpiRate(served.filter((i) => i.converted).length, served.length),
    averageOrderValue: kpiAverage(orders.reduce((a, b) => a + b, 0), orders.length),
    complaintsHandled: f.complaintsHandled,
    complaintRate: kpiRate(f.complaintsReceived, served.length),
    csat,
    csatMeetsTarget: meetsTarget(csat, csatTarget),
  };
};

const emptyFacts = (): AgentKpiFacts => ({
  inquiries: {},
  responses: { count: 0, totalMs: 0 },
  orders: {},
  complaintsHandled: 0,
  complaintsReceived: 0,
  ratings: { count: 0, satisfied: 0 },
});

const ms = (a: string, b: string) => Date.parse(b) - Date.parse(a);

/** Where an event counts: the agent and the instant that picks the date and shift. */
const placeOf = (e: AgentKpiEvent): { agentId: string; at: string } | undefined => {
  switch (e.type) {
    case 'InquiryOpened':
    case 'InquiryCustomerMessaged':
    case 'InquiryAgentReplied':
    case 'InquiryRated':
    case 'InquiryOrderPaid':
      return { agentId: e.data.agentId, at: e.data.openedAt };
    case 'ComplaintFiled':
      return e.data.concernsAgentId === null ? undefined : { agentId: e.data.concernsAgentId, at: e.data.at };
    case 'ComplaintResolved':
      return { agentId: e.data.agentId, at: e.data.at };
    case 'ComplaintSatisfactionRated':
      return { agentId: e.data.resolvedBy, at: e.data.resolvedAt };
  }
};

const applyFacts = (f: AgentKpiFacts, e: AgentKpiEvent): AgentKpiFacts => {
  const inquiry = (id: string, customerId: string, openedAt: IsoInstant): ServedInquiry =>
    f.inquiries[id] ?? { customerId, openedAt, firstResponseMs: null, converted: false };
  switch (e.type) {
    case 'InquiryOpened': {
      const d = e.data;
      return { ...f, inquiries: { ...f.inquiries, [d.inquiryId]: inquiry(d.inquiryId, d.customerId, d.openedAt) } };
    }
    case 'InquiryCustomerMessaged':
      return f;
    case 'InquiryAgentReplied': {
      const d = e.data;
      const i = inquiry(d.inquiryId, d.customerId, d.openedAt);
      const first = d.first ? { ...i, firstResponseMs: ms(d.openedAt, d.at) } : i;
      const responses = d.respondsTo === null ? f.responses : { count: f.responses.count + 1, totalMs: f.responses.totalMs + ms(d.respondsTo, d.at) };
      return { ...f, inquiries: { ...f.inquiries, [d.inquiryId]: first }, responses };
    }
    case 'InquiryRated':
    case 'ComplaintSatisfactionRated':
      return { ...f, ratings: { count: f.ratings.count + 1, satisfied: f.ratings.satisfied + (e.data.score >= 4 ? 1 : 0) } };
    case 'InquiryOrderPaid': {
      const d = e.data;
      const i = inquiry(d.inquiryId, d.customerId, d.openedAt);
      return { ...f, inquiries: { ...f.inquiries, [d.inquiryId]: { ...i, converted: true } }, orders: { ...f.orders, [d.orderId]: d.amount } };
    }
    case 'ComplaintFiled':
      return { ...f, complaintsReceived: f.complaintsReceived + 1 };
    case 'ComplaintResolved':
      return { ...f, complaintsHandled: f.complaintsHandled + 1 };
  }
};

/**
 * `service.agentKpi`: per agent, local date and shift (policy zone and shifts). An inquiry
 * counts in the slot of its first message; a resolution in the slot it happened; a
 * complaint rating in the slot of the resolution it rates; a complaint about an agent in
 * the slot it was filed. Outside every shift the slot is `offShift`.
 */
export const agentKpiProjectionFor = (policy: ServicePolicy = defaultServicePolicy): Projection<AgentShiftKpi | null, AgentKpiEvent> => ({
  name: 'service.agentKpi',
  version: 1,
  events: AgentKpiEvent,
  init: () => null,
  keyOf: (e) => {
    const place = placeOf(e);
    return place && agentSlotKey(serviceSlotOf(place.at, policy), place.agentId);
  },
  apply: (doc, e: StoredEvent<AgentKpiEvent>) => {
    const place = placeOf(e)!;
    const slot = serviceSlotOf(place.at, policy);
    const facts = applyFacts(doc ?? emptyFacts(), e);
    const { inquiries, responses, orders, complaintsHandled, complaintsReceived, ratings } = facts;
    return {
      tenantId: e.metadata.tenantId,
      date: slot.date,
      shift: slot.shift,
      agentId: place.agentId,
      inquiries,
      responses,
      orders,
      complaintsHandled,
      complaintsReceived,
      ratings,
      kpi: agentKpiFigures(facts, policy.csatTarget),
    };
  },
});

/** Merge slots (e.g. an agent's shifts into the day): facts add up, figures are recomputed. */
export const mergeAgentKpiFacts = (docs: readonly AgentKpiFacts[], csatTarget: ServicePolicy['csatTarget'] = defaultServicePolicy.csatTarget) => {
  const facts = docs.reduce<AgentKpiFacts>(
    (a, d) => ({
      inquiries: { ...a.inquiries, ...d.inquiries },
      responses: { count: a.responses.count + d.responses.count, totalMs: a.responses.totalMs + d.responses.totalMs },
      orders: { ...a.orders, ...d.orders },
      complaintsHandled: a.complaintsHandled + d.complaintsHandled,
      complaintsReceived: a.complaintsReceived + d.complaintsReceived,
      ratings: { count: a.ratings.count + d.ratings.count, satisfied: a.ratings.satisfied + d.ratings.satisfied },
    }),
    emptyFacts(),
  );
  return { ...facts, kpi: agentKpiFigures(facts, csatTarget) };
};

/** One row of the agent KPI table: a shift, or the agent's whole day (`shift: 'day total'`). */
export interface AgentKpiRow {
  readonly date: string;
  readonly agentId: string;
  readonly shift: string;
  readonly kpi: AgentKpiFigures;
}

/** The KPI table of one local date: each agent's shifts (in policy order) then the day total; agents by id. */
export const agentKpiTable = (docs: Iterable<AgentShiftKpi>, date: string, policy: ServicePolicy = defaultServicePolicy): AgentKpiRow[] => {
  const order = [...policy.shifts.map((s) => s.name as string), 'offShift'];
  const byAgent = new Map<string, AgentShiftKpi[]>();
  for (const d of docs) if (d.date === date) byAgent.set(d.agentId, [...(byAgent.get(d.agentId) ?? []), d]);
  const rows: AgentKpiRow[] = [];
  for (const agentId of [...byAgent.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const shifts = byAgent.get(agentId)!.sort((a, b) => order.indexOf(a.shift) - order.indexOf(b.shift));
    for (const s of shifts) rows.push({ date, agentId, shift: s.shift, kpi: s.kpi });
    rows.push({ date, agentId, shift: 'day total', kpi: mergeAgentKpiFacts(shifts, policy.csatTarget).kpi });
  }
  return rows;
};

/** The projection with the default policy (Asia/Shanghai, shifts 08:30–16:00 and 16:00–23:30). */
export const agentKpiProjection = agentKpiProjectionFor();
