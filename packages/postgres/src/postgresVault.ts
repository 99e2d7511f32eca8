import { randomBytes, randomUUID } from 'node:crypto';
import {
  blindIndexOf,
  InvalidArgument,
  openField,
  PersonalDataErased,
  PersonalDataUnreadable,
  SealedText,
  sealField,
  unwrapKey,
  VAULT_IV_BYTES,
  VAULT_KEY_BYTES,
  wrapKey,
  type ContactKind,
  type PersonalDataVault,
  type VaultKeys,
} from '@rapport/core';
import { parseMasterKey, VaultMasterKeyMismatch, type MasterKeyInput } from './masterKey.js';
import { assertSchemaName, migrator } from './migrations.js';
import { ident, lockKey, type SqlClient, type SqlDatabase } from './sql.js';

export interface PostgresVaultOptions {
  /** The schema holding the vault's tables (created on first use; default `rapport`). */
  readonly schema?: string;
  /**
   * The key that wraps every stored key (32 bytes, or 64 hex digits / base64). Without one
   * the keys are stored as they are. A schema keeps the choice made on its first use:
   * opening it later with another master key, or without one when it has one (and the
   * other way round), rejects with {@link VaultMasterKeyMismatch}.
   */
  readonly masterKey?: MasterKeyInput;
}

interface KeyRow {
  readonly key_id: string | null;
  readonly key: Uint8Array | null;
  readonly erased: boolean;
}

const WRAPPED = 'aes-256-gcm';
const UNWRAPPED = 'none';
const CHECK_LABEL = 'rapport/vault/master-key-check';
const customerLabel = (tenantId: string, customerId: string, keyId: string): string => `rapport/vault/customer/${tenantId}/${customerId}/${keyId}`;
const indexLabel = (tenantId: string): string => `rapport/vault/blind-index/${tenantId}`;

/**
 * The personal-data vault in PostgreSQL (server or PGlite): per-customer AES-256-GCM keys
 * in `<schema>.vault_keys`, per-tenant blind-index keys in `<schema>.vault_index_keys`,
 * both wrapped under the master key when one is given. The cryptography is the one every
 * vault shares (`@rapport/core` vaultCrypto).
 *
 * `erase` deletes the customer's key row and records the erasure (`vault_erasures`, ids
 * only) in one transaction, so the key is gone for every process and no new key is ever
 * created for the customer. Key creation and erasure of one customer take the same
 * advisory lock, so they cannot interleave. Keys are read per call, not cached: an erasure
 * by another process takes effect at once.
 */
export class PostgresVault implements PersonalDataVault {
  private readonly schema: string;
  private readonly keys: string;
  private readonly erasures: string;
  private readonly indexKeys: string;
  private readonly settings: string;
  private readonly masterKey: Buffer | undefined;
  private readonly hmacKeys = new Map<string, Promise<Uint8Array>>();
  private checked: Promise<void> | undefined;

  constructor(
    readonly db: SqlDatabase,
    options: PostgresVaultOptions = {},
  ) {
    this.schema = options.schema ?? 'rapport';
    assertSchemaName(this.schema);
    const s = ident(this.schema);
    this.keys = `${s}.vault_keys`;
    this.erasures = `${s}.vault_erasures`;
    this.indexKeys = `${s}.vault_index_keys`;
    this.settings = `${s}.vault_settings`;
    this.masterKey = options.masterKey === undefined ? undefined : parseMasterKey(options.masterKey);
  }

  /**
   * Create the tables if needed and check the master key against the schema's (also done
   * by the first call of any method). Rejects with {@link VaultMasterKeyMismatch}.
   */
  ready(): Promise<void> {
    if (!this.checked) {
      this.checked = this.checkMasterKey();
      this.checked.catch(() => (this.checked = undefined));
    }
    return this.checked;
  }

