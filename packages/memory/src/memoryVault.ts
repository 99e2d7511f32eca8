import { randomBytes, randomUUID } from 'node:crypto';
import {
  blindIndexOf,
  openField,
  PersonalDataErased,
  PersonalDataUnreadable,
  SealedText,
  sealField,
  VAULT_IV_BYTES,
  VAULT_KEY_BYTES,
  type ContactKind,
  type PersonalDataVault,
  type VaultKeys,
} from '@rapport/core';
interface CustomerKey {
  readonly keyId: string;
  readonly key: Buffer;
}

export interface MemoryVaultOptions {
  /**
   * The per-tenant HMAC keys for blind indexes (32 bytes each). A tenant without one gets
   * a random key on first use; pass them to keep indexes stable across vault instances.
   */
  readonly blindIndexKeys?: Readonly<Record<string, Uint8Array>>;
}

const slot = (tenantId: string, customerId: string): string => `${tenantId}\u0000${customerId}`;
const unslot = (at: string): { tenantId: string; customerId: string } => {
  const [tenantId, customerId] = at.split('\u0000') as [string, string];
  return { tenantId, customerId };
};

/**
 * The personal-data vault in process memory (the cryptography is `@rapport/core`'s
 * vaultCrypto, shared with the PostgreSQL vault): AES-256-GCM with a random 256-bit key per
 * customer and a random 96-bit IV per field, HMAC-SHA-256 blind indexes with a key per
 * tenant. `erase` forgets the customer's key for good. Keys are lost when the process
 * ends, so this is for tests, demos and single-process embeddings.
 */
export class MemoryVault implements PersonalDataVault {
  private readonly keys = new Map<string, CustomerKey>();
  private readonly erased = new Set<string>();
  private readonly hmacKeys = new Map<string, Buffer>();

  constructor(options: MemoryVaultOptions = {}) {
    for (const [tenantId, key] of Object.entries(options.blindIndexKeys ?? {})) {
      if (key.length < 32) throw new RangeError(`blind-index key of tenant ${tenantId}: expected at least 32 bytes`);
      this.hmacKeys.set(tenantId, Buffer.from(key));
    }
  }

  async encrypt(tenantId: string, customerId: string, plaintext: string): Promise<SealedText> {
    const at = slot(tenantId, customerId);
    if (this.erased.has(at)) throw new PersonalDataErased(tenantId, customerId);
    let k = this.keys.get(at);
    if (!k) {
      k = { keyId: randomUUID(), key: randomBytes(VAULT_KEY_BYTES) };
      this.keys.set(at, k);
    }
    return sealField(k.key, k.keyId, randomBytes(VAULT_IV_BYTES), tenantId, customerId, plaintext);
  }

  async decrypt(tenantId: string, customerId: string, sealed: SealedText): Promise<string | undefined> {
    const k = this.keys.get(slot(tenantId, customerId));
    if (!k) return undefined;
    if (!SealedText.is(sealed)) throw new PersonalDataUnreadable(tenantId, customerId, 'not a sealed field');
    const opened = openField(k.key, k.keyId, tenantId, customerId, sealed);
    if (!opened.ok) throw new PersonalDataUnreadable(tenantId, customerId, opened.reason, { cause: opened.cause });
    return opened.plaintext;
  }

  async blindIndex(tenantId: string, kind: ContactKind, normalised: string): Promise<string> {
    let key = this.hmacKeys.get(tenantId);
    if (!key) {
      key = randomBytes(VAULT_KEY_BYTES);
      this.hmacKeys.set(tenantId, key);
    }
    return blindIndexOf(key, kind, normalised);
  }

  async erase(tenantId: string, customerId: string): Promise<void> {
    const at = slot(tenantId, customerId);
    this.keys.delete(at);
    this.erased.add(at);
  }

  /**
   * Every key this vault holds (copies), to move them to a vault that keeps them, such as
   * `PostgresVault.importKeys`. The keys are plaintext: never log or store the result.
   */
  exportKeys(): VaultKeys {
    const customers = [...this.keys].map(([at, k]) => ({ ...unslot(at), keyId: k.keyId, key: new Uint8Array(k.key) }));
    const erased = [...this.erased].map(unslot);
    const blindIndexKeys = [...this.hmacKeys].map(([tenantId, key]) => ({ tenantId, key: new Uint8Array(key) }));
    return { customers, erased, blindIndexKeys };
  }
}
