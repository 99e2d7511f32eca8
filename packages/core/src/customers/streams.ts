import { streamName } from '../kernel/streams.js';

/** `customer-<tenant>.<customerId>`: one customer's profile, consent and contact log. */
export const CUSTOMER_CATEGORY = 'customer';
export const customerStream = (tenantId: string, customerId: string): string => streamName(CUSTOMER_CATEGORY, tenantId, customerId);

/** `customer_contact-<tenant>.<blindIndex>`: who holds one normalised phone or email. */
export const CONTACT_CLAIM_CATEGORY = 'customer_contact';
export const contactClaimStream = (tenantId: string, index: string): string => streamName(CONTACT_CLAIM_CATEGORY, tenantId, index);
