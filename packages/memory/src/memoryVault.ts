import { createCipheriv, createDecipheriv, createHmac, randomBytes, randomUUID } from 'node:crypto';
import {
  BlindIndex,
  PersonalDataErased,
  PersonalDataUnreadable,
  SealedText,
  type ContactKind,
  type PersonalDataVault,
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

const ALG = 'aes-256-gcm';
const slot = (tenantId: string, customerId: string): string => `${tenantId}\u0000${customerId}`;
/** Binds each ciphertext to its tenant and customer: a sealed field copied elsewhere does not open. */
const aad = (tenantId: string, customerId: string): Buffer => Buffer.from(`rapport/${tenantId}/${customerId}`, 'utf8');

/**
 * The personal-data vault in process memory: AES-256-GCM with a random 256-bit key per
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
      k = { keyId: randomUUID(), key: randomBytes(32) };
      this.keys.set(at, k);
    }
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALG, k.key, iv);
    cipher.setAAD(aad(tenantId, customerId));
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return {
      alg: ALG,
      keyId: k.keyId,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      ct: ct.toString('base64'),
    } as SealedText;
  }

  async decrypt(tenantId: string, customerId: string, sealed: SealedText): Promise<string | undefined> {
    const k = this.keys.get(slot(tenantId, customerId));
    if (!k) return undefined;
    if (!SealedText.is(sealed)) throw new PersonalDataUnreadable(tenantId, customerId, 'not a sealed field');
    if (sealed.keyId !== k.keyId) throw new PersonalDataUnreadable(tenantId, customerId, `sealed under key ${sealed.keyId}, not the customer's`);
    try {
      const decipher = createDecipheriv(ALG, k.key, Buffer.from(sealed.iv, 'base64'));
      decipher.setAAD(aad(tenantId, customerId));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64')), decipher.final()]).toString('utf8');
    } catch (cause) {
      throw new PersonalDataUnreadable(tenantId, customerId, 'authentication failed', { cause });
    }
  }

  async blindIndex(tenantId: string, kind: ContactKind, normalised: string): Promise<string> {
    let key = this.hmacKeys.get(tenantId);
    if (!key) {
      key = randomBytes(32);
      this.hmacKeys.set(tenantId, key);
    }
    // the kind is hashed in, so a phone and an email never share an index
    const index = createHmac('sha256', key).update(`${kind}:${normalised}`, 'utf8').digest('base64url');
    if (!BlindIndex.is(index)) throw new RangeError(`blind index ${index} is not id-safe`);
    return index;
  }

  async erase(tenantId: string, customerId: string): Promise<void> {
    const at = slot(tenantId, customerId);
    this.keys.delete(at);
    this.erased.add(at);
  }
}
