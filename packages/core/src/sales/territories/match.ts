/** Territory criteria as plain strings (a decoded `TerritoryCriteria` is one). */
export interface CriteriaLike {
  readonly provinces?: readonly string[];
  readonly cities?: readonly string[];
  readonly postcodePrefixes?: readonly string[];
  readonly industries?: readonly string[];
}
/** A subject as plain strings (a decoded `TerritorySubject` is one). */
export interface SubjectLike {
  readonly province?: string;
  readonly city?: string;
  readonly postcode?: string;
  readonly industry?: string;
}

/** How specifically a territory matches: [level, prefix length]; postcode 4 > city 3 > province 2 > industry 1. */
export type Specificity = readonly [number, number];

/** The most specific way `criteria` match `subject`, or undefined when they do not. */
export const specificityOf = (criteria: CriteriaLike, subject: SubjectLike): Specificity | undefined => {
  const { postcode, city, province, industry } = subject;
  if (postcode !== undefined) {
    const longest = Math.max(0, ...(criteria.postcodePrefixes ?? []).filter((p) => postcode.startsWith(p)).map((p) => p.length));
    if (longest > 0) return [4, longest];
  }
  if (city !== undefined && (criteria.cities ?? []).includes(city)) return [3, 0];
  if (province !== undefined && (criteria.provinces ?? []).includes(province)) return [2, 0];
  if (industry !== undefined && (criteria.industries ?? []).includes(industry)) return [1, 0];
  return undefined;
};

/**
 * The territory for a subject: the most specific match wins (postcode over city over
 * province over industry; a longer postcode prefix over a shorter); ties go to the smaller
 * territory id. Undefined when none matches.
 */
export const matchTerritory = (
  territories: Iterable<{ readonly territoryId: string; readonly criteria: CriteriaLike }>,
  subject: SubjectLike,
): string | undefined => {
  let best: { id: string; s: Specificity } | undefined;
  for (const t of territories) {
    const s = specificityOf(t.criteria, subject);
    if (!s) continue;
    const better = !best || s[0] > best.s[0] || (s[0] === best.s[0] && (s[1] > best.s[1] || (s[1] === best.s[1] && t.territoryId < best.id)));
    if (better) best = { id: t.territoryId, s };
  }
  return best?.id;
};
