import type { IsoInstant } from '../../kernel/codecs.js';
import type { Projection } from '../../kernel/projection.js';
import type { SealedText } from '../../privacy/sealedText.js';
import * as t from 'io-ts';
import { LeadConverted } from '../../leads/events.js';
import { CustomerEvent } from '../events.js';
import type { AcquisitionChannel, BodySize, ConsentChannel, ContactType, Gender, HouseholdMember } from '../values.js';

/** One entry of the contact log (客户档案). */
export interface ContactLogEntry {
  readonly contactType: ContactType;
  readonly at: IsoInstant;
  readonly agentId: string;
  readonly summary: string;
}

/**
 * The profile part of the customer 360, as stored: personal fields still sealed (open them
 * with `readCustomerProfile`). On erasure the sealed fields are dropped from the document.
 */
export interface CustomerProfileDoc {
  readonly customerId: string;
  readonly tenantId: string;
  readonly registeredAt: IsoInstant | null;
  readonly channel: AcquisitionChannel | null;
  readonly referrerId: string | null;
  readonly name?: SealedText;
  readonly phone?: SealedText;
  readonly email?: SealedText;
  readonly addresses?: readonly SealedText[];
  readonly birthday?: SealedText;
  readonly gender: Gender | null;
  readonly bodySize: BodySize | null;
  readonly household: readonly HouseholdMember[];
  readonly tags: readonly string[];
  readonly groups: readonly string[];
  readonly notes: string;
  /** Per channel: given or withdrawn, and when. A channel never asked is absent. */
  readonly consent: Readonly<Partial<Record<ConsentChannel, { readonly given: boolean; readonly at: IsoInstant }>>>;
  readonly contactLog: readonly ContactLogEntry[];
  /** The leads converted into this customer (潜在客户 → 客户), in order. */
  readonly convertedFromLeads: readonly string[];
  readonly erased: boolean;
  readonly erasedAt: IsoInstant | null;
  /** Business time of the last event applied. */
  readonly updatedAt: IsoInstant | null;
}

type Sealed = 'name' | 'phone' | 'email' | 'addresses' | 'birthday';

const withoutSealed = (doc: CustomerProfileDoc): CustomerProfileDoc => {
  const { name: _n, phone: _p, email: _e, addresses: _a, birthday: _b, ...rest } = doc;
  return rest;
};

/** Put or drop one sealed field (never kept once the customer is erased). */
const sealed = <K extends Sealed>(doc: CustomerProfileDoc, key: K, value: CustomerProfileDoc[K] | null): CustomerProfileDoc => {
  if (doc.erased) return doc;
  const { [key]: _, ...rest } = doc;
  return value === null || value === undefined ? (rest as CustomerProfileDoc) : { ...doc, [key]: value };
};

/** What the profile reads: the customer's own events, and the conversion of a lead into them. */
export const CustomerProfileEvent = t.union([CustomerEvent, LeadConverted]);
export type CustomerProfileEvent = t.TypeOf<typeof CustomerProfileEvent>;

export const customerProfile: Projection<CustomerProfileDoc, CustomerProfileEvent> = {
  name: 'customers.profile',
  version: 1,
  events: CustomerProfileEvent,
  init: () => ({
    customerId: '',
    tenantId: '',
    registeredAt: null,
    channel: null,
    referrerId: null,
    gender: null,
    bodySize: null,
    household: [],
    tags: [],
    groups: [],
    notes: '',
    consent: {},
    contactLog: [],
    convertedFromLeads: [],
    erased: false,
    erasedAt: null,
    updatedAt: null,
  }),
  keyOf: (e) => e.data.customerId,
  apply: (doc0, e) => {
    const at = e.metadata.occurredAt;
    const doc: CustomerProfileDoc = { ...doc0, customerId: e.data.customerId, tenantId: e.metadata.tenantId, updatedAt: at };
    switch (e.type) {
      case 'CustomerRegistered': {
        const d = e.data;
        let next: CustomerProfileDoc = { ...doc, registeredAt: at, channel: d.channel, referrerId: d.referrerId };
        next = sealed(next, 'name', d.name);
        next = sealed(next, 'phone', d.phone?.sealed ?? null);
        return sealed(next, 'email', d.email?.sealed ?? null);
      }
      case 'CustomerProfileUpdated': {
        const { addresses, birthday, ...open } = e.data.changes;
        let next: CustomerProfileDoc = { ...doc, ...Object.fromEntries(Object.entries(open).filter(([, v]) => v !== undefined)) };
        if (addresses !== undefined) next = sealed(next, 'addresses', addresses);
        if (birthday !== undefined) next = sealed(next, 'birthday', birthday);
        return next;
      }
      case 'CustomerContactLogged': {
        const { contactType, at: when, agentId, summary } = e.data;
        return { ...doc, contactLog: [...doc.contactLog, { contactType, at: when, agentId, summary }] };
      }
      case 'CustomerConsentGiven':
      case 'CustomerConsentWithdrawn':
        return { ...doc, consent: { ...doc.consent, [e.data.channel]: { given: e.type === 'CustomerConsentGiven', at: e.data.at } } };
      case 'CustomerPersonalDataErased':
        return { ...withoutSealed(doc), erased: true, erasedAt: at };
      case 'LeadConverted':
        return { ...doc, convertedFromLeads: [...doc.convertedFromLeads, e.data.leadId] };
    }
  },
};