  private async checkMasterKey(): Promise<void> {
    await migrator.ready(this.db, this.schema);
    const mine = this.masterKey ? WRAPPED : UNWRAPPED;
    const check = this.masterKey ? wrapKey(this.masterKey, randomBytes(VAULT_IV_BYTES), randomBytes(VAULT_KEY_BYTES), CHECK_LABEL) : null;
    await this.db.query(`INSERT INTO ${this.settings} (id, wrapping, key_check) VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING`, [mine, check]);
    const [row] = await this.db.query<{ wrapping: string; key_check: Uint8Array | null }>(`SELECT wrapping, key_check FROM ${this.settings} WHERE id = 1`);
    if (row!.wrapping !== mine)
      throw new VaultMasterKeyMismatch(
        this.masterKey
          ? `schema ${this.schema} keeps its keys without a master key; open it without one`
          : `schema ${this.schema} keeps its keys wrapped under a master key; give it (option masterKey or RAPPORT_MASTER_KEY)`,
      );
    if (this.masterKey && unwrapKey(this.masterKey, row!.key_check!, CHECK_LABEL) === undefined)
      throw new VaultMasterKeyMismatch(`the master key given is not the one schema ${this.schema} was opened with`);
  }

  private seal(key: Uint8Array, label: string): Uint8Array {
    return this.masterKey ? wrapKey(this.masterKey, randomBytes(VAULT_IV_BYTES), key, label) : key;
  }

  private open(stored: Uint8Array, label: string): Uint8Array {
    if (!this.masterKey) return stored;
    const key = unwrapKey(this.masterKey, stored, label);
    if (!key) throw new VaultMasterKeyMismatch(`a key of schema ${this.schema} does not unwrap under the master key given (${label})`);
    return key;
  }

  /** The customer's key row and whether they were erased, as one snapshot. */
  private async keyRow(client: SqlClient, tenantId: string, customerId: string): Promise<KeyRow> {
    const [row] = await client.query<KeyRow>(
      `SELECT k.key_id, k.key, EXISTS (SELECT 1 FROM ${this.erasures} WHERE tenant_id = $1 AND customer_id = $2) AS erased
         FROM (SELECT 1) one LEFT JOIN ${this.keys} k ON k.tenant_id = $1 AND k.customer_id = $2`,
      [tenantId, customerId],
      true,
    );
    return row!;
  }

  private customerLock(tenantId: string, customerId: string): bigint {
    return lockKey(`vault:${this.schema}:${tenantId}\u0000${customerId}`);
  }

  async encrypt(tenantId: string, customerId: string, plaintext: string): Promise<SealedText> {
    await this.ready();
    let row = await this.keyRow(this.db, tenantId, customerId);
    if (!row.erased && row.key === null)
      // the first field of this customer: create the key under the lock erasure also takes
      row = await this.db.transaction(
        async (tx) => {
          const now = await this.keyRow(tx, tenantId, customerId);
          if (now.erased || now.key !== null) return now;
          const keyId = randomUUID();
          const stored = this.seal(randomBytes(VAULT_KEY_BYTES), customerLabel(tenantId, customerId, keyId));
          await tx.query(`INSERT INTO ${this.keys} (tenant_id, customer_id, key_id, key) VALUES ($1, $2, $3, $4)`, [tenantId, customerId, keyId, stored]);
          return { key_id: keyId, key: stored, erased: false };
        },
        { lock: this.customerLock(tenantId, customerId) },
      );
    if (row.erased) throw new PersonalDataErased(tenantId, customerId);
    const key = this.open(row.key!, customerLabel(tenantId, customerId, row.key_id!));
    return sealField(key, row.key_id!, randomBytes(VAULT_IV_BYTES), tenantId, customerId, plaintext);
  }

