import type { StoredEvent } from '../../kernel/envelope.js';
import type { Projection } from '../../kernel/projection.js';
import type { ReadModelStore } from '../../kernel/readModelStore.js';
import { OpportunityEvent } from '../events.js';
import type { SalesDocumentKind, SalesDocumentStatus, Stage } from '../values.js';

/** One opportunity as the sales reports read it (`sales.opportunity`, keyed by opportunityId). */
export interface OpportunityDoc {
  readonly tenantId: string;
  readonly opportunityId: string;
  readonly title: string;
  readonly ownerId: string;
  readonly territoryId: string | null;
  readonly leadId: string | null;
  readonly customerId: string | null;
  readonly amount: number;
  readonly expectedCloseDate: string;
  readonly stage: Stage;
  /** Integer percent: the policy's at the last stage move; 100 won, 0 lost. */
  readonly probability: number;
  readonly openedAt: string;
  /** When it entered its current stage. */
  readonly stageSince: string;
  readonly closedAt: string | null;
  readonly lossReason: string | null;
  readonly documents: Readonly<Record<string, { readonly kind: SalesDocumentKind; readonly name: string; readonly version: number; readonly status: SalesDocumentStatus }>>;
}

const EMPTY: OpportunityDoc = {
  tenantId: '',
  opportunityId: '',
  title: '',
  ownerId: '',
  territoryId: null,
  leadId: null,
  customerId: null,
  amount: 0,
  expectedCloseDate: '',
  stage: 'prospecting',
  probability: 0,
  openedAt: '',
  stageSince: '',
  closedAt: null,
  lossReason: null,
  documents: {},
};

const apply = (d: OpportunityDoc, e: StoredEvent<OpportunityEvent>): OpportunityDoc => {
  switch (e.type) {
    case 'OpportunityOpened': {
      const x = e.data;
      return {
        ...EMPTY,
        tenantId: e.metadata.tenantId,
        opportunityId: x.opportunityId,
        title: x.title,
        ownerId: x.ownerId,
        territoryId: x.territoryId,
        leadId: x.leadId,
        customerId: x.customerId,
        amount: x.amount,
        expectedCloseDate: x.expectedCloseDate,
        stage: 'prospecting',
        probability: x.probability,
        openedAt: x.at,
        stageSince: x.at,
      };
    }
    case 'OpportunityStageMoved':
      return { ...d, stage: e.data.to, probability: e.data.probability, stageSince: e.data.at };
    case 'OpportunityWon':
      return { ...d, stage: 'won', probability: 100, stageSince: e.data.at, closedAt: e.data.at };
    case 'OpportunityLost':
      return { ...d, stage: 'lost', probability: 0, stageSince: e.data.at, closedAt: e.data.at, lossReason: e.data.reason };
    case 'OpportunityAmountChanged':
      return { ...d, amount: e.data.amount };
    case 'OpportunityCloseDateChanged':
      return { ...d, expectedCloseDate: e.data.expectedCloseDate };
    case 'OpportunityReassigned':
      return { ...d, ownerId: e.data.ownerId, territoryId: e.data.territoryId };
    case 'OpportunityDocumentAttached': {
      const { documentId, kind, name, version } = e.data;
      return { ...d, documents: { ...d.documents, [documentId]: { kind, name, version, status: 'draft' } } };
    }
    case 'OpportunityDocumentStatusChanged': {
      const doc = d.documents[e.data.documentId];
      return doc ? { ...d, documents: { ...d.documents, [e.data.documentId]: { ...doc, status: e.data.to } } } : d;
    }
  }
};

/** Every opportunity of a shop, one document each: what the pipeline, forecast and rates read. */
export const opportunityBook: Projection<OpportunityDoc, OpportunityEvent> = {
  name: 'sales.opportunity',
  version: 1,
  events: OpportunityEvent,
  init: () => EMPTY,
  keyOf: (e) => e.data.opportunityId,
  apply,
};

/** One shop's opportunity documents, by id. */
export const readOpportunities = async (readModels: ReadModelStore, tenantId: string): Promise<OpportunityDoc[]> => {
  const out: OpportunityDoc[] = [];
  for await (const d of readModels.query<OpportunityDoc>(opportunityBook.name, tenantId, { orderBy: { field: 'opportunityId' } })) out.push(d);
  return out;
};
