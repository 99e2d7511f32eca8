import * as t from 'io-ts';

/**
 * What kind of partner brings the shop customers: a reseller (网店代销), a campus agent
 * (校园代理) or a partner site (合作网站).
 */
export const PartnerKind = t.keyof({ reseller: null, campusAgent: null, partnerSite: null }, 'PartnerKind');
export type PartnerKind = t.TypeOf<typeof PartnerKind>;

/** What a grant opens to a partner: one customer (with what belongs to them) or one opportunity. */
export const GrantSubject = t.keyof({ customer: null, opportunity: null }, 'GrantSubject');
export type GrantSubject = t.TypeOf<typeof GrantSubject>;

/** Why a customer is in a partner's scope: the partner brought them, or the shop granted them. */
export const CustomerGrantBasis = t.keyof({ brought: null, granted: null }, 'CustomerGrantBasis');
export type CustomerGrantBasis = t.TypeOf<typeof CustomerGrantBasis>;

/** Whether a read through a partner's access was inside its scope. */
export const AccessOutcome = t.keyof({ granted: null, denied: null }, 'AccessOutcome');
export type AccessOutcome = t.TypeOf<typeof AccessOutcome>;

/** The longest requested id an access record keeps; a longer one is kept cut to this length. */
export const MAX_ACCESSED_ID_LENGTH = 200;

export interface AccessedIdBrand {
  readonly AccessedId: unique symbol;
}
/** The id a partner asked for, as given (it may name nothing): at most 200 characters. */
export const AccessedId = t.brand(
  t.string,
  (s): s is t.Branded<string, AccessedIdBrand> => s.length <= MAX_ACCESSED_ID_LENGTH,
  'AccessedId',
);
export type AccessedId = t.TypeOf<typeof AccessedId>;
