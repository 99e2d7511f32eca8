import * as t from 'io-ts';
import { Fen, IsoInstant, ShortText, idCodec, tagged } from '../kernel/codecs.js';
import { AgentId, ComplaintId, CustomerId, OrderId } from '../shared/ids.js';
import { BusinessHours } from '../calendar/businessHours.js';
import { ComplaintCustomerTier, ComplaintPriority, ComplaintSeverity, PositiveMs } from './policy.js';

export const ComplaintCategory = t.keyof(
  { productQuality: null, logistics: null, serviceAttitude: null, falsePromotion: null, counterfeit: null, refundDispute: null, other: null },
  'ComplaintCategory',
);
export type ComplaintCategory = t.TypeOf<typeof ComplaintCategory>;

export const ComplaintChannel = t.keyof({ chat: null, phone: null, email: null, ticket: null, marketplace: null }, 'ComplaintChannel');
export type ComplaintChannel = t.TypeOf<typeof ComplaintChannel>;

/** The refund an order context recorded for a refund resolution. */
export const ComplaintRefundId = idCodec('RefundId');
export type ComplaintRefundId = t.TypeOf<typeof ComplaintRefundId>;

/** What the shop did about the complaint. A refund links to the order's refund. */
export const ComplaintResolution = t.union([
  t.type({ kind: t.literal('refund'), orderId: OrderId, refundId: ComplaintRefundId, amount: Fen }),
  t.type({ kind: t.literal('replacement'), orderId: OrderId }),
  t.type({ kind: t.literal('compensation'), amount: Fen }),
  t.type({ kind: t.literal('apology') }),
  t.type({ kind: t.literal('rejected'), reason: ShortText }),
]);
export type ComplaintResolution = t.TypeOf<typeof ComplaintResolution>;

/** The SLA a complaint got at filing: fixed then, whatever the policy says later. */
export const ComplaintSla = t.type({
  priority: ComplaintPriority,
  firstResponseMs: PositiveMs,
  resolutionMs: PositiveMs,
  hours: t.keyof({ business: null, elapsed: null }),
  businessHours: BusinessHours,
});
export type ComplaintSla = t.TypeOf<typeof ComplaintSla>;

export const SlaClock = t.keyof({ firstResponse: null, resolution: null }, 'SlaClock');
export type SlaClock = t.TypeOf<typeof SlaClock>;

export const EscalationLevel = t.union([t.literal(1), t.literal(2), t.literal(3)], 'EscalationLevel');
export type EscalationLevel = t.TypeOf<typeof EscalationLevel>;

export const ComplaintFiled = tagged('ComplaintFiled', {
  complaintId: ComplaintId,
  customerId: CustomerId,
  orderId: t.union([OrderId, t.null]),
  category: ComplaintCategory,
  channel: ComplaintChannel,
  severity: ComplaintSeverity,
  customerTier: ComplaintCustomerTier,
  /** The agent the complaint is about (who served the customer), when known. */
  concernsAgentId: t.union([AgentId, t.null]),
  description: t.string,
  sla: ComplaintSla,
  at: IsoInstant,
});
export const ComplaintAssigned = tagged('ComplaintAssigned', { complaintId: ComplaintId, agentId: AgentId, at: IsoInstant });
/** The first response to the customer: stops the first-response clock. */
export const ComplaintAcknowledged = tagged('ComplaintAcknowledged', { complaintId: ComplaintId, agentId: AgentId, at: IsoInstant });
export const ComplaintWorkStarted = tagged('ComplaintWorkStarted', { complaintId: ComplaintId, agentId: AgentId, at: IsoInstant });
/** Awaiting the customer: both SLA clocks pause until the answer. */
export const ComplaintCustomerAsked = tagged('ComplaintCustomerAsked', { complaintId: ComplaintId, question: t.string, at: IsoInstant });
export const ComplaintCustomerAnswered = tagged('ComplaintCustomerAnswered', { complaintId: ComplaintId, answer: t.string, at: IsoInstant });
/** A knowledge-base article (知识库) a resolution cites; the knowledge context counts the citation. */
export const ComplaintArticleId = idCodec('ArticleId');
export type ComplaintArticleId = t.TypeOf<typeof ComplaintArticleId>;

/** The resolution; `articleId` (optional, absent in older events) names the article the agent followed. */
export const ComplaintResolved = t.type(
  {
    type: t.literal('ComplaintResolved'),
    data: t.intersection([
      t.type({ complaintId: ComplaintId, agentId: AgentId, resolution: ComplaintResolution, at: IsoInstant }),
      t.partial({ articleId: ComplaintArticleId }),
    ]),
  },
  'ComplaintResolved',
);
export const ComplaintClosed = tagged('ComplaintClosed', { complaintId: ComplaintId, at: IsoInstant });
export const ComplaintReopened = tagged('ComplaintReopened', { complaintId: ComplaintId, reason: ShortText, at: IsoInstant });
export const ComplaintEscalated = tagged('ComplaintEscalated', {
  complaintId: ComplaintId,
  fromLevel: EscalationLevel,
  toLevel: EscalationLevel,
  reason: ShortText,
  trigger: t.keyof({ manual: null, slaBreach: null }),
  at: IsoInstant,
});
/** A clock passed its due time before the act it waits for. It stays a breach. */
export const ComplaintSlaBreached = tagged('ComplaintSlaBreached', {
  complaintId: ComplaintId,
  clock: SlaClock,
  priority: ComplaintPriority,
  dueAt: IsoInstant,
  filedAt: IsoInstant,
  /** True for the complaint's first breach (so summaries count breached complaints once). */
  firstForComplaint: t.boolean,
  at: IsoInstant,
});
export const ComplaintSatisfactionRated = tagged('ComplaintSatisfactionRated', {
  complaintId: ComplaintId,
  score: t.union([t.literal(1), t.literal(2), t.literal(3), t.literal(4), t.literal(5)]),
  /** The agent who resolved it and when, so KPIs credit the rating to that shift. */
  resolvedBy: AgentId,
  resolvedAt: IsoInstant,
  at: IsoInstant,
});

export const ComplaintEvent = t.union([
  ComplaintFiled,
  ComplaintAssigned,
  ComplaintAcknowledged,
  ComplaintWorkStarted,
  ComplaintCustomerAsked,
  ComplaintCustomerAnswered,
  ComplaintResolved,
  ComplaintClosed,
  ComplaintReopened,
  ComplaintEscalated,
  ComplaintSlaBreached,
  ComplaintSatisfactionRated,
]);
export type ComplaintEvent = t.TypeOf<typeof ComplaintEvent>;
