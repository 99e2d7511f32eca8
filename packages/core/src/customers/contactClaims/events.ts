import * as t from 'io-ts';
import { tagged } from '../../kernel/codecs.js';
import { CustomerId } from '../../shared/ids.js';
import { BlindIndex, ContactKind } from '../../privacy/sealedText.js';

/**
 * Who holds one normalised phone or email in a shop (stream
 * `customer_contact-<tenant>.<blindIndex>`). Only the blind index is known here, never
 * the contact itself.
 */
export const CustomerContactClaimed = tagged('CustomerContactClaimed', { index: BlindIndex, kind: ContactKind, customerId: CustomerId });
export const CustomerContactReleased = tagged('CustomerContactReleased', { index: BlindIndex, kind: ContactKind, customerId: CustomerId });

export const ContactClaimEvent = t.union([CustomerContactClaimed, CustomerContactReleased]);
export type ContactClaimEvent = t.TypeOf<typeof ContactClaimEvent>;
