import * as E from 'fp-ts/lib/Either.js';
import { absurd } from 'fp-ts/lib/function.js';
import type { Fen } from '../kernel/codecs.js';
import type { Decider } from '../kernel/decider.js';
import { domainError, type DomainError } from '../kernel/errors.js';
import type { AgentId, CustomerId, LeadId } from '../shared/ids.js';
import type { OpportunityCommand } from './commands.js';
import type { OpportunityEvent } from './events.js';
import type { OpportunityId, SalesDocumentId, TerritoryId } from './ids.js';
import type { StageProbabilities } from './policy.js';
import type { SalesDocumentKind, SalesDocumentStatus, Stage } from './values.js';

export const OPPORTUNITY_ERROR_CODES = [
  'OPPORTUNITY_NOT_FOUND',
  'OPPORTUNITY_EXISTS',
  'OPPORTUNITY_NO_PARTY',
  'OPPORTUNITY_ILLEGAL_MOVE',
  'OPPORTUNITY_DOCUMENT_EXISTS',
  'OPPORTUNITY_DOCUMENT_NOT_FOUND',
  'OPPORTUNITY_DOCUMENT_ILLEGAL_MOVE',
] as const;
export type OpportunityErrorCode = (typeof OPPORTUNITY_ERROR_CODES)[number];

export interface OpportunityDocumentState {
  readonly kind: SalesDocumentKind;
  readonly name: string;
  readonly version: number;
  readonly status: SalesDocumentStatus;
}

export type Opportunity =
  | { readonly status: 'none' }
  | {
      readonly status: Stage;
      readonly opportunityId: OpportunityId;
      readonly ownerId: AgentId;
      readonly territoryId: TerritoryId | null;
      readonly leadId: LeadId | null;
      readonly customerId: CustomerId | null;
      readonly amount: Fen;
      readonly expectedCloseDate: string;
      readonly documents: Readonly<Record<string, OpportunityDocumentState>>;
    };

type Decision = E.Either<DomainError<OpportunityErrorCode>, readonly OpportunityEvent[]>;

const no = (code: OpportunityErrorCode, message: string, field: string, details?: Record<string, unknown>): Decision =>
  E.left(domainError(code, message, ['data', field], details));

/** Every command but open needs an open opportunity; the refusal names the stage it is in. */
const closed = (c: OpportunityCommand, stage: Stage): Decision =>
  no('OPPORTUNITY_ILLEGAL_MOVE', `opportunity is ${stage}: won and lost are final (open a new opportunity instead)`, 'opportunityId', {
    stage,
    command: c.type,
  });

/** Document moves: which status each target may be reached from. */
const DOCUMENT_FROM: Record<'sent' | 'accepted' | 'rejected', 'draft' | 'sent'> = { sent: 'draft', accepted: 'sent', rejected: 'sent' };

