import * as E from 'fp-ts/lib/Either.js';
import { absurd } from 'fp-ts/lib/function.js';
import type { IsoInstant } from '../kernel/codecs.js';
import type { Decider } from '../kernel/decider.js';
import { domainError, type DomainError } from '../kernel/errors.js';
import type { CustomerId } from '../shared/ids.js';
import type { CustomerCommand } from './commands.js';
import type { ClaimedContact, CustomerEvent } from './events.js';
import type { ConsentChannel } from './values.js';

export const CUSTOMER_ERROR_CODES = [
  'CUSTOMER_ALREADY_REGISTERED',
  'CUSTOMER_NOT_FOUND',
  'CUSTOMER_ERASED',
  'CUSTOMER_CONTACT_REQUIRED',
  'CUSTOMER_SELF_REFERRAL',
  'CUSTOMER_NOTHING_TO_UPDATE',
  'CUSTOMER_DUPLICATE_CONTACT',
  'CUSTOMER_CONTACT_NOT_HELD',
] as const;
export type CustomerErrorCode = (typeof CUSTOMER_ERROR_CODES)[number];

/** Whether the customer agreed to be reached on a channel, and since when. */
export interface ConsentState {
  readonly given: boolean;
  readonly at: IsoInstant;
}

/** What the decider knows of a customer: never a personal field, only what rules need. */
export type Customer =
  | { readonly status: 'none' }
  | {
      readonly status: 'registered';
      readonly customerId: CustomerId;
      readonly contacts: readonly ClaimedContact[];
      readonly consent: Readonly<Partial<Record<ConsentChannel, ConsentState>>>;
    }
  | { readonly status: 'erased'; readonly customerId: CustomerId };

const no = (code: CustomerErrorCode, message: string, field: string, details?: Record<string, unknown>) =>
  E.left(domainError(code, message, ['data', field], details));

type Decision = E.Either<DomainError<CustomerErrorCode>, readonly CustomerEvent[]>;

const register = (c: Extract<CustomerCommand, { type: 'RegisterCustomer' }>, s: Customer): Decision => {
  const d = c.data;
  if (s.status !== 'none') return no('CUSTOMER_ALREADY_REGISTERED', `customer ${d.customerId} is already registered`, 'customerId');
  if (d.phone === null && d.email === null) return no('CUSTOMER_CONTACT_REQUIRED', 'a customer needs a phone or an email', 'phone');
  if (d.referrerId === d.customerId) return no('CUSTOMER_SELF_REFERRAL', 'a customer cannot refer themselves', 'referrerId');
  return E.right([{ type: 'CustomerRegistered', data: d }]);
};

const decide = (c: CustomerCommand, s: Customer): Decision => {
  if (c.type === 'RegisterCustomer') return register(c, s);
  const id = c.data.customerId;
  if (s.status === 'none') return no('CUSTOMER_NOT_FOUND', `customer ${id} is not registered`, 'customerId');
  if (s.status === 'erased')
    return no('CUSTOMER_ERASED', `the personal data of customer ${id} was erased`, 'customerId', { customerId: id });
  switch (c.type) {
    case 'UpdateCustomerProfile':
      return Object.values(c.data.changes).every((v) => v === undefined)
        ? no('CUSTOMER_NOTHING_TO_UPDATE', 'the update changes no field', 'changes')
        : E.right([{ type: 'CustomerProfileUpdated', data: c.data }]);
    case 'LogCustomerContact':
      return E.right([{ type: 'CustomerContactLogged', data: c.data }]);
    case 'GiveCustomerConsent':
      // already given: nothing changes, and the time it was first given stays
      return s.consent[c.data.channel]?.given === true ? E.right([]) : E.right([{ type: 'CustomerConsentGiven', data: c.data }]);
    case 'WithdrawCustomerConsent':
      return s.consent[c.data.channel]?.given === true ? E.right([{ type: 'CustomerConsentWithdrawn', data: c.data }]) : E.right([]);
    case 'EraseCustomerPersonalData':
      return E.right([{ type: 'CustomerPersonalDataErased', data: { customerId: id, contacts: [...s.contacts], reason: c.data.reason } }]);
    default:
      return absurd(c);
  }
};

const evolve = (s: Customer, e: CustomerEvent): Customer => {
  switch (e.type) {
    case 'CustomerRegistered': {
      const d = e.data;
      const contacts: ClaimedContact[] = [];
      if (d.phone) contacts.push({ kind: 'phone', index: d.phone.index });
      if (d.email) contacts.push({ kind: 'email', index: d.email.index });
      return { status: 'registered', customerId: d.customerId, contacts, consent: {} };
    }
    case 'CustomerConsentGiven':
    case 'CustomerConsentWithdrawn':
      return s.status !== 'registered'
        ? s
        : { ...s, consent: { ...s.consent, [e.data.channel]: { given: e.type === 'CustomerConsentGiven', at: e.data.at } } };
    case 'CustomerPersonalDataErased':
      return { status: 'erased', customerId: e.data.customerId };
    case 'CustomerProfileUpdated':
    case 'CustomerContactLogged':
      return s;
    default:
      return absurd(e);
  }
};

/** One customer: registration, profile, contact log, consent, erasure. Sees sealed fields only. */
export const customerDecider: Decider<Customer, CustomerCommand, CustomerEvent, DomainError<CustomerErrorCode>> = {
  initialState: () => ({ status: 'none' }),
  decide,
  evolve,
};
