import type { StoredEvent } from '../../kernel/envelope.js';
import type { Projection } from '../../kernel/projection.js';
import { PartnerEvent } from '../events.js';
import type { CustomerGrantBasis, GrantSubject, PartnerKind } from '../values.js';

/** A partner and what it may read now (`partners.scope`, keyed by partnerId). */
export interface PartnerScopeDoc {
  readonly tenantId: string;
  readonly partnerId: string;
  readonly kind: PartnerKind;
  readonly name: string;
  readonly registeredAt: string;
  /** Customers in scope: why, and since when. */
  readonly customers: Readonly<Record<string, { readonly basis: CustomerGrantBasis; readonly since: string }>>;
  /** Opportunities assigned to the partner, and since when. */
  readonly opportunities: Readonly<Record<string, { readonly since: string }>>;
  /** Grants taken back, oldest first. */
  readonly revocations: readonly { readonly subject: GrantSubject; readonly id: string; readonly reason: string | null; readonly at: string }[];
}

const EMPTY: PartnerScopeDoc = { tenantId: '', partnerId: '', kind: 'reseller', name: '', registeredAt: '', customers: {}, opportunities: {}, revocations: [] };

const without = <V>(r: Readonly<Record<string, V>>, id: string): Record<string, V> => {
  const { [id]: _, ...rest } = r;
  return rest;
};

const apply = (d: PartnerScopeDoc, e: StoredEvent<PartnerEvent>): PartnerScopeDoc => {
  switch (e.type) {
    case 'PartnerRegistered':
      return { ...EMPTY, tenantId: e.metadata.tenantId, partnerId: e.data.partnerId, kind: e.data.kind, name: e.data.name, registeredAt: e.data.at };
    case 'PartnerCustomerGranted':
      return { ...d, customers: { ...d.customers, [e.data.customerId]: { basis: e.data.basis, since: e.data.at } } };
    case 'PartnerOpportunityAssigned':
      return { ...d, opportunities: { ...d.opportunities, [e.data.opportunityId]: { since: e.data.at } } };
    case 'PartnerGrantRevoked': {
      const { subject, id, reason, at } = e.data;
      const revocations = [...d.revocations, { subject, id, reason, at }];
      return subject === 'customer' ? { ...d, customers: without(d.customers, id), revocations } : { ...d, opportunities: without(d.opportunities, id), revocations };
    }
  }
};

/** Each partner's scope: the customers and opportunities it may read, and the grants revoked. */
export const partnerScope: Projection<PartnerScopeDoc, PartnerEvent> = {
  name: 'partners.scope',
  version: 1,
  events: PartnerEvent,
  init: () => EMPTY,
  keyOf: (e) => e.data.partnerId,
  apply,
};

/** Whether a customer is in the scope (a missing scope holds nothing). */
export const customerInScope = (scope: PartnerScopeDoc | undefined, customerId: string | null | undefined): boolean =>
  scope !== undefined && typeof customerId === 'string' && Object.prototype.hasOwnProperty.call(scope.customers, customerId);

/** Whether an opportunity is assigned to the partner (a missing scope holds nothing). */
export const opportunityInScope = (scope: PartnerScopeDoc | undefined, opportunityId: string | null | undefined): boolean =>
  scope !== undefined && typeof opportunityId === 'string' && Object.prototype.hasOwnProperty.call(scope.opportunities, opportunityId);
