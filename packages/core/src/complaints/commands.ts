import * as t from 'io-ts';
import { IsoInstant, ShortText, tagged } from '../kernel/codecs.js';
import { AgentId, ComplaintId, CustomerId, OrderId } from '../shared/ids.js';
import { ComplaintArticleId, ComplaintCategory, ComplaintChannel, ComplaintResolution, SlaClock } from './events.js';
import { ComplaintCustomerTier, ComplaintSeverity } from './policy.js';

/** `{ type, data }` whose data has required and optional fields. */
const taggedWithOptional = <T extends string, R extends t.Props, O extends t.Props>(type: T, required: R, optional: O) =>
  t.type({ type: t.literal(type), data: t.intersection([t.type(required), t.partial(optional)]) }, type);

const PositiveInt = t.refinement(t.Int, (n) => n > 0, 'PositiveInt');

export const FileComplaint = taggedWithOptional(
  'FileComplaint',
  {
    complaintId: ComplaintId,
    customerId: CustomerId,
    category: ComplaintCategory,
    channel: ComplaintChannel,
    severity: ComplaintSeverity,
    /** The customer's tier at this moment: it fixes the priority for good. */
    customerTier: ComplaintCustomerTier,
    at: IsoInstant,
  },
  { orderId: OrderId, concernsAgentId: AgentId, description: t.string },
);
export const AssignComplaint = tagged('AssignComplaint', { complaintId: ComplaintId, agentId: AgentId, at: IsoInstant });
export const AcknowledgeComplaint = tagged('AcknowledgeComplaint', { complaintId: ComplaintId, agentId: AgentId, at: IsoInstant });
export const StartComplaintWork = tagged('StartComplaintWork', { complaintId: ComplaintId, agentId: AgentId, at: IsoInstant });
export const AskComplaintCustomer = tagged('AskComplaintCustomer', { complaintId: ComplaintId, question: t.string, at: IsoInstant });
export const RecordComplaintAnswer = tagged('RecordComplaintAnswer', { complaintId: ComplaintId, answer: t.string, at: IsoInstant });
/** Resolve; `articleId` (optional) cites the knowledge-base article the resolution followed. */
export const ResolveComplaint = taggedWithOptional(
  'ResolveComplaint',
  { complaintId: ComplaintId, agentId: AgentId, resolution: ComplaintResolution, at: IsoInstant },
  { articleId: ComplaintArticleId },
);
export const CloseComplaint = tagged('CloseComplaint', { complaintId: ComplaintId, at: IsoInstant });
export const ReopenComplaint = tagged('ReopenComplaint', { complaintId: ComplaintId, reason: ShortText, at: IsoInstant });
/** By hand, to level 2 (supervisor) or 3 (manager), with a reason. */
export const EscalateComplaint = tagged('EscalateComplaint', { complaintId: ComplaintId, toLevel: PositiveInt, reason: ShortText, at: IsoInstant });
/** Issued by `dueComplaintWork`: records a passed due time and escalates one level. */
export const RecordComplaintSlaBreach = tagged('RecordComplaintSlaBreach', { complaintId: ComplaintId, clock: SlaClock, at: IsoInstant });
export const RateComplaintSatisfaction = tagged('RateComplaintSatisfaction', {
  complaintId: ComplaintId,
  score: t.union([t.literal(1), t.literal(2), t.literal(3), t.literal(4), t.literal(5)]),
  at: IsoInstant,
});

export const ComplaintCommand = t.union([
  FileComplaint,
  AssignComplaint,
  AcknowledgeComplaint,
  StartComplaintWork,
  AskComplaintCustomer,
  RecordComplaintAnswer,
  ResolveComplaint,
  CloseComplaint,
  ReopenComplaint,
  EscalateComplaint,
  RecordComplaintSlaBreach,
  RateComplaintSatisfaction,
]);
export type ComplaintCommand = t.TypeOf<typeof ComplaintCommand>;
