import * as E from 'fp-ts/lib/Either.js';
import type { Command, CommandMetadata, Handled } from '../kernel/command.js';
import { domainError, InvalidArgument, isRapportError, type CrmError } from '../kernel/errors.js';
import { deriveId } from '../kernel/ids.js';
import { BlindIndex, type ContactKind, type SealedText } from '../privacy/sealedText.js';
import { PersonalDataErased, type PersonalDataVault } from '../privacy/vault.js';

/** What the customer workflows need: the command bus (`crm.handle`) and the vault. */
export interface CustomerWorkflowDeps {
  readonly handle: (command: Command) => Promise<E.Either<CrmError, Handled>>;
  readonly vault: PersonalDataVault;
}

/** Metadata of a command a workflow sends on behalf of the caller's command. */
export const followUp = (meta: CommandMetadata, commandId: string): Command['metadata'] => ({
  ...meta,
  commandId,
  correlationId: meta.correlationId ?? meta.commandId,
  causationId: meta.commandId,
});

/** The vault's blind index, checked to be id-safe (it names a stream). */
export const blindIndexOf = async (vault: PersonalDataVault, tenantId: string, kind: ContactKind, normalised: string): Promise<BlindIndex> => {
  const index = await vault.blindIndex(tenantId, kind, normalised);
  if (!BlindIndex.is(index)) throw new InvalidArgument(`the vault's blind index ${JSON.stringify(index)} is not 1-64 of [A-Za-z0-9_-]`);
  return index;
};

/** A contact claimed for a registration. */
export interface ClaimTaken {
  readonly kind: ContactKind;
  readonly index: BlindIndex;
  /** Claimed under this registration's commandId, so it is ours to release if the registration is refused. */
  readonly ours: boolean;
  /** The claim stream's version after the claim (names the release, so each round has its own). */
  readonly version: bigint | undefined;
}

/**
 * Claim a contact for a customer with a commandId derived from the registration's, so a
 * retried registration does not claim twice. A repeated claim answers with its first
 * result; as a refused registration releases what it claimed, the claim is then checked
 * again under an id naming the stream's current version.
 */
export const claimContact = async (
  deps: CustomerWorkflowDeps,
  meta: CommandMetadata,
  customerId: string,
  kind: ContactKind,
  index: BlindIndex,
): Promise<E.Either<CrmError, ClaimTaken>> => {
  const base = deriveId(meta.commandId, 'claim', kind, index);
  const send = (commandId: string) =>
    deps.handle({ type: 'ClaimCustomerContact', data: { index, kind, customerId }, metadata: followUp(meta, commandId) });
  const first = await send(base);
  if (E.isLeft(first)) return first;
  let last = first.right;
  let ours = first.right.events.length > 0;
  if (first.right.duplicate) {
    const again = await send(deriveId(base, 'at', String(first.right.nextExpectedVersion)));
    if (E.isLeft(again)) return again;
    last = again.right;
    ours = ours || again.right.events.length > 0;
  }
  return E.right({ kind, index, ours, version: last.nextExpectedVersion });
};

/** Release the claims a refused registration took (best effort: a failure leaves them for a retry). */
export const releaseClaims = async (deps: CustomerWorkflowDeps, meta: CommandMetadata, customerId: string, claims: readonly ClaimTaken[]): Promise<void> => {
  for (const c of claims.filter((x) => x.ours))
    await deps.handle({
      type: 'ReleaseCustomerContact',
      data: { index: c.index, kind: c.kind, customerId },
      metadata: followUp(meta, deriveId(meta.commandId, 'release', c.kind, c.index, String(c.version))),
    });
};

/** Seal fields with the vault; an erased customer's refusal becomes `CUSTOMER_ERASED`. */
export const sealAll = async <K extends string>(
  vault: PersonalDataVault,
  tenantId: string,
  customerId: string,
  fields: Readonly<Record<K, string>>,
): Promise<E.Either<CrmError, Record<K, SealedText>>> => {
  try {
    const out = {} as Record<K, SealedText>;
    for (const k of Object.keys(fields) as K[]) out[k] = await vault.encrypt(tenantId, customerId, fields[k]);
    return E.right(out);
  } catch (err) {
    if (isRapportError(err, PersonalDataErased.code))
      return E.left(domainError('CUSTOMER_ERASED', `the personal data of customer ${customerId} was erased`, ['data', 'customerId'], { customerId }));
    throw err;
  }
};
