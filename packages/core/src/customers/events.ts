import * as t from 'io-ts';
import { IsoInstant, ShortText, tagged } from '../kernel/codecs.js';
import { AgentId, CustomerId } from '../shared/ids.js';
import { BlindIndex, ContactKind, SealedText } from '../privacy/sealedText.js';
import { AcquisitionChannel, BodySize, ConsentChannel, ContactType, Gender, HouseholdMember, Label, Notes, nullable, Summary } from './values.js';

/**
 * Events of one customer (stream `customer-<tenant>.<customerId>`). Personal fields (name,
 * phone, email, addresses, birthday) are {@link SealedText}: the events never hold them in
 * the clear, and erasing the customer's key leaves them unreadable.
 */

/** A sealed phone or email with the blind index its uniqueness claim was taken on. */
export const SealedContact = t.type({ sealed: SealedText, index: BlindIndex }, 'SealedContact');
export type SealedContact = t.TypeOf<typeof SealedContact>;

export const CustomerRegistered = tagged('CustomerRegistered', {
  customerId: CustomerId,
  name: SealedText,
  phone: nullable(SealedContact),
  email: nullable(SealedContact),
  channel: AcquisitionChannel,
  referrerId: nullable(CustomerId),
});

/** The profile fields that change; a field left out is unchanged. `null` clears birthday, gender or body size. */
export const ProfileChanges = t.partial(
  {
    /** Each address sealed as the JSON of an {@link Address}. */
    addresses: t.array(SealedText),
    /** Sealed `YYYY-MM-DD`. */
    birthday: nullable(SealedText),
    gender: nullable(Gender),
    bodySize: nullable(BodySize),
    household: t.array(HouseholdMember),
    tags: t.array(Label),
    groups: t.array(Label),
    notes: Notes,
  },
  'ProfileChanges',
);
export type ProfileChanges = t.TypeOf<typeof ProfileChanges>;

export const CustomerProfileUpdated = tagged('CustomerProfileUpdated', { customerId: CustomerId, changes: ProfileChanges });

/** One interaction with the customer: the customer archive (客户档案). */
export const CustomerContactLogged = tagged('CustomerContactLogged', {
  customerId: CustomerId,
  contactType: ContactType,
  at: IsoInstant,
  agentId: AgentId,
  summary: Summary,
});

export const CustomerConsentGiven = tagged('CustomerConsentGiven', { customerId: CustomerId, channel: ConsentChannel, at: IsoInstant });
export const CustomerConsentWithdrawn = tagged('CustomerConsentWithdrawn', { customerId: CustomerId, channel: ConsentChannel, at: IsoInstant });

/** A released uniqueness claim: the contact's kind and blind index. */
export const ClaimedContact = t.type({ kind: ContactKind, index: BlindIndex }, 'ClaimedContact');
export type ClaimedContact = t.TypeOf<typeof ClaimedContact>;

/**
 * The customer's key was erased: every sealed field is unreadable from now on. `contacts`
 * are the uniqueness claims to release, so the phone or email may be registered again.
 */
export const CustomerPersonalDataErased = tagged('CustomerPersonalDataErased', {
  customerId: CustomerId,
  contacts: t.array(ClaimedContact),
  reason: nullable(ShortText),
});

export const CustomerEvent = t.union([
  CustomerRegistered,
  CustomerProfileUpdated,
  CustomerContactLogged,
  CustomerConsentGiven,
  CustomerConsentWithdrawn,
  CustomerPersonalDataErased,
]);
export type CustomerEvent = t.TypeOf<typeof CustomerEvent>;
