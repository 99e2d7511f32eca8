import * as t from 'io-ts';

/** The stages an open opportunity moves through, in their usual order. */
export const OPEN_STAGES = ['prospecting', 'qualification', 'proposal', 'negotiation'] as const;
export const OpenStage = t.keyof({ prospecting: null, qualification: null, proposal: null, negotiation: null }, 'OpenStage');
export type OpenStage = t.TypeOf<typeof OpenStage>;
/** Every stage: the open ones, then won (100%) and lost (0%), both final. */
export type Stage = OpenStage | 'won' | 'lost';

/** An integer percentage 0–100. */
export interface PercentBrand {
  readonly Percent: unique symbol;
}
export const Percent = t.brand(t.number, (n): n is t.Branded<number, PercentBrand> => Number.isSafeInteger(n) && n >= 0 && n <= 100, 'Percent');
export type Percent = t.TypeOf<typeof Percent>;

/** Why an opportunity was lost. */
export const OpportunityLossReason = t.keyof(
  { price: null, competitor: null, noBudget: null, noDecision: null, timing: null, unreachable: null, other: null },
  'OpportunityLossReason',
);
export type OpportunityLossReason = t.TypeOf<typeof OpportunityLossReason>;

export const SalesDocumentKind = t.keyof({ proposal: null, contract: null }, 'SalesDocumentKind');
export type SalesDocumentKind = t.TypeOf<typeof SalesDocumentKind>;
/** A document's life: draft → sent → accepted | rejected. */
export type SalesDocumentStatus = 'draft' | 'sent' | 'accepted' | 'rejected';
export const SalesDocumentMove = t.keyof({ sent: null, accepted: null, rejected: null }, 'SalesDocumentMove');
export type SalesDocumentMove = t.TypeOf<typeof SalesDocumentMove>;

/** A document version: a positive integer. */
export interface VersionBrand {
  readonly DocumentVersion: unique symbol;
}
export const DocumentVersion = t.brand(t.number, (n): n is t.Branded<number, VersionBrand> => Number.isSafeInteger(n) && n >= 1, 'DocumentVersion');
export type DocumentVersion = t.TypeOf<typeof DocumentVersion>;
