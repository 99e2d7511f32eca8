import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BlindIndex, blindIndexOf, isRapportError, openField, PersonalDataErased, PersonalDataUnreadable, SealedText } from '@rapport/core';
import { MemoryVault } from './memoryVault.js';

describe('MemoryVault', () => {
  it('seals with AES-256-GCM and opens again', async () => {
    const v = new MemoryVault();
    const sealed = await v.encrypt('shop1', 'c-ann', '李娜');
    expect(SealedText.is(sealed)).toBe(true);
    expect(sealed.alg).toBe('aes-256-gcm');
    expect(Buffer.from(sealed.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(sealed.tag, 'base64')).toHaveLength(16);
    expect(JSON.stringify(sealed)).not.toContain('李娜');
    expect(await v.decrypt('shop1', 'c-ann', sealed)).toBe('李娜');
  });

  it('round-trips any text, with a fresh IV every time', () =>
    fc.assert(
      fc.asyncProperty(fc.string(), async (text) => {
        const v = new MemoryVault();
        const a = await v.encrypt('t', 'c', text);
        const b = await v.encrypt('t', 'c', text);
        expect(a.iv).not.toBe(b.iv);
        expect(a.keyId).toBe(b.keyId); // one key per customer
        expect(await v.decrypt('t', 'c', a)).toBe(text);
        expect(await v.decrypt('t', 'c', b)).toBe(text);
      }),
      { numRuns: 50 },
    ));

  it('gives each customer a key of their own: a field sealed for one does not open for another', async () => {
    const v = new MemoryVault();
    const ann = await v.encrypt('t', 'c-ann', '13800138000');
    await v.encrypt('t', 'c-bo', 'x');
    await expect(v.decrypt('t', 'c-bo', ann)).rejects.toSatisfy((e) => isRapportError(e, PersonalDataUnreadable.code));
  });

  it('refuses a tampered ciphertext', async () => {
    const v = new MemoryVault();
    const s = await v.encrypt('t', 'c', 'hello world');
    const ct = Buffer.from(s.ct, 'base64');
    ct[0] = ct[0]! ^ 1;
    await expect(v.decrypt('t', 'c', { ...s, ct: ct.toString('base64') } as SealedText)).rejects.toSatisfy((e) =>
      isRapportError(e, PersonalDataUnreadable.code),
    );
  });

  it('erase forgets the key: sealed fields read back as undefined, nothing new is sealed, others are untouched', async () => {
    const v = new MemoryVault();
    const ann = await v.encrypt('t', 'c-ann', 'Ann');
    const bo = await v.encrypt('t', 'c-bo', 'Bo');
    await v.erase('t', 'c-ann');
    await v.erase('t', 'c-ann'); // idempotent
    expect(await v.decrypt('t', 'c-ann', ann)).toBeUndefined();
    expect(await v.decrypt('t', 'c-bo', bo)).toBe('Bo');
    await expect(v.encrypt('t', 'c-ann', 'Ann again')).rejects.toSatisfy((e) => isRapportError(e, PersonalDataErased.code));
    // the same customer id in another tenant is another customer
    expect(await v.decrypt('t2', 'c-ann', await v.encrypt('t2', 'c-ann', 'other'))).toBe('other');
  });

  it('blind indexes are id-safe keyed hashes: equal per tenant and kind, different across them', async () => {
    const key = new Uint8Array(32).fill(7);
    const v = new MemoryVault({ blindIndexKeys: { t: key } });
    const w = new MemoryVault({ blindIndexKeys: { t: key } });
    const i = await v.blindIndex('t', 'phone', '13800138000');
    expect(BlindIndex.is(i)).toBe(true);
    expect(i.length).toBeLessThanOrEqual(64);
    expect(i).not.toContain('13800138000');
    expect(await v.blindIndex('t', 'phone', '13800138000')).toBe(i);
    expect(await w.blindIndex('t', 'phone', '13800138000')).toBe(i); // same key, same index
    expect(await v.blindIndex('t', 'email', '13800138000')).not.toBe(i);
    expect(await v.blindIndex('t2', 'phone', '13800138000')).not.toBe(i);
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string(), async (a, b) => {
        const [x, y] = [await v.blindIndex('t', 'email', a), await v.blindIndex('t', 'email', b)];
        expect(BlindIndex.is(x)).toBe(true);
        expect(x === y).toBe(a === b);
      }),
    );
  });

  it('refuses a blind-index key shorter than 256 bits', () =>
    expect(() => new MemoryVault({ blindIndexKeys: { t: new Uint8Array(16) } })).toThrow(RangeError));

  it('exports every key it holds: customer keys that open their sealed fields, erasures, blind-index keys', async () => {
    const v = new MemoryVault();
    const ann = await v.encrypt('shop1', 'c-ann', '李娜');
    await v.encrypt('shop2', 'c-bo', 'x');
    await v.encrypt('shop1', 'c-gone', 'y');
    await v.erase('shop1', 'c-gone');
    const index = await v.blindIndex('shop1', 'phone', '13800138000');
    const keys = v.exportKeys();
    expect(keys.customers.map((k) => `${k.tenantId}/${k.customerId}`).sort()).toEqual(['shop1/c-ann', 'shop2/c-bo']);
    expect(keys.erased).toEqual([{ tenantId: 'shop1', customerId: 'c-gone' }]);
    const annKey = keys.customers.find((k) => k.customerId === 'c-ann')!;
    expect(annKey.keyId).toBe(ann.keyId);
    expect(openField(annKey.key, annKey.keyId, 'shop1', 'c-ann', ann)).toMatchObject({ ok: true, plaintext: '李娜' });
    expect(keys.blindIndexKeys.map((k) => k.tenantId)).toEqual(['shop1']);
    expect(blindIndexOf(keys.blindIndexKeys[0]!.key, 'phone', '13800138000')).toBe(index);
    // a copy: overwriting what was exported leaves the vault's key as it was
    annKey.key.fill(0);
    expect(await v.decrypt('shop1', 'c-ann', ann)).toBe('李娜');
  });
});
