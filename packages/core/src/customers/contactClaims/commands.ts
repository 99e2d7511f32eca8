import * as t from 'io-ts';
import { tagged } from '../../kernel/codecs.js';
import { CustomerContactClaimed, CustomerContactReleased } from './events.js';

/** Take a contact for a customer; refused while another customer holds it. */
export const ClaimCustomerContact = tagged('ClaimCustomerContact', CustomerContactClaimed.props.data.props);
/** Give a contact up (on erasure, or when a registration that claimed it was refused). */
export const ReleaseCustomerContact = tagged('ReleaseCustomerContact', CustomerContactReleased.props.data.props);

export const ContactClaimCommand = t.union([ClaimCustomerContact, ReleaseCustomerContact]);
export type ContactClaimCommand = t.TypeOf<typeof ContactClaimCommand>;
