import * as t from 'io-ts';
import type { StoredEvent } from '../../kernel/envelope.js';
import type { Projection } from '../../kernel/projection.js';
import { localMonthOf } from '../../calendar/localDate.js';
import { ComplaintFiled, ComplaintSatisfactionRated, ComplaintSlaBreached, type ComplaintCategory } from '../../complaints/events.js';
import type { ComplaintPriority } from '../../complaints/policy.js';
import { ServiceCustomerPaymentRecorded } from '../conversions/events.js';
import { InquiryOpened, InquiryRated } from '../inquiries/events.js';
import { kpiRate, meetsTarget, type KpiRate } from '../kpiMath.js';
import { defaultServicePolicy, type ServicePolicy } from '../policy.js';

const ShopServiceEvent = t.union([ComplaintFiled, ComplaintSlaBreached, ComplaintSatisfactionRated, InquiryRated, InquiryOpened, ServiceCustomerPaymentRecorded]);
export type ShopServiceEvent = t.TypeOf<typeof ShopServiceEvent>;

const CATEGORIES: readonly ComplaintCategory[] = ['productQuality', 'logistics', 'serviceAttitude', 'falsePromotion', 'counterfeit', 'refundDispute', 'other'];
const PRIORITIES: readonly ComplaintPriority[] = ['urgent', 'high', 'normal', 'low'];
const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** The shop's service figures; the document id is the local month (`YYYY-MM`) or `all`. */
export interface ShopServiceSummary {
  readonly tenantId: string;
  readonly complaintsByCategory: Readonly<Record<ComplaintCategory, number>>;
  readonly complaintsByPriority: Readonly<Record<ComplaintPriority, number>>;
  /** Complaints filed in the period with at least one SLA breach, by priority. */
  readonly breachedByPriority: Readonly<Record<ComplaintPriority, number>>;
  readonly ratings: { readonly count: number; readonly satisfied: number };
  readonly ordersPaid: number;
  readonly inquiries: number;
  readonly figures: {
    /** Ratings of 4–5 ÷ ratings (complaints and inquiries), against the target. */
    readonly csat: KpiRate;
    readonly csatMeetsTarget: boolean | null;
    /** Complaints filed ÷ orders paid in the period. */
    readonly complaintRate: KpiRate;
    readonly complaintRateByCategory: Readonly<Record<ComplaintCategory, KpiRate>>;
    /** Complaints with a breach ÷ complaints filed, by priority (by the filing month). */
    readonly breachRateByPriority: Readonly<Record<ComplaintPriority, KpiRate>>;
  };
}

type Counts = Omit<ShopServiceSummary, 'tenantId' | 'figures'>;

const figuresOf = (c: Counts, policy: ServicePolicy): ShopServiceSummary['figures'] => {
  const csat = kpiRate(c.ratings.satisfied, c.ratings.count);
  const filed = CATEGORIES.reduce((a, k) => a + c.complaintsByCategory[k], 0);
  return {
    csat,
    csatMeetsTarget: meetsTarget(csat, policy.csatTarget),
    complaintRate: kpiRate(filed, c.ordersPaid),
    complaintRateByCategory: Object.fromEntries(CATEGORIES.map((k) => [k, kpiRate(c.complaintsByCategory[k], c.ordersPaid)])) as Record<ComplaintCategory, KpiRate>,
    breachRateByPriority: Object.fromEntries(PRIORITIES.map((p) => [p, kpiRate(c.breachedByPriority[p], c.complaintsByPriority[p])])) as Record<ComplaintPriority, KpiRate>,
  };
};

/** The instant that picks an event's month. */
const whenOf = (e: ShopServiceEvent): string => {
  switch (e.type) {
    case 'ComplaintSlaBreached':
      return e.data.filedAt; // so breaches and the complaints they belong to share a month
    case 'ServiceCustomerPaymentRecorded':
      return e.data.paidAt;
    default:
      return e.data.at;
  }
};

const count = (c: Counts, e: ShopServiceEvent): Counts => {
  switch (e.type) {
    case 'ComplaintFiled': {
      const { category, sla } = e.data;
      return {
        ...c,
        complaintsByCategory: { ...c.complaintsByCategory, [category]: c.complaintsByCategory[category] + 1 },
        complaintsByPriority: { ...c.complaintsByPriority, [sla.priority]: c.complaintsByPriority[sla.priority] + 1 },
      };
    }
    case 'ComplaintSlaBreached':
      return e.data.firstForComplaint ? { ...c, breachedByPriority: { ...c.breachedByPriority, [e.data.priority]: c.breachedByPriority[e.data.priority] + 1 } } : c;
    case 'ComplaintSatisfactionRated':
    case 'InquiryRated':
      return { ...c, ratings: { count: c.ratings.count + 1, satisfied: c.ratings.satisfied + (e.data.score >= 4 ? 1 : 0) } };
    case 'InquiryOpened':
      return { ...c, inquiries: c.inquiries + 1 };
    case 'ServiceCustomerPaymentRecorded':
      return { ...c, ordersPaid: c.ordersPaid + 1 };
  }
};

/** `service.shopSummary`: CSAT, complaint rate by category, breach rate by priority; per local month and all time. */
export const shopServiceSummaryProjectionFor = (policy: ServicePolicy = defaultServicePolicy): Projection<ShopServiceSummary | null, ShopServiceEvent> => ({
  name: 'service.shopSummary',
  version: 1,
  events: ShopServiceEvent,
  init: () => null,
  keyOf: (e) => [localMonthOf(whenOf(e), policy.timeZone), 'all'],
  apply: (doc, e: StoredEvent<ShopServiceEvent>) => {
    const base: Counts = doc ?? {
      complaintsByCategory: zeros(CATEGORIES),
      complaintsByPriority: zeros(PRIORITIES),
      breachedByPriority: zeros(PRIORITIES),
      ratings: { count: 0, satisfied: 0 },
      ordersPaid: 0,
      inquiries: 0,
    };
    const { complaintsByCategory, complaintsByPriority, breachedByPriority, ratings, ordersPaid, inquiries } = count(base, e);
    const counts = { complaintsByCategory, complaintsByPriority, breachedByPriority, ratings, ordersPaid, inquiries };
    return { tenantId: e.metadata.tenantId, ...counts, figures: figuresOf(counts, policy) };
  },
});

/** The projection with the default policy. */
export const shopServiceSummaryProjection = shopServiceSummaryProjectionFor();
