import * as E from 'fp-ts/lib/Either.js';
import { absurd } from 'fp-ts/lib/function.js';
import type { Decider } from '../kernel/decider.js';
import { domainError, type DomainError, type FieldPath } from '../kernel/errors.js';
import type { PartnerAccessCommand, PartnerCommand } from './commands.js';
import type { PartnerAccessEvent, PartnerEvent } from './events.js';
import type { CustomerGrantBasis, PartnerKind } from './values.js';

export const PARTNER_ERROR_CODES = ['PARTNER_EXISTS', 'PARTNER_NOT_REGISTERED', 'PARTNER_GRANT_NOT_FOUND'] as const;
export type PartnerErrorCode = (typeof PARTNER_ERROR_CODES)[number];

/** One partner as its decider sees it: what it is and what is in its scope now. */
export type Partner =
  | { readonly registered: false }
  | {
      readonly registered: true;
      readonly kind: PartnerKind;
      readonly customers: Readonly<Record<string, CustomerGrantBasis>>;
      readonly opportunities: Readonly<Record<string, true>>;
    };

type Decision = E.Either<DomainError<PartnerErrorCode>, readonly PartnerEvent[]>;
const no = (code: PartnerErrorCode, message: string, path: FieldPath): Decision => E.left(domainError(code, message, path));

/** Own keys only: an id such as `constructor` is not in an empty scope. */
const holds = (r: object, id: string): boolean => Object.prototype.hasOwnProperty.call(r, id);

const decide = (c: PartnerCommand, s: Partner): Decision => {
  const { partnerId } = c.data;
  if (c.type === 'RegisterPartner')
    return s.registered ? no('PARTNER_EXISTS', `partner ${partnerId} is already registered`, ['data', 'partnerId']) : E.right([{ type: 'PartnerRegistered', data: c.data }]);
  if (!s.registered) return no('PARTNER_NOT_REGISTERED', `partner ${partnerId} is not registered`, ['data', 'partnerId']);
  switch (c.type) {
    // granting what is already granted changes nothing
    case 'GrantPartnerCustomer':
      return holds(s.customers, c.data.customerId) ? E.right([]) : E.right([{ type: 'PartnerCustomerGranted', data: c.data }]);
    case 'AssignPartnerOpportunity':
      return holds(s.opportunities, c.data.opportunityId) ? E.right([]) : E.right([{ type: 'PartnerOpportunityAssigned', data: c.data }]);
    case 'RevokePartnerGrant': {
      const held = c.data.subject === 'customer' ? s.customers : s.opportunities;
      return holds(held, c.data.id)
        ? E.right([{ type: 'PartnerGrantRevoked', data: c.data }])
        : no('PARTNER_GRANT_NOT_FOUND', `${c.data.subject} ${c.data.id} is not in partner ${partnerId}'s scope`, ['data', 'id']);
    }
    default:
      return absurd(c);
  }
};

const without = <V>(r: Readonly<Record<string, V>>, id: string): Record<string, V> => {
  const { [id]: _, ...rest } = r;
  return rest;
};

const evolve = (s: Partner, e: PartnerEvent): Partner => {
  if (e.type === 'PartnerRegistered') return { registered: true, kind: e.data.kind, customers: {}, opportunities: {} };
  if (!s.registered) return s;
  switch (e.type) {
    case 'PartnerCustomerGranted':
      return { ...s, customers: { ...s.customers, [e.data.customerId]: e.data.basis } };
    case 'PartnerOpportunityAssigned':
      return { ...s, opportunities: { ...s.opportunities, [e.data.opportunityId]: true } };
    case 'PartnerGrantRevoked':
      return e.data.subject === 'customer' ? { ...s, customers: without(s.customers, e.data.id) } : { ...s, opportunities: without(s.opportunities, e.data.id) };
    default:
      return absurd(e);
  }
};

/** A partner and its grants: registered once; grants are idempotent; only a held grant can be revoked. */
export const partnerDecider: Decider<Partner, PartnerCommand, PartnerEvent, DomainError<PartnerErrorCode>> = {
  initialState: () => ({ registered: false }),
  decide,
  evolve,
};

/** How many reads the partner's access log holds. */
export interface PartnerAccessLog {
  readonly reads: number;
}

/**
 * The access log of one partner: every read is recorded, inside scope or not, so the log
 * never refuses (the command's codec has already checked its shape).
 */
export const partnerAccessDecider: Decider<PartnerAccessLog, PartnerAccessCommand, PartnerAccessEvent, DomainError<PartnerErrorCode>> = {
  initialState: () => ({ reads: 0 }),
  decide: (c) => E.right([{ type: 'PartnerAccessRecorded', data: c.data }]),
  evolve: (s) => ({ reads: s.reads + 1 }),
};
