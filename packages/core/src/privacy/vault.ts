import { RapportError } from '../kernel/errors.js';
import type { ContactKind, SealedText } from './sealedText.js';

/**
 * Where personal data is encrypted, outside the event stream (DOMAIN §8). The core only
 * holds this port; an adapter (e.g. `MemoryVault` in `@rapport/memory`, or one over a
 * KMS) does the cryptography. Every customer has a key of their own, so erasing that key
 * makes every sealed field of the customer unreadable while history stays replayable.
 */
export interface PersonalDataVault {
  /**
   * Seal `plaintext` under the customer's key (created on first use). Rejects with
   * {@link PersonalDataErased} once the customer's key was erased: nothing new may be
   * written for an erased customer.
   */
  encrypt(tenantId: string, customerId: string, plaintext: string): Promise<SealedText>;
  /** The plaintext, or `undefined` once the customer's key is erased. */
  decrypt(tenantId: string, customerId: string, sealed: SealedText): Promise<string | undefined>;
  /**
   * A keyed hash (HMAC with the tenant's key) of a normalised contact: base64url, at most
   * 64 characters of `[A-Za-z0-9_-]`, equal for equal contacts of the same kind and tenant.
   */
  blindIndex(tenantId: string, kind: ContactKind, normalised: string): Promise<string>;
  /** Delete the customer's key for good. Idempotent. */
  erase(tenantId: string, customerId: string): Promise<void>;
}

/** The customer's key was erased: the vault seals nothing more for them. */
export class PersonalDataErased extends RapportError {
  static readonly code = 'RAPPORT_PERSONAL_DATA_ERASED';
  constructor(
    readonly tenantId: string,
    readonly customerId: string,
  ) {
    super(PersonalDataErased.code, `personal data of customer ${customerId} (tenant ${tenantId}) was erased`);
  }
}

/** A sealed field does not open with the customer's key: tampered, or sealed for someone else. */
export class PersonalDataUnreadable extends RapportError {
  static readonly code = 'RAPPORT_PERSONAL_DATA_UNREADABLE';
  constructor(
    readonly tenantId: string,
    readonly customerId: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(PersonalDataUnreadable.code, `sealed field of customer ${customerId} (tenant ${tenantId}): ${reason}`, options);
  }
}

/**
 * Every key a vault holds, to move them to another vault (e.g. a history replayed in
 * memory, kept in PostgreSQL afterwards): without its keys, a moved history's sealed
 * fields cannot be opened, and without the tenant's blind-index key its contacts cannot
 * be looked up. The keys are plaintext here: keep a `VaultKeys` in memory only, never
 * log or store it.
 */
export interface VaultKeys {
  /** Each customer's key, with the id sealed fields name it by. */
  readonly customers: readonly { readonly tenantId: string; readonly customerId: string; readonly keyId: string; readonly key: Uint8Array }[];
  /** Customers whose key was erased: no key is ever created for them again. */
  readonly erased: readonly { readonly tenantId: string; readonly customerId: string }[];
  /** Each tenant's blind-index (HMAC) key. */
  readonly blindIndexKeys: readonly { readonly tenantId: string; readonly key: Uint8Array }[];
}