const decideFor =
  (probabilities: StageProbabilities) =>
  (c: OpportunityCommand, s: Opportunity): Decision => {
    const { opportunityId } = c.data;
    if (c.type === 'OpenOpportunity') {
      if (s.status !== 'none') return no('OPPORTUNITY_EXISTS', `opportunity ${opportunityId} is already open (${s.status})`, 'opportunityId', { stage: s.status });
      if (c.data.leadId === null && c.data.customerId === null)
        return no('OPPORTUNITY_NO_PARTY', 'an opportunity is opened from a lead or for a customer: give leadId or customerId', 'customerId');
      return E.right([{ type: 'OpportunityOpened', data: { ...c.data, stage: 'prospecting', probability: probabilities.prospecting } }]);
    }
    if (s.status === 'none') return no('OPPORTUNITY_NOT_FOUND', `opportunity ${opportunityId} was never opened`, 'opportunityId');
    const { ownerId } = s;
    const at = c.data.at;
    // documents change status after the opportunity closes too (a contract accepted after winning)
    if (c.type === 'ChangeOpportunityDocumentStatus') {
      const d = s.documents[c.data.documentId];
      if (!d) return no('OPPORTUNITY_DOCUMENT_NOT_FOUND', `no document ${c.data.documentId} on opportunity ${opportunityId}`, 'documentId');
      const from = DOCUMENT_FROM[c.data.status];
      if (d.status !== from)
        return no('OPPORTUNITY_DOCUMENT_ILLEGAL_MOVE', `document is ${d.status}: only a ${from} document can become ${c.data.status}`, 'status', {
          status: d.status,
        });
      return E.right([{ type: 'OpportunityDocumentStatusChanged', data: { opportunityId, ownerId, documentId: c.data.documentId, from, to: c.data.status, at } }]);
    }
    if (s.status === 'won' || s.status === 'lost') return closed(c, s.status);
    const stage = s.status;
    switch (c.type) {
      case 'MoveOpportunityStage':
        if (c.data.stage === stage) return no('OPPORTUNITY_ILLEGAL_MOVE', `opportunity is already in ${stage}`, 'stage', { stage, command: c.type });
        return E.right([{ type: 'OpportunityStageMoved', data: { opportunityId, ownerId, from: stage, to: c.data.stage, probability: probabilities[c.data.stage], at } }]);
      case 'WinOpportunity':
        return E.right([{ type: 'OpportunityWon', data: { opportunityId, ownerId, from: stage, amount: s.amount, at } }]);
      case 'LoseOpportunity':
        return E.right([{ type: 'OpportunityLost', data: { opportunityId, ownerId, from: stage, reason: c.data.reason, note: c.data.note, at } }]);
      case 'ChangeOpportunityAmount':
        if (c.data.amount === s.amount) return E.right([]);
        return E.right([{ type: 'OpportunityAmountChanged', data: { opportunityId, ownerId, amount: c.data.amount, previousAmount: s.amount, at } }]);
      case 'ChangeOpportunityCloseDate':
        if (c.data.expectedCloseDate === s.expectedCloseDate) return E.right([]);
        return E.right([
          {
            type: 'OpportunityCloseDateChanged',
            data: { opportunityId, ownerId, expectedCloseDate: c.data.expectedCloseDate, previousCloseDate: s.expectedCloseDate, at },
          },
        ]);
      case 'ReassignOpportunity':
        if (c.data.ownerId === ownerId && c.data.territoryId === s.territoryId) return E.right([]);
        return E.right([{ type: 'OpportunityReassigned', data: { opportunityId, ownerId: c.data.ownerId, previousOwnerId: ownerId, territoryId: c.data.territoryId, at } }]);
      case 'AttachOpportunityDocument': {
        const { documentId, kind, name, version } = c.data;
        if (s.documents[documentId]) return no('OPPORTUNITY_DOCUMENT_EXISTS', `document ${documentId} is already attached`, 'documentId');
        const same = Object.entries(s.documents).find(([, d]) => d.kind === kind && d.name === name && d.version === version);
        if (same) return no('OPPORTUNITY_DOCUMENT_EXISTS', `${kind} "${name}" version ${version} is already attached as ${same[0]}`, 'version', { documentId: same[0] });
        return E.right([{ type: 'OpportunityDocumentAttached', data: { opportunityId, ownerId, documentId, kind, name, version, at } }]);
      }
      default:
        return absurd(c);
    }
  };

const evolve = (s: Opportunity, e: OpportunityEvent): Opportunity => {
  if (e.type === 'OpportunityOpened') {
    const { opportunityId, ownerId, territoryId, leadId, customerId, amount, expectedCloseDate } = e.data;
    return { status: 'prospecting', opportunityId, ownerId, territoryId, leadId, customerId, amount, expectedCloseDate, documents: {} };
  }
  if (s.status === 'none') return s;
  switch (e.type) {
    case 'OpportunityStageMoved':
      return { ...s, status: e.data.to };
    case 'OpportunityWon':
      return { ...s, status: 'won' };
    case 'OpportunityLost':
      return { ...s, status: 'lost' };
    case 'OpportunityAmountChanged':
      return { ...s, amount: e.data.amount };
    case 'OpportunityCloseDateChanged':
      return { ...s, expectedCloseDate: e.data.expectedCloseDate };
    case 'OpportunityReassigned':
      return { ...s, ownerId: e.data.ownerId, territoryId: e.data.territoryId };
    case 'OpportunityDocumentAttached': {
      const { documentId, kind, name, version } = e.data;
      return { ...s, documents: { ...s.documents, [documentId]: { kind, name, version, status: 'draft' } } };
    }
    case 'OpportunityDocumentStatusChanged': {
      const d = s.documents[e.data.documentId];
      return d ? { ...s, documents: { ...s.documents, [e.data.documentId]: { ...d, status: e.data.to } } } : s;
    }
    default:
      return absurd(e);
  }
};

/**
 * One opportunity: prospecting → qualification → proposal → negotiation (any open stage to
 * any other), then won or lost, both final. Stage probabilities come from the policy and
 * are recorded on each move, so a later policy change does not rewrite history.
 */
export const opportunityDeciderFor = (
  probabilities: StageProbabilities,
): Decider<Opportunity, OpportunityCommand, OpportunityEvent, DomainError<OpportunityErrorCode>> => ({
  initialState: () => ({ status: 'none' }),
  decide: decideFor(probabilities),
  evolve,
});
