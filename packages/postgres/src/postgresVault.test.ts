import { afterAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { blindIndexOf, InvalidArgument, isRapportError, openField, PersonalDataErased, PersonalDataUnreadable, sealField, unwrapKey, type VaultKeys } from '@rapport/core';
import { VaultMasterKeyMismatch } from './masterKey.js';
import { PostgresVault } from './postgresVault.js';
import { ident } from './sql.js';
import { closeShared, openTestDatabase, resolveTarget, TARGETS } from './testSupport.js';

/**
 * The vault on the server (RAPPORT_PG_URL, PGlite standing in when it does not answer) and
 * on PGlite. A second PostgresVault on the same schema plays the process that comes after
 * a restart: it has nothing in memory, only what the tables hold.
 */

afterAll(closeShared);

const rejection = (p: Promise<unknown>): Promise<unknown> => p.then(() => undefined, (e: unknown) => e);

for (const wanted of TARGETS) {
  const target = await resolveTarget(wanted);
  describe(`PostgresVault on ${target}${wanted !== target ? ' (standing in for the server)' : ''}`, () => {
    it('a field sealed by one vault opens in the next one (keys persist), and only for its own customer', async () => {
      const t = await openTestDatabase(wanted);
      const masterKey = randomBytes(32);
      try {
        const first = new PostgresVault(t.db, { schema: t.schema, masterKey });
        const sealed = await first.encrypt('shop_a', 'c1', '王小明');
        const second = new PostgresVault(t.db, { schema: t.schema, masterKey: masterKey.toString('base64') });
        expect(await second.decrypt('shop_a', 'c1', sealed)).toBe('王小明');
        expect((await second.encrypt('shop_a', 'c1', 'x')).keyId).toBe(sealed.keyId); // one key per customer
        const elsewhere = await rejection(second.decrypt('shop_a', 'c2', { ...(await second.encrypt('shop_a', 'c2', 'y')), ct: sealed.ct, iv: sealed.iv, tag: sealed.tag }));
        expect(isRapportError(elsewhere, PersonalDataUnreadable.code), String(elsewhere)).toBe(true);
        expect(await second.decrypt('shop_a', 'never-seen', sealed)).toBeUndefined();
      } finally {
        await t.drop();
      }
    });

    it('stores keys wrapped under the master key, never as they are', async () => {
      const t = await openTestDatabase(wanted);
      const masterKey = randomBytes(32);
      try {
        const vault = new PostgresVault(t.db, { schema: t.schema, masterKey });
        const sealed = await vault.encrypt('shop_a', 'c1', 'secret name');
        const [row] = await t.db.query<{ key_id: string; key: Uint8Array }>(`SELECT key_id, key FROM ${ident(t.schema)}.vault_keys`);
        expect(row!.key.length).toBe(12 + 16 + 32); // iv, tag, wrapped key
        // the stored bytes do not open the field; unwrapped with the master key they do
        expect(openField(row!.key.subarray(0, 32), row!.key_id, 'shop_a', 'c1', sealed).ok).toBe(false);
        const key = unwrapKey(masterKey, row!.key, `rapport/vault/customer/shop_a/c1/${row!.key_id}`);
        expect(key && openField(key, row!.key_id, 'shop_a', 'c1', sealed)).toEqual({ ok: true, plaintext: 'secret name' });
      } finally {
        await t.drop();
      }
    });

    it('erase deletes the key row for good: every vault reads undefined and seals nothing more; erasing again is a no-op', async () => {
      const t = await openTestDatabase(wanted);
      try {
        const first = new PostgresVault(t.db, { schema: t.schema });
        const sealed = await first.encrypt('shop_a', 'c1', '13800138000');
        await first.encrypt('shop_a', 'c2', 'kept');
        await first.erase('shop_a', 'c1');
        await first.erase('shop_a', 'c1');
        const keys = await t.db.query<{ customer_id: string }>(`SELECT customer_id FROM ${ident(t.schema)}.vault_keys ORDER BY 1`);
        expect(keys.map((r) => r.customer_id)).toEqual(['c2']);
        const second = new PostgresVault(t.db, { schema: t.schema });
        expect(await second.decrypt('shop_a', 'c1', sealed)).toBeUndefined();
        const refused = await rejection(second.encrypt('shop_a', 'c1', 'new'));
        expect(isRapportError(refused, PersonalDataErased.code), String(refused)).toBe(true);
        expect((await t.db.query(`SELECT 1 FROM ${ident(t.schema)}.vault_keys WHERE customer_id = 'c1'`)).length).toBe(0);
        // another tenant's customer of the same id is untouched
        expect(await second.decrypt('shop_b', 'c1', await second.encrypt('shop_b', 'c1', 'other shop'))).toBe('other shop');
      } finally {
        await t.drop();
      }
    });

    it('blind indexes are stable across vaults of a schema and differ by tenant and kind', async () => {
      const t = await openTestDatabase(wanted);
      const masterKey = randomBytes(32);
      try {
        const first = new PostgresVault(t.db, { schema: t.schema, masterKey });
        const a = await first.blindIndex('shop_a', 'phone', '13800138000');
        const second = new PostgresVault(t.db, { schema: t.schema, masterKey });
        expect(await second.blindIndex('shop_a', 'phone', '13800138000')).toBe(a);
        expect(await second.blindIndex('shop_b', 'phone', '13800138000')).not.toBe(a);
        expect(await second.blindIndex('shop_a', 'email', '13800138000')).not.toBe(a);
        expect(a).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
      } finally {
        await t.drop();
      }
    });

    it('another master key, or none where there was one (and the other way round): VaultMasterKeyMismatch, nothing read', async () => {
      const t = await openTestDatabase(wanted);
      const plain = await openTestDatabase(wanted);
      try {
        const sealed = await new PostgresVault(t.db, { schema: t.schema, masterKey: randomBytes(32) }).encrypt('shop_a', 'c1', 'x');
        for (const vault of [new PostgresVault(t.db, { schema: t.schema, masterKey: randomBytes(32) }), new PostgresVault(t.db, { schema: t.schema })]) {
          const e = await rejection(vault.decrypt('shop_a', 'c1', sealed));
          expect(isRapportError(e, VaultMasterKeyMismatch.code), String(e)).toBe(true);
          expect(isRapportError(await rejection(vault.blindIndex('shop_a', 'phone', '1')), VaultMasterKeyMismatch.code)).toBe(true);
        }
        await new PostgresVault(plain.db, { schema: plain.schema }).encrypt('shop_a', 'c1', 'x');
        const e = await rejection(new PostgresVault(plain.db, { schema: plain.schema, masterKey: randomBytes(32) }).encrypt('shop_a', 'c1', 'y'));
        expect(isRapportError(e, VaultMasterKeyMismatch.code), String(e)).toBe(true);
      } finally {
        await t.drop();
        await plain.drop();
      }
    });

    it('two vaults sealing a new customer at once agree on one key', async () => {
      const t = await openTestDatabase(wanted);
      try {
        const vaults = Array.from({ length: 4 }, () => new PostgresVault(t.db, { schema: t.schema }));
        await vaults[0]!.ready();
        const sealed = await Promise.all(vaults.map((v, i) => v.encrypt('shop_a', 'c1', `n${i}`)));
        expect(new Set(sealed.map((s) => s.keyId)).size).toBe(1);
        for (const [i, s] of sealed.entries()) expect(await vaults[(i + 1) % 4]!.decrypt('shop_a', 'c1', s)).toBe(`n${i}`);
      } finally {
        await t.drop();
      }
    });

    it('takes over the keys of another vault: its sealed fields open, its blind indexes match, its erasures hold', async () => {
      const t = await openTestDatabase(wanted);
      const masterKey = randomBytes(32);
      try {
        const key = randomBytes(32);
        const indexKey = randomBytes(32);
        const sealed = sealField(key, 'k-1', randomBytes(12), 'shop_a', 'c1', '王小明');
        const keys: VaultKeys = {
          customers: [{ tenantId: 'shop_a', customerId: 'c1', keyId: 'k-1', key }],
          erased: [{ tenantId: 'shop_a', customerId: 'c-gone' }],
          blindIndexKeys: [{ tenantId: 'shop_a', key: indexKey }],
        };
        const vault = new PostgresVault(t.db, { schema: t.schema, masterKey });
        expect(await vault.importKeys(keys)).toEqual({ customers: 1, erased: 1, tenants: 1 });
        const later = new PostgresVault(t.db, { schema: t.schema, masterKey }); // nothing in memory
        expect(await later.decrypt('shop_a', 'c1', sealed)).toBe('王小明');
        expect((await later.encrypt('shop_a', 'c1', 'x')).keyId).toBe('k-1');
        expect(await later.blindIndex('shop_a', 'phone', '13800138000')).toBe(blindIndexOf(indexKey, 'phone', '13800138000'));
        expect(isRapportError(await rejection(later.encrypt('shop_a', 'c-gone', 'x')), PersonalDataErased.code)).toBe(true);
        // kept wrapped under the master key, as the keys the vault makes itself
        const [row] = await t.db.query<{ key: Uint8Array }>(`SELECT key FROM ${ident(t.schema)}.vault_keys WHERE customer_id = 'c1'`);
        expect(row!.key.length).toBe(12 + 16 + 32);
      } finally {
        await t.drop();
      }
    });

    it('refuses keys it cannot take, naming the entry, and imports nothing of them', async () => {
      const t = await openTestDatabase(wanted);
      try {
        const vault = new PostgresVault(t.db, { schema: t.schema });
        await vault.encrypt('shop_a', 'c1', 'x');
        const count = async () => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${ident(t.schema)}.vault_keys`))[0]!.n;
        const refusal = async (keys: VaultKeys): Promise<string> => {
          const e = await rejection(vault.importKeys(keys));
          expect(e, String(e)).toBeInstanceOf(InvalidArgument);
          return (e as Error).message;
        };
        const fresh = { tenantId: 'shop_a', customerId: 'c2', keyId: 'k-2', key: randomBytes(32) };
        expect(await refusal({ customers: [fresh, { tenantId: 'shop_a', customerId: 'c1', keyId: 'k-9', key: randomBytes(32) }], erased: [], blindIndexKeys: [] })).toMatch(
          /customer c1 \(tenant shop_a\) already has a key/,
        );
        expect(await refusal({ customers: [fresh, { ...fresh, customerId: 'c3', key: randomBytes(16) }], erased: [], blindIndexKeys: [] })).toMatch(/customers\[1\]\.key: expected 32 bytes/);
        expect(await refusal({ customers: [fresh], erased: [{ tenantId: 'shop_a', customerId: 'c2' }], blindIndexKeys: [] })).toMatch(/erased\[0\]: customer c2/);
        await vault.blindIndex('shop_a', 'phone', '1');
        expect(await refusal({ customers: [fresh], erased: [], blindIndexKeys: [{ tenantId: 'shop_a', key: randomBytes(32) }] })).toMatch(/tenant shop_a already has a blind-index key/);
        expect(await count()).toBe(1);
        expect(await vault.decrypt('shop_a', 'c2', sealField(fresh.key, 'k-2', randomBytes(12), 'shop_a', 'c2', 'y'))).toBeUndefined();
      } finally {
        await t.drop();
      }
    });
  });
}
