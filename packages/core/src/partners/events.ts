import * as t from 'io-ts';
import { IsoInstant, ShortText, tagged } from '../kernel/codecs.js';
import { CustomerId } from '../shared/ids.js';
import { nullable } from '../customers/values.js';
import { OpportunityId } from '../sales/ids.js';
import { GrantedId, PartnerId } from './ids.js';
import { AccessedId, AccessOutcome, CustomerGrantBasis, GrantSubject, PartnerKind } from './values.js';

/**
 * Events of one partner and its scope, stream `partner-<tenant>.<partnerId>`: registration,
 * the customers granted to it, the opportunities assigned to it, and revocations.
 */
export const PartnerRegistered = tagged('PartnerRegistered', { partnerId: PartnerId, kind: PartnerKind, name: ShortText, at: IsoInstant });
export const PartnerCustomerGranted = tagged('PartnerCustomerGranted', {
  partnerId: PartnerId,
  customerId: CustomerId,
  basis: CustomerGrantBasis,
  at: IsoInstant,
});
export const PartnerOpportunityAssigned = tagged('PartnerOpportunityAssigned', { partnerId: PartnerId, opportunityId: OpportunityId, at: IsoInstant });
/** A customer or an opportunity leaves the partner's scope: from now on it reads as not found. */
export const PartnerGrantRevoked = tagged('PartnerGrantRevoked', {
  partnerId: PartnerId,
  subject: GrantSubject,
  /** The customerId or opportunityId. */
  id: GrantedId,
  reason: nullable(ShortText),
  at: IsoInstant,
});

export const PartnerEvent = t.union([PartnerRegistered, PartnerCustomerGranted, PartnerOpportunityAssigned, PartnerGrantRevoked]);
export type PartnerEvent = t.TypeOf<typeof PartnerEvent>;

/**
 * One read through a partner's access (DOMAIN §12: each access is audited), stream
 * `partnerAccess-<tenant>.<partnerId>`. `read` names the read (`customer360.get`...), `id`
 * the id asked for (null for a list), `returned` the ids of the documents handed out.
 */
export const PartnerAccessRecorded = tagged('PartnerAccessRecorded', {
  partnerId: PartnerId,
  read: ShortText,
  id: nullable(AccessedId),
  outcome: AccessOutcome,
  returned: t.array(ShortText),
  at: IsoInstant,
});
export const PartnerAccessEvent = PartnerAccessRecorded;
export type PartnerAccessEvent = t.TypeOf<typeof PartnerAccessEvent>;
