import * as t from 'io-ts';
import { Fen, IsoInstant, ShortText, tagged } from '../kernel/codecs.js';
import { AgentId, CustomerId, LeadId } from '../shared/ids.js';
import { CalendarDate } from '../customers/input.js';
import { nullable } from '../customers/values.js';
import { OpportunityId, SalesDocumentId, TerritoryId } from './ids.js';
import { DocumentVersion, OpenStage, OpportunityLossReason, SalesDocumentKind, SalesDocumentMove } from './values.js';

/**
 * Open an opportunity for a customer, or from a lead (`leadId`). The decider trusts
 * `leadId`: open from a lead with {@link openOpportunityFromLead}, which reads the lead's
 * stream and refuses a lead that was never qualified.
 */
export const OpenOpportunity = tagged('OpenOpportunity', {
  opportunityId: OpportunityId,
  title: ShortText,
  amount: Fen,
  expectedCloseDate: CalendarDate,
  ownerId: AgentId,
  territoryId: nullable(TerritoryId),
  leadId: nullable(LeadId),
  customerId: nullable(CustomerId),
  at: IsoInstant,
});
/** Move to another open stage (forward or back); the probability comes from the policy. */
export const MoveOpportunityStage = tagged('MoveOpportunityStage', { opportunityId: OpportunityId, stage: OpenStage, at: IsoInstant });
export const WinOpportunity = tagged('WinOpportunity', { opportunityId: OpportunityId, at: IsoInstant });
export const LoseOpportunity = tagged('LoseOpportunity', {
  opportunityId: OpportunityId,
  reason: OpportunityLossReason,
  note: nullable(ShortText),
  at: IsoInstant,
});
export const ChangeOpportunityAmount = tagged('ChangeOpportunityAmount', { opportunityId: OpportunityId, amount: Fen, at: IsoInstant });
export const ChangeOpportunityCloseDate = tagged('ChangeOpportunityCloseDate', {
  opportunityId: OpportunityId,
  expectedCloseDate: CalendarDate,
  at: IsoInstant,
});
export const ReassignOpportunity = tagged('ReassignOpportunity', {
  opportunityId: OpportunityId,
  ownerId: AgentId,
  territoryId: nullable(TerritoryId),
  at: IsoInstant,
});
export const AttachOpportunityDocument = tagged('AttachOpportunityDocument', {
  opportunityId: OpportunityId,
  documentId: SalesDocumentId,
  kind: SalesDocumentKind,
  name: ShortText,
  version: DocumentVersion,
  at: IsoInstant,
});
/** draft → sent → accepted | rejected. */
export const ChangeOpportunityDocumentStatus = tagged('ChangeOpportunityDocumentStatus', {
  opportunityId: OpportunityId,
  documentId: SalesDocumentId,
  status: SalesDocumentMove,
  at: IsoInstant,
});

export const OpportunityCommand = t.union([
  OpenOpportunity,
  MoveOpportunityStage,
  WinOpportunity,
  LoseOpportunity,
  ChangeOpportunityAmount,
  ChangeOpportunityCloseDate,
  ReassignOpportunity,
  AttachOpportunityDocument,
  ChangeOpportunityDocumentStatus,
]);
export type OpportunityCommand = t.TypeOf<typeof OpportunityCommand>;
