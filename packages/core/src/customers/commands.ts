import * as t from 'io-ts';
import { IsoInstant, ShortText, tagged } from '../kernel/codecs.js';
import { CustomerId } from '../shared/ids.js';
import { ConsentChannel, nullable } from './values.js';
import { CustomerContactLogged, CustomerRegistered, ProfileChanges } from './events.js';

/**
 * Commands of one customer. They carry personal fields already sealed: build them with
 * `registerCustomer` / `updateCustomerProfile`, which validate, normalise, claim and
 * encrypt the plain input first.
 */
export const RegisterCustomer = tagged('RegisterCustomer', CustomerRegistered.props.data.props);
export const UpdateCustomerProfile = tagged('UpdateCustomerProfile', { customerId: CustomerId, changes: ProfileChanges });
export const LogCustomerContact = tagged('LogCustomerContact', CustomerContactLogged.props.data.props);
export const GiveCustomerConsent = tagged('GiveCustomerConsent', { customerId: CustomerId, channel: ConsentChannel, at: IsoInstant });
export const WithdrawCustomerConsent = tagged('WithdrawCustomerConsent', { customerId: CustomerId, channel: ConsentChannel, at: IsoInstant });
/** Record that the customer's key was erased (send after `vault.erase`; see `eraseCustomer`). */
export const EraseCustomerPersonalData = tagged('EraseCustomerPersonalData', { customerId: CustomerId, reason: nullable(ShortText) });

export const CustomerCommand = t.union([
  RegisterCustomer,
  UpdateCustomerProfile,
  LogCustomerContact,
  GiveCustomerConsent,
  WithdrawCustomerConsent,
  EraseCustomerPersonalData,
]);
export type CustomerCommand = t.TypeOf<typeof CustomerCommand>;
