import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SealedText } from './sealedText.js';
import { blindIndexOf, openField, sealField, unwrapKey, VAULT_IV_BYTES, VAULT_KEY_BYTES, wrapKey } from './vaultCrypto.js';

/** The shared vault cryptography: keys and IVs are inputs, so every case is reproducible. */

const bytes = (n: number, fill: number): Uint8Array => new Uint8Array(n).fill(fill);
const key = bytes(VAULT_KEY_BYTES, 7);
const iv = bytes(VAULT_IV_BYTES, 1);
const keyArb = fc.uint8Array({ minLength: VAULT_KEY_BYTES, maxLength: VAULT_KEY_BYTES });
const ivArb = fc.uint8Array({ minLength: VAULT_IV_BYTES, maxLength: VAULT_IV_BYTES });

describe('sealField / openField', () => {
  it('seals a field as AES-256-GCM SealedText and opens it with the same key, tenant and customer', () => {
    const sealed = sealField(key, 'k1', iv, 'shop_a', 'c1', '王小明');
    expect(SealedText.is(sealed)).toBe(true);
    expect(sealed).toMatchObject({ alg: 'aes-256-gcm', keyId: 'k1', iv: Buffer.from(iv).toString('base64') });
    expect(openField(key, 'k1', 'shop_a', 'c1', sealed)).toEqual({ ok: true, plaintext: '王小明' });
  });

  it('is deterministic in its inputs: the same key, IV and text give the same ciphertext', () => {
    expect(sealField(key, 'k1', iv, 'shop_a', 'c1', 'x')).toEqual(sealField(key, 'k1', iv, 'shop_a', 'c1', 'x'));
  });

  it('does not open for another customer, another tenant, another key id, another key or a flipped byte', () => {
    const sealed = sealField(key, 'k1', iv, 'shop_a', 'c1', 'secret');
    expect(openField(key, 'k1', 'shop_a', 'c2', sealed)).toMatchObject({ ok: false, reason: 'authentication failed' });
    expect(openField(key, 'k1', 'shop_b', 'c1', sealed)).toMatchObject({ ok: false, reason: 'authentication failed' });
    expect(openField(key, 'k2', 'shop_a', 'c1', sealed)).toMatchObject({ ok: false, reason: "sealed under key k1, not the customer's" });
    expect(openField(bytes(VAULT_KEY_BYTES, 8), 'k1', 'shop_a', 'c1', sealed)).toMatchObject({ ok: false });
    const ct = Buffer.from(sealed.ct, 'base64');
    ct[0] = ct[0]! ^ 1;
    expect(openField(key, 'k1', 'shop_a', 'c1', { ...sealed, ct: ct.toString('base64') } as SealedText)).toMatchObject({ ok: false });
  });

  it('refuses keys and IVs of the wrong size', () => {
    expect(() => sealField(bytes(16, 1), 'k1', iv, 't', 'c', 'x')).toThrow(RangeError);
    expect(() => sealField(key, 'k1', bytes(16, 1), 't', 'c', 'x')).toThrow(RangeError);
  });

  it('property: any text round-trips under any key and IV', () =>
    fc.assert(
      fc.property(keyArb, ivArb, fc.string(), fc.string({ minLength: 1, maxLength: 20 }), (k, i, text, customer) => {
        const sealed = sealField(k, 'kid', i, 'shop', customer, text);
        expect(openField(k, 'kid', 'shop', customer, sealed)).toEqual({ ok: true, plaintext: text });
      }),
    ));
});

describe('blindIndexOf', () => {
  it('is an id-safe keyed hash: equal for equal input, apart across kinds and keys', () => {
    const a = blindIndexOf(key, 'phone', '13800138000');
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(blindIndexOf(key, 'phone', '13800138000')).toBe(a);
    expect(blindIndexOf(key, 'email', '13800138000')).not.toBe(a);
    expect(blindIndexOf(bytes(VAULT_KEY_BYTES, 9), 'phone', '13800138000')).not.toBe(a);
    expect(() => blindIndexOf(bytes(16, 1), 'phone', '1')).toThrow(RangeError);
  });

  it('property: different contacts of one kind get different indexes', () =>
    fc.assert(
      fc.property(keyArb, fc.string(), fc.string(), (k, x, y) => {
        fc.pre(x !== y);
        expect(blindIndexOf(k, 'email', x)).not.toBe(blindIndexOf(k, 'email', y));
      }),
    ));
});

describe('wrapKey / unwrapKey', () => {
  it('wraps a key as iv ‖ tag ‖ ciphertext that unwraps only with the same master key and label', () => {
    const master = bytes(VAULT_KEY_BYTES, 3);
    const wrapped = wrapKey(master, iv, key, 'customer/shop_a/c1/k1');
    expect(wrapped.length).toBe(VAULT_IV_BYTES + 16 + VAULT_KEY_BYTES);
    expect(Buffer.from(wrapped).includes(Buffer.from(key))).toBe(false);
    expect(unwrapKey(master, wrapped, 'customer/shop_a/c1/k1')).toEqual(Buffer.from(key));
    expect(unwrapKey(master, wrapped, 'customer/shop_a/c2/k1')).toBeUndefined();
    expect(unwrapKey(bytes(VAULT_KEY_BYTES, 4), wrapped, 'customer/shop_a/c1/k1')).toBeUndefined();
    expect(unwrapKey(master, wrapped.subarray(0, 20), 'customer/shop_a/c1/k1')).toBeUndefined();
  });

  it('property: unwrap(wrap(k)) = k for any master key, IV, key and label', () =>
    fc.assert(
      fc.property(keyArb, ivArb, keyArb, fc.string(), (master, i, k, label) => {
        expect(unwrapKey(master, wrapKey(master, i, k, label), label)).toEqual(Buffer.from(k));
      }),
    ));
});
