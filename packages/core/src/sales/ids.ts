import type * as t from 'io-ts';
import { idCodec } from '../kernel/codecs.js';

/** One sales opportunity (销售机会). */
export const OpportunityId = idCodec('OpportunityId');
export type OpportunityId = t.TypeOf<typeof OpportunityId>;
/** A proposal or contract attached to an opportunity. */
export const SalesDocumentId = idCodec('SalesDocumentId');
export type SalesDocumentId = t.TypeOf<typeof SalesDocumentId>;
/** A sales territory (地域). */
export const TerritoryId = idCodec('TerritoryId');
export type TerritoryId = t.TypeOf<typeof TerritoryId>;