  async decrypt(tenantId: string, customerId: string, sealed: SealedText): Promise<string | undefined> {
    await this.ready();
    const row = await this.keyRow(this.db, tenantId, customerId);
    if (row.erased || row.key === null) return undefined;
    if (!SealedText.is(sealed)) throw new PersonalDataUnreadable(tenantId, customerId, 'not a sealed field');
    const key = this.open(row.key, customerLabel(tenantId, customerId, row.key_id!));
    const opened = openField(key, row.key_id!, tenantId, customerId, sealed);
    if (!opened.ok) throw new PersonalDataUnreadable(tenantId, customerId, opened.reason, { cause: opened.cause });
    return opened.plaintext;
  }

  async blindIndex(tenantId: string, kind: ContactKind, normalised: string): Promise<string> {
    await this.ready();
    let key = this.hmacKeys.get(tenantId);
    if (!key) {
      key = this.tenantIndexKey(tenantId);
      this.hmacKeys.set(tenantId, key);
      key.catch(() => this.hmacKeys.delete(tenantId));
    }
    return blindIndexOf(await key, kind, normalised);
  }

  /** The tenant's blind-index key: created on first use, the same for every process ever after. */
  private async tenantIndexKey(tenantId: string): Promise<Uint8Array> {
    const label = indexLabel(tenantId);
    await this.db.query(`INSERT INTO ${this.indexKeys} (tenant_id, key) VALUES ($1, $2) ON CONFLICT (tenant_id) DO NOTHING`, [
      tenantId,
      this.seal(randomBytes(VAULT_KEY_BYTES), label),
    ]);
    const [row] = await this.db.query<{ key: Uint8Array }>(`SELECT key FROM ${this.indexKeys} WHERE tenant_id = $1`, [tenantId]);
    return this.open(row!.key, label);
  }

