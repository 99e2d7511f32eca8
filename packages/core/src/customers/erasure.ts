import * as E from 'fp-ts/lib/Either.js';
import type { Handled } from '../kernel/command.js';
import type { CrmError } from '../kernel/errors.js';
import { deriveId } from '../kernel/ids.js';
import type { CustomerEvent } from './events.js';
import { CustomerErasureData, validateInput, type CustomerErasureInput } from './input.js';
import { followUp, type CustomerWorkflowDeps } from './workflow.js';

/**
 * Erase a customer's personal data (PIPL / GDPR): record `CustomerPersonalDataErased`,
 * delete the customer's key in the vault, release the phone and email claims so they may
 * be registered again. The events stay as written (the hash chain holds); their sealed
 * fields can no longer be opened. The event is recorded first, so an unknown customer
 * loses nothing; if a later step fails, send the same command again (same commandId):
 * the repeat finishes the key deletion and the releases.
 */
export const eraseCustomer = async (deps: CustomerWorkflowDeps, input: CustomerErasureInput): Promise<E.Either<CrmError, Handled>> => {
  const valid = validateInput(CustomerErasureData, input);
  if (E.isLeft(valid)) return valid;
  const { data, metadata } = valid.right;
  const erased = await deps.handle({
    type: 'EraseCustomerPersonalData',
    data: { customerId: data.customerId, reason: data.reason ?? null },
    metadata,
  });
  if (E.isLeft(erased)) return erased;
  await deps.vault.erase(metadata.tenantId, data.customerId);
  for (const e of erased.right.events as readonly CustomerEvent[]) {
    if (e.type !== 'CustomerPersonalDataErased') continue;
    for (const c of e.data.contacts) {
      const released = await deps.handle({
        type: 'ReleaseCustomerContact',
        data: { index: c.index, kind: c.kind, customerId: data.customerId },
        metadata: followUp(metadata, deriveId(metadata.commandId, 'release', c.kind, c.index)),
      });
      if (E.isLeft(released)) return released;
    }
  }
  return erased;
};
