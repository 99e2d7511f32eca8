import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { validate } from '../kernel/codecs.js';
import type { CommandMetadataInput, Handled } from '../kernel/command.js';
import type { Clock } from '../kernel/clock.js';
import { domainError, type CrmError } from '../kernel/errors.js';
import { deriveId } from '../kernel/ids.js';
import type { CustomerRegistrationInput } from '../customers/input.js';
import { registerCustomer } from '../customers/registration.js';
import type { CustomerWorkflowDeps } from '../customers/workflow.js';
import { PartnerId } from '../partners/ids.js';
import type { PartnerScopeDoc } from '../partners/projections/scope.js';

/** A customer a partner brought: the registration's data and the partner's id. */
export interface PartnerCustomerInput {
  readonly data: CustomerRegistrationInput['data'] & { readonly partnerId: string };
  readonly metadata: CommandMetadataInput;
}

export interface PartnerCustomerDeps extends CustomerWorkflowDeps {
  readonly clock: Clock;
  /** The partner's scope document, caught up (undefined for a partner never registered). */
  readonly scopeOf: (tenantId: string, partnerId: string) => Promise<PartnerScopeDoc | undefined>;
}

/**
 * Register a customer a partner brought (a campus agent's or partner site's sign-up) and
 * grant it to that partner with basis `brought`, at the command's `occurredAt` (else now).
 * An unregistered partner is refused (`PARTNER_NOT_REGISTERED` at `['data', 'partnerId']`)
 * before anything is written; a refused registration writes nothing either. A retry with
 * the same commandId registers and grants nothing twice. Returns the grant's result.
 */
export const registerPartnerCustomer = async (deps: PartnerCustomerDeps, input: PartnerCustomerInput): Promise<E.Either<CrmError, Handled>> => {
  const { partnerId, ...customer } = input.data;
  const partner = validate(t.type({ partnerId: PartnerId }), { partnerId }, 'RegisterPartnerCustomer', ['data']);
  if (E.isLeft(partner)) return partner;
  if (!(await deps.scopeOf(input.metadata.tenantId, partnerId)))
    return E.left(domainError('PARTNER_NOT_REGISTERED', `partner ${partnerId} is not registered`, ['data', 'partnerId']));
  const registered = await registerCustomer(deps, { data: customer, metadata: input.metadata });
  if (E.isLeft(registered)) return registered;
  const { metadata } = input;
  return deps.handle({
    type: 'GrantPartnerCustomer',
    data: { partnerId, customerId: customer.customerId, basis: 'brought', at: metadata.occurredAt ?? deps.clock.now() },
    metadata: { ...metadata, commandId: deriveId(metadata.commandId, 'partner-grant'), correlationId: metadata.correlationId ?? metadata.commandId, causationId: metadata.commandId },
  });
};