  async erase(tenantId: string, customerId: string): Promise<void> {
    await this.ready();
    await this.db.transaction(
      async (tx) => {
        await tx.query(`DELETE FROM ${this.keys} WHERE tenant_id = $1 AND customer_id = $2`, [tenantId, customerId]);
        await tx.query(`INSERT INTO ${this.erasures} (tenant_id, customer_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [tenantId, customerId]);
      },
      { lock: this.customerLock(tenantId, customerId) },
    );
  }

  /**
   * Take over the keys of another vault ({@link VaultKeys}, e.g. `MemoryVault.exportKeys()`
   * after a history was replayed in memory and its events imported here), in one
   * transaction, wrapped under this vault's master key like the keys it creates. Refuses
   * with `InvalidArgument` (and imports nothing) a malformed key, or a customer or tenant
   * this vault already holds a key or an erasure for: a customer keeps one key for good.
   */
  async importKeys(keys: VaultKeys): Promise<{ readonly customers: number; readonly erased: number; readonly tenants: number }> {
    await this.ready();
    checkVaultKeys(keys);
    const customers = keys.customers.map((k) => ({
      t: k.tenantId,
      c: k.customerId,
      id: k.keyId,
      key: Buffer.from(this.seal(k.key, customerLabel(k.tenantId, k.customerId, k.keyId))).toString('hex'),
    }));
    const erased = keys.erased.map((e) => ({ t: e.tenantId, c: e.customerId }));
    const tenants = keys.blindIndexKeys.map((k) => ({ t: k.tenantId, key: Buffer.from(this.seal(k.key, indexLabel(k.tenantId))).toString('hex') }));
    const people = JSON.stringify([...customers, ...erased].map(({ t, c }) => ({ t, c })));
    await this.db.transaction(async (tx) => {
      const [held] = await tx.query<{ tenant_id: string; customer_id: string }>(
        `SELECT x->>'t' AS tenant_id, x->>'c' AS customer_id FROM jsonb_array_elements($1::jsonb) x
          WHERE EXISTS (SELECT 1 FROM ${this.keys} k WHERE k.tenant_id = x->>'t' AND k.customer_id = x->>'c')
             OR EXISTS (SELECT 1 FROM ${this.erasures} e WHERE e.tenant_id = x->>'t' AND e.customer_id = x->>'c')
          LIMIT 1`,
        [people],
      );
      if (held) throw new InvalidArgument(`import vault keys: customer ${held.customer_id} (tenant ${held.tenant_id}) already has a key or an erasure in schema ${this.schema}`);
      const [tenant] = await tx.query<{ tenant_id: string }>(
        `SELECT tenant_id FROM ${this.indexKeys} WHERE tenant_id IN (SELECT x->>'t' FROM jsonb_array_elements($1::jsonb) x) LIMIT 1`,
        [JSON.stringify(tenants.map(({ t }) => ({ t })))],
      );
      if (tenant) throw new InvalidArgument(`import vault keys: tenant ${tenant.tenant_id} already has a blind-index key in schema ${this.schema}`);
      await tx.query(
        `INSERT INTO ${this.keys} (tenant_id, customer_id, key_id, key)
         SELECT x->>'t', x->>'c', x->>'id', decode(x->>'key', 'hex') FROM jsonb_array_elements($1::jsonb) x`,
        [JSON.stringify(customers)],
      );
      await tx.query(`INSERT INTO ${this.erasures} (tenant_id, customer_id) SELECT x->>'t', x->>'c' FROM jsonb_array_elements($1::jsonb) x`, [JSON.stringify(erased)]);
      await tx.query(`INSERT INTO ${this.indexKeys} (tenant_id, key) SELECT x->>'t', decode(x->>'key', 'hex') FROM jsonb_array_elements($1::jsonb) x`, [JSON.stringify(tenants)]);
    });
    return { customers: customers.length, erased: erased.length, tenants: tenants.length };
  }
}

const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200;

/** Refuse, naming the entry and field, keys that could not have come from a vault. */
const checkVaultKeys = (keys: VaultKeys): void => {
  const refuse = (path: string, what: string): never => {
    throw new InvalidArgument(`import vault keys: ${path}: ${what}`);
  };
  const seen = new Set<string>();
  keys.customers.forEach((k, i) => {
    if (!isId(k.tenantId)) refuse(`customers[${i}].tenantId`, 'expected an id');
    if (!isId(k.customerId)) refuse(`customers[${i}].customerId`, 'expected an id');
    if (!isId(k.keyId)) refuse(`customers[${i}].keyId`, 'expected an id');
    if (!(k.key instanceof Uint8Array) || k.key.length !== VAULT_KEY_BYTES) refuse(`customers[${i}].key`, `expected ${VAULT_KEY_BYTES} bytes`);
    const at = `${k.tenantId}\u0000${k.customerId}`;
    if (seen.has(at)) refuse(`customers[${i}]`, `customer ${k.customerId} (tenant ${k.tenantId}) appears twice`);
    seen.add(at);
  });
  keys.erased.forEach((e, i) => {
    if (!isId(e.tenantId)) refuse(`erased[${i}].tenantId`, 'expected an id');
    if (!isId(e.customerId)) refuse(`erased[${i}].customerId`, 'expected an id');
    const at = `${e.tenantId}\u0000${e.customerId}`;
    if (seen.has(at)) refuse(`erased[${i}]`, `customer ${e.customerId} (tenant ${e.tenantId}) has a key or another erasure`);
    seen.add(at);
  });
  const tenants = new Set<string>();
  keys.blindIndexKeys.forEach((k, i) => {
    if (!isId(k.tenantId)) refuse(`blindIndexKeys[${i}].tenantId`, 'expected an id');
    if (!(k.key instanceof Uint8Array) || k.key.length < VAULT_KEY_BYTES) refuse(`blindIndexKeys[${i}].key`, `expected at least ${VAULT_KEY_BYTES} bytes`);
    if (tenants.has(k.tenantId)) refuse(`blindIndexKeys[${i}]`, `tenant ${k.tenantId} appears twice`);
    tenants.add(k.tenantId);
  });
};
