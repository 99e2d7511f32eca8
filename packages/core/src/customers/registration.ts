import * as E from 'fp-ts/lib/Either.js';
import type { Handled } from '../kernel/command.js';
import { domainError, type CrmError, type ValidationIssue } from '../kernel/errors.js';
import { normaliseEmail, normalisePhone } from '../privacy/normalise.js';
import type { ContactKind } from '../privacy/sealedText.js';
import { CustomerRegistrationData, validateInput, type CustomerRegistrationInput } from './input.js';
import { blindIndexOf, claimContact, releaseClaims, sealAll, type ClaimTaken, type CustomerWorkflowDeps } from './workflow.js';

const present = (s: string | null | undefined): s is string => typeof s === 'string' && s.trim().length > 0;

/**
 * Register a customer from plain input: validate (every bad field named by its path),
 * normalise phone and email, claim each on its blind index (a contact held by another
 * customer → `CUSTOMER_DUPLICATE_CONTACT` with `details.existingCustomerId`, and the claims
 * already taken are released), seal the personal fields, send `RegisterCustomer`.
 * A retry with the same commandId claims and registers nothing twice.
 */
export const registerCustomer = async (
  deps: CustomerWorkflowDeps,
  input: CustomerRegistrationInput,
): Promise<E.Either<CrmError, Handled>> => {
  const contacts: { kind: ContactKind; value: string }[] = [];
  const valid = validateInput(CustomerRegistrationData, input, (d) => {
    const issues: ValidationIssue[] = [];
    if (!present(d.phone) && !present(d.email)) {
      const message = 'a customer needs a phone or an email';
      issues.push({ path: ['data', 'phone'], message }, { path: ['data', 'email'], message });
    }
    for (const [kind, raw, normalise] of [
      ['phone', d.phone, normalisePhone],
      ['email', d.email, normaliseEmail],
    ] as const) {
      if (!present(raw)) continue;
      const n = normalise(raw);
      if (E.isLeft(n)) issues.push({ path: ['data', kind], message: n.left });
      else contacts.push({ kind, value: n.right });
    }
    return issues;
  });
  if (E.isLeft(valid)) return valid;
  const { data, metadata } = valid.right;
  const { tenantId } = metadata;
  if (data.referrerId === data.customerId)
    // refuse before claiming anything; the decider holds the same rule for direct senders
    return E.left(domainError('CUSTOMER_SELF_REFERRAL', 'a customer cannot refer themselves', ['data', 'referrerId']));

  const claims: ClaimTaken[] = [];
  for (const c of contacts) {
    const index = await blindIndexOf(deps.vault, tenantId, c.kind, c.value);
    const claimed = await claimContact(deps, metadata, data.customerId, c.kind, index);
    if (E.isLeft(claimed)) {
      await releaseClaims(deps, metadata, data.customerId, claims);
      const err = claimed.left;
      return E.left(
        err.kind === 'DomainError' && err.code === 'CUSTOMER_DUPLICATE_CONTACT'
          ? domainError(err.code, err.message, ['data', c.kind], err.details)
          : err,
      );
    }
    claims.push(claimed.right);
  }

  const plain: Record<string, string> = { name: data.name.trim() };
  for (const c of contacts) plain[c.kind] = c.value;
  const sealed = await sealAll(deps.vault, tenantId, data.customerId, plain);
  if (E.isLeft(sealed)) {
    await releaseClaims(deps, metadata, data.customerId, claims);
    return sealed;
  }
  const contactOf = (kind: ContactKind) => {
    const claim = claims.find((c) => c.kind === kind);
    return claim && sealed.right[kind] ? { sealed: sealed.right[kind], index: claim.index } : null;
  };
  const registered = await deps.handle({
    type: 'RegisterCustomer',
    data: {
      customerId: data.customerId,
      name: sealed.right.name,
      phone: contactOf('phone'),
      email: contactOf('email'),
      channel: data.channel,
      referrerId: data.referrerId ?? null,
    },
    metadata,
  });
  if (E.isLeft(registered)) await releaseClaims(deps, metadata, data.customerId, claims);
  return registered;
};
