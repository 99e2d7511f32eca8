import { existsSync } from 'node:fs';
import { createCrm, EventRegistry, type Crm, type EventStore } from '@rapport/core';
import { connectPostgres, createEmbeddedCrm, PostgresVault } from '@rapport/postgres';
import { CliError } from './errors.js';

/** The embedded store `rapport demo` fills. */
export const DEFAULT_STORE = 'pglite:./.rapport/demo';

export interface OpenedStore {
  readonly crm: Crm;
  readonly eventStore: EventStore;
  /** What was opened, for messages: `pglite:./.rapport/demo`, `postgres://host/db`. */
  readonly label: string;
  close(): Promise<void>;
}

const isServerUrl = (url: string): boolean => /^postgres(ql)?:\/\//.test(url);

/** Hide a password in a connection string shown to the user. */
const redact = (url: string): string => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

/**
 * Open a Rapport store for a command: `pglite:<dir>` (or a directory path) — the embedded
 * PostgreSQL a demo wrote, which must exist — or `postgres://…` for a server, with the
 * vault's keys in the same database. Rejects with a CliError `unreachable` (exit 4).
 */
export const openStore = async (url: string = DEFAULT_STORE): Promise<OpenedStore> => {
  if (isServerUrl(url)) {
    const registry = new EventRegistry();
    let stores;
    try {
      stores = await connectPostgres({ registry, connectionString: url, poolConfig: { connectionTimeoutMillis: 5000, max: 4 } });
    } catch (e) {
      throw new CliError('unreachable', `cannot reach ${redact(url)}: ${(e as Error).message}`);
    }
    const vault = new PostgresVault(stores.database, process.env['RAPPORT_MASTER_KEY'] ? { masterKey: process.env['RAPPORT_MASTER_KEY'] } : {});
    const crm = createCrm({ eventStore: stores.eventStore, readModels: stores.readModels, registry, vault });
    return { crm, eventStore: stores.eventStore, label: redact(url), close: () => stores.close() };
  }
  const dataDir = url.startsWith('pglite:') ? url.slice('pglite:'.length) : url;
  if (dataDir === '' || !existsSync(dataDir)) throw new CliError('unreachable', `no embedded store at ${dataDir || '(empty path)'}: run \`rapport demo\` first, or give --store pglite:<dir> | postgres://…`);
  try {
    const crm = await createEmbeddedCrm({ dataDir });
    return { crm, eventStore: crm.stores.eventStore, label: `pglite:${dataDir}`, close: () => crm.close() };
  } catch (e) {
    throw new CliError('unreachable', `cannot open the embedded store at ${dataDir}: ${(e as Error).message}`);
  }
};
