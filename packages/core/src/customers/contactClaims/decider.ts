import * as E from 'fp-ts/lib/Either.js';
import { absurd } from 'fp-ts/lib/function.js';
import type { Decider } from '../../kernel/decider.js';
import { domainError, type DomainError } from '../../kernel/errors.js';
import type { CustomerId } from '../../shared/ids.js';
import type { CustomerErrorCode } from '../decider.js';
import type { ContactClaimCommand } from './commands.js';
import type { ContactClaimEvent } from './events.js';

/** Who holds the contact, if anyone. */
export type ContactClaim = { readonly holder: CustomerId | null };

type Decision = E.Either<DomainError<CustomerErrorCode>, readonly ContactClaimEvent[]>;

const decide = (c: ContactClaimCommand, s: ContactClaim): Decision => {
  const { customerId, kind } = c.data;
  switch (c.type) {
    case 'ClaimCustomerContact':
      if (s.holder === customerId) return E.right([]); // held already: claiming again is a no-op
      return s.holder === null
        ? E.right([{ type: 'CustomerContactClaimed', data: c.data }])
        : E.left(
            domainError('CUSTOMER_DUPLICATE_CONTACT', `this ${kind} belongs to customer ${s.holder}`, ['data', 'index'], {
              existingCustomerId: s.holder,
              contact: kind,
            }),
          );
    case 'ReleaseCustomerContact':
      if (s.holder === null) return E.right([]); // free already
      return s.holder === customerId
        ? E.right([{ type: 'CustomerContactReleased', data: c.data }])
        : E.left(
            domainError('CUSTOMER_CONTACT_NOT_HELD', `this ${kind} is held by customer ${s.holder}, not ${customerId}`, ['data', 'customerId'], {
              existingCustomerId: s.holder,
            }),
          );
    default:
      return absurd(c);
  }
};

const evolve = (_: ContactClaim, e: ContactClaimEvent): ContactClaim => {
  switch (e.type) {
    case 'CustomerContactClaimed':
      return { holder: e.data.customerId };
    case 'CustomerContactReleased':
      return { holder: null };
    default:
      return absurd(e);
  }
};

/** Uniqueness of a normalised phone or email per shop, on its blind index. */
export const contactClaimDecider: Decider<ContactClaim, ContactClaimCommand, ContactClaimEvent, DomainError<CustomerErrorCode>> = {
  initialState: () => ({ holder: null }),
  decide,
  evolve,
};
