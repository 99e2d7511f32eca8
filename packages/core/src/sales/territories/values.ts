import * as t from 'io-ts';
import { ShortText } from '../../kernel/codecs.js';

const POSTCODE_PREFIX = /^\d{1,6}$/;
/** The leading 1–6 digits of a Chinese postcode (邮政编码). */
export const PostcodePrefix = t.refinement(t.string, (s) => POSTCODE_PREFIX.test(s), 'PostcodePrefix (1-6 digits)');
const POSTCODE = /^\d{6}$/;
export const Postcode = t.refinement(t.string, (s) => POSTCODE.test(s), 'Postcode (6 digits)');

/** What a territory covers: any of these may match (at least one list must be given). */
export const TerritoryCriteria = t.partial(
  { provinces: t.array(ShortText), cities: t.array(ShortText), postcodePrefixes: t.array(PostcodePrefix), industries: t.array(ShortText) },
  'TerritoryCriteria',
);
export type TerritoryCriteria = t.TypeOf<typeof TerritoryCriteria>;

/** Where a lead or customer is and what it does, as far as known. */
export const TerritorySubject = t.partial({ province: ShortText, city: ShortText, postcode: Postcode, industry: ShortText }, 'TerritorySubject');
export type TerritorySubject = t.TypeOf<typeof TerritorySubject>;

/** What a territory hands out to its reps. */
export const TerritoryItemKind = t.keyof({ lead: null, opportunity: null }, 'TerritoryItemKind');
export type TerritoryItemKind = t.TypeOf<typeof TerritoryItemKind>;

/** Whether criteria name anything at all. */
export const hasCriteria = (c: TerritoryCriteria): boolean =>
  [c.provinces, c.cities, c.postcodePrefixes, c.industries].some((list) => list !== undefined && list.length > 0);
