import * as E from 'fp-ts/lib/Either.js';
import type { Handled } from '../kernel/command.js';
import type { CrmError } from '../kernel/errors.js';
import type { ProfileChanges } from './events.js';
import { CustomerProfileData, validateInput, type CustomerProfileInput } from './input.js';
import { sealAll, type CustomerWorkflowDeps } from './workflow.js';

/**
 * Update a customer's profile from plain input: validate, seal addresses (each as the JSON
 * of its {@link Address}) and birthday with the customer's key, send `UpdateCustomerProfile`.
 * Fields left out stay as they are; `null` clears birthday, gender or body size.
 */
export const updateCustomerProfile = async (
  deps: CustomerWorkflowDeps,
  input: CustomerProfileInput,
): Promise<E.Either<CrmError, Handled>> => {
  const valid = validateInput(CustomerProfileData, input);
  if (E.isLeft(valid)) return valid;
  const { data, metadata } = valid.right;
  const { customerId, addresses, birthday, ...open } = data;
  const plain: Record<string, string> = {};
  addresses?.forEach((a, i) => (plain[`address${i}`] = JSON.stringify(a)));
  if (typeof birthday === 'string') plain.birthday = birthday;
  const sealed = await sealAll(deps.vault, metadata.tenantId, customerId, plain);
  if (E.isLeft(sealed)) return sealed;
  const changes: ProfileChanges = { ...open };
  if (addresses) changes.addresses = addresses.map((_, i) => sealed.right[`address${i}`]!);
  if (birthday !== undefined) changes.birthday = birthday === null ? null : sealed.right.birthday!;
  return deps.handle({ type: 'UpdateCustomerProfile', data: { customerId, changes }, metadata });
};
