import { randomBytes } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import { createCrm, EventRegistry, type CreateCrmOptions, type Crm } from '@rapport/core';
import { openEmbeddedRapport, type RapportStores } from './connect.js';
import { masterKeyFromFile, parseMasterKey, type MasterKeyInput } from './masterKey.js';
import { PostgresVault } from './postgresVault.js';

export interface EmbeddedCrmOptions extends Omit<CreateCrmOptions, 'eventStore' | 'readModels' | 'registry' | 'vault'> {
  /** Where PGlite keeps its files (default `./.rapport`); `memory://` keeps nothing. */
  readonly dataDir?: string;
  /** A PGlite instance the host opened (left open by `close`); wins over `dataDir`. */
  readonly pglite?: PGlite;
  /** The schema holding Rapport's tables (default `rapport`). */
  readonly schema?: string;
  /**
   * The key wrapping the vault's keys (32 bytes, or 64 hex digits / base64). Default: the
   * environment variable `RAPPORT_MASTER_KEY`, else the key in {@link masterKeyFile}.
   */
  readonly masterKey?: MasterKeyInput;
  /**
   * Where the master key is kept when neither `masterKey` nor `RAPPORT_MASTER_KEY` gives one
   * (created with 32 random bytes, mode 0600, on first use). Default: `<dataDir>.master-key`
   * beside the data directory (with `memory://` or a `pglite` instance: a key that lives as
   * long as the process). `false`: store the vault's keys unwrapped.
   */
  readonly masterKeyFile?: string | false;
  /** Longest wait of a live subscription when no NOTIFY arrives (default 500 ms). */
  readonly pollIntervalMs?: number;
}

/** A CRM on the embedded database, with its stores and one way to shut everything. */
export interface EmbeddedCrm extends Crm {
  readonly stores: RapportStores;
  readonly vault: PostgresVault;
  /** Stop following the store (if started) and close the database this call opened. */
  close(): Promise<void>;
}

/** The master key the options, the environment or the key file give; `undefined` for none. */
const resolveMasterKey = (o: EmbeddedCrmOptions, dataDir: string | undefined): MasterKeyInput | undefined => {
  if (o.masterKey !== undefined) return o.masterKey;
  const env = process.env['RAPPORT_MASTER_KEY'];
  if (env) return parseMasterKey(env, 'RAPPORT_MASTER_KEY');
  if (o.masterKeyFile === false) return undefined;
  if (o.masterKeyFile !== undefined) return masterKeyFromFile(o.masterKeyFile);
  if (dataDir === undefined || dataDir.includes('://')) return randomBytes(32);
  return masterKeyFromFile(`${dataDir.replace(/[\\/]+$/, '')}.master-key`);
};

/**
 * Rapport with nothing to install: `createCrm` on PGlite (PostgreSQL in process) persisted
 * under `./.rapport` (option `dataDir`), with the read models and a persistent
 * {@link PostgresVault} in the same database, so a first program keeps its customers,
 * their personal fields and their erasures between runs.
 *
 * ```ts
 * const crm = await createEmbeddedCrm();
 * await crm.customers.register(ctx, { customerId: 'c1', name: '王小明', phone: '13800138000', channel: 'ownSite' });
 * await crm.close();
 * ```
 *
 * Rejects with `VaultMasterKeyMismatch` when the master key is not the one the data
 * directory was created with, `StoreUnavailable` when the database cannot be opened, and
 * `InvalidCrmConfiguration` for an unusable policy (the database is closed again).
 */
export const createEmbeddedCrm = async (options: EmbeddedCrmOptions = {}): Promise<EmbeddedCrm> => {
  const dataDir = options.pglite ? undefined : (options.dataDir ?? './.rapport');
  const masterKey = resolveMasterKey(options, dataDir);
  const registry = new EventRegistry();
  const stores = await openEmbeddedRapport({
    registry,
    ...(options.pglite ? { pglite: options.pglite } : { dataDir: dataDir! }),
    ...(options.schema ? { schema: options.schema } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
  });
  try {
    const vault = new PostgresVault(stores.database, { ...(options.schema ? { schema: options.schema } : {}), ...(masterKey !== undefined ? { masterKey } : {}) });
    await vault.ready();
    const { dataDir: _d, pglite: _p, schema: _s, masterKey: _m, masterKeyFile: _f, pollIntervalMs: _i, ...crmOptions } = options;
    const crm = createCrm({ ...crmOptions, eventStore: stores.eventStore, readModels: stores.readModels, registry, vault });
    let closed = false;
    return Object.assign(crm, {
      stores,
      vault,
      close: async () => {
        if (closed) return;
        closed = true;
        await crm.stop().catch(() => undefined);
        await stores.close();
      },
    });
  } catch (e) {
    await stores.close().catch(() => undefined);
    throw e;
  }
};
