import * as t from 'io-ts';
import { Fen, IsoInstant, ShortText, tagged } from '../kernel/codecs.js';
import { AgentId, CustomerId, LeadId } from '../shared/ids.js';
import { CalendarDate } from '../customers/input.js';
import { nullable } from '../customers/values.js';
import { OpportunityId, SalesDocumentId, TerritoryId } from './ids.js';
import { DocumentVersion, OpenStage, OpportunityLossReason, Percent, SalesDocumentKind } from './values.js';

/**
 * Events of one opportunity (销售机会), stream `opportunity-<tenant>.<opportunityId>`. Each
 * carries the owner at that moment, so per-owner read models need no other stream; stage
 * moves carry the probability the policy gave at that moment.
 */
export const OpportunityOpened = tagged('OpportunityOpened', {
  opportunityId: OpportunityId,
  title: ShortText,
  amount: Fen,
  expectedCloseDate: CalendarDate,
  ownerId: AgentId,
  territoryId: nullable(TerritoryId),
  /** The qualified lead it was opened from, if any. */
  leadId: nullable(LeadId),
  customerId: nullable(CustomerId),
  stage: t.literal('prospecting'),
  probability: Percent,
  at: IsoInstant,
});
export const OpportunityStageMoved = tagged('OpportunityStageMoved', {
  opportunityId: OpportunityId,
  ownerId: AgentId,
  from: OpenStage,
  to: OpenStage,
  probability: Percent,
  at: IsoInstant,
});
export const OpportunityWon = tagged('OpportunityWon', { opportunityId: OpportunityId, ownerId: AgentId, from: OpenStage, amount: Fen, at: IsoInstant });
export const OpportunityLost = tagged('OpportunityLost', {
  opportunityId: OpportunityId,
  ownerId: AgentId,
  from: OpenStage,
  reason: OpportunityLossReason,
  note: nullable(ShortText),
  at: IsoInstant,
});
export const OpportunityAmountChanged = tagged('OpportunityAmountChanged', {
  opportunityId: OpportunityId,
  ownerId: AgentId,
  amount: Fen,
  previousAmount: Fen,
  at: IsoInstant,
});
export const OpportunityCloseDateChanged = tagged('OpportunityCloseDateChanged', {
  opportunityId: OpportunityId,
  ownerId: AgentId,
  expectedCloseDate: CalendarDate,
  previousCloseDate: CalendarDate,
  at: IsoInstant,
});
/** A new owner (by hand or by a territory's redefinition); `territoryId` is the territory after the move. */
export const OpportunityReassigned = tagged('OpportunityReassigned', {
  opportunityId: OpportunityId,
  ownerId: AgentId,
  previousOwnerId: AgentId,
  territoryId: nullable(TerritoryId),
  at: IsoInstant,
});
export const OpportunityDocumentAttached = tagged('OpportunityDocumentAttached', {
  opportunityId: OpportunityId,
  ownerId: AgentId,
  documentId: SalesDocumentId,
  kind: SalesDocumentKind,
  name: ShortText,
  version: DocumentVersion,
  at: IsoInstant,
});
export const OpportunityDocumentStatusChanged = tagged('OpportunityDocumentStatusChanged', {
  opportunityId: OpportunityId,
  ownerId: AgentId,
  documentId: SalesDocumentId,
  from: t.keyof({ draft: null, sent: null }),
  to: t.keyof({ sent: null, accepted: null, rejected: null }),
  at: IsoInstant,
});

export const OpportunityEvent = t.union([
  OpportunityOpened,
  OpportunityStageMoved,
  OpportunityWon,
  OpportunityLost,
  OpportunityAmountChanged,
  OpportunityCloseDateChanged,
  OpportunityReassigned,
  OpportunityDocumentAttached,
  OpportunityDocumentStatusChanged,
]);
export type OpportunityEvent = t.TypeOf<typeof OpportunityEvent>;
