import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import { BlindIndex, type ContactKind, type SealedText } from './sealedText.js';

/**
 * The cryptography every {@link PersonalDataVault} shares, with no I/O and no randomness
 * of its own: keys and IVs come in from the caller (a vault draws them from its random
 * source), so the same functions serve the in-memory vault, the PostgreSQL vault and tests.
 *
 * - fields: AES-256-GCM under the customer's 256-bit key, a 96-bit IV per field, the
 *   tenant and customer bound in as additional data (a sealed field copied to another
 *   customer does not open);
 * - blind indexes: HMAC-SHA-256 with the tenant's key over `<kind>:<normalised>`, base64url;
 * - key wrapping: a stored key sealed (AES-256-GCM) under a master key, bound to a label.
 */

/** Bytes of a customer key, a blind-index key and a master key. */
export const VAULT_KEY_BYTES = 32;
/** Bytes of an AES-GCM IV. */
export const VAULT_IV_BYTES = 12;

const ALG = 'aes-256-gcm';
const TAG_BYTES = 16;

/** Binds each ciphertext to its tenant and customer. */
const fieldAad = (tenantId: string, customerId: string): Buffer => Buffer.from(`rapport/${tenantId}/${customerId}`, 'utf8');

const checkKey = (key: Uint8Array, what: string): void => {
  if (key.length !== VAULT_KEY_BYTES) throw new RangeError(`${what}: expected ${VAULT_KEY_BYTES} bytes, got ${key.length}`);
};
const checkIv = (iv: Uint8Array): void => {
  if (iv.length !== VAULT_IV_BYTES) throw new RangeError(`IV: expected ${VAULT_IV_BYTES} bytes, got ${iv.length}`);
};

/** Seal one personal field of a customer under their key (`keyId` names the key). */
export const sealField = (key: Uint8Array, keyId: string, iv: Uint8Array, tenantId: string, customerId: string, plaintext: string): SealedText => {
  checkKey(key, 'customer key');
  checkIv(iv);
  const cipher = createCipheriv(ALG, key, iv);
  cipher.setAAD(fieldAad(tenantId, customerId));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return {
    alg: ALG,
    keyId,
    iv: Buffer.from(iv).toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ct: ct.toString('base64'),
  } as SealedText;
};

/**
 * Open a sealed field with the customer's key: the plaintext, or why not (the caller turns
 * the reason into its typed error). `sealed` should already have passed `SealedText.is`.
 */
export const openField = (
  key: Uint8Array,
  keyId: string,
  tenantId: string,
  customerId: string,
  sealed: SealedText,
): { readonly ok: true; readonly plaintext: string } | { readonly ok: false; readonly reason: string; readonly cause?: unknown } => {
  if (sealed.keyId !== keyId) return { ok: false, reason: `sealed under key ${sealed.keyId}, not the customer's` };
  try {
    const decipher = createDecipheriv(ALG, key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(fieldAad(tenantId, customerId));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return { ok: true, plaintext: Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64')), decipher.final()]).toString('utf8') };
  } catch (cause) {
    return { ok: false, reason: 'authentication failed', cause };
  }
};

/** The blind index of a normalised contact under the tenant's HMAC key (the kind is hashed in). */
export const blindIndexOf = (hmacKey: Uint8Array, kind: ContactKind, normalised: string): BlindIndex => {
  if (hmacKey.length < VAULT_KEY_BYTES) throw new RangeError(`blind-index key: expected at least ${VAULT_KEY_BYTES} bytes`);
  const index = createHmac('sha256', hmacKey).update(`${kind}:${normalised}`, 'utf8').digest('base64url');
  if (!BlindIndex.is(index)) throw new RangeError(`blind index ${index} is not id-safe`);
  return index;
};

/**
 * Seal a key for storage under a master key: `iv ‖ tag ‖ ciphertext`. `label` (e.g.
 * `customer/<tenant>/<customer>/<keyId>`) is bound in, so a wrapped key moved to another
 * row does not unwrap.
 */
export const wrapKey = (masterKey: Uint8Array, iv: Uint8Array, key: Uint8Array, label: string): Uint8Array => {
  checkKey(masterKey, 'master key');
  checkIv(iv);
  const cipher = createCipheriv(ALG, masterKey, iv);
  cipher.setAAD(Buffer.from(label, 'utf8'));
  const ct = Buffer.concat([cipher.update(key), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ct]);
};

/** The key {@link wrapKey} sealed, or `undefined` when the master key or label is not the one it was wrapped with. */
export const unwrapKey = (masterKey: Uint8Array, wrapped: Uint8Array, label: string): Uint8Array | undefined => {
  checkKey(masterKey, 'master key');
  const w = Buffer.from(wrapped);
  if (w.length <= VAULT_IV_BYTES + TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv(ALG, masterKey, w.subarray(0, VAULT_IV_BYTES));
    decipher.setAAD(Buffer.from(label, 'utf8'));
    decipher.setAuthTag(w.subarray(VAULT_IV_BYTES, VAULT_IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(w.subarray(VAULT_IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    return undefined;
  }
};
