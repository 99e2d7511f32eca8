import { mkdirSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import type { Clock, EventRegistry, Projection } from '@rapport/core';
import { migrator } from './migrations.js';
import { PgDatabase } from './pgDatabase.js';
import { PgliteDatabase } from './pgliteDatabase.js';
import { PostgresEventStore } from './postgresEventStore.js';
import { PostgresReadModelStore } from './postgresReadModelStore.js';
import type { SqlDatabase } from './sql.js';

/** What a host needs from a store: events, read models, and one way to shut both. */
export interface RapportStores {
  readonly eventStore: PostgresEventStore;
  readonly readModels: PostgresReadModelStore;
  readonly database: SqlDatabase;
  /** Stop subscriptions and close the connections this package opened. */
  close(): Promise<void>;
}

export interface StoreOptions {
  /** The codecs every appended and read event must match. */
  readonly registry: EventRegistry;
  /** Where recordedAt comes from (default: the system clock). */
  readonly clock?: Clock;
  /** The schema holding Rapport's tables (default `rapport`); created on first use. */
  readonly schema?: string;
  /** Longest wait of a live subscription when no NOTIFY arrives (default 500 ms). */
  readonly pollIntervalMs?: number;
  /** Projections updated in the append transaction (read-your-writes). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly inlineProjections?: readonly Projection<any, any>[];
}

export interface ConnectPostgresOptions extends StoreOptions {
  /** `postgres://user:password@host:5432/database?sslmode=require`; default `RAPPORT_PG_URL`. */
  readonly connectionString?: string;
  /** A pool the host owns (left open by `close`); wins over `connectionString`. */
  readonly pool?: pg.Pool;
  /** Settings for the pool this package creates (size, ssl, timeouts...). */
  readonly poolConfig?: pg.PoolConfig;
}

export interface OpenEmbeddedOptions extends StoreOptions {
  /** Where PGlite keeps its files (default `./.rapport`); `memory://` keeps nothing. */
  readonly dataDir?: string;
  /** A PGlite instance the host opened (left open by `close`); wins over `dataDir`. */
  readonly pglite?: PGlite;
}

const assemble = async (database: SqlDatabase, o: StoreOptions): Promise<RapportStores> => {
  const schema = o.schema ?? 'rapport';
  try {
    await migrator.ready(database, schema);
  } catch (e) {
    await database.close().catch(() => undefined);
    throw e;
  }
  const eventStore = new PostgresEventStore(database, {
    registry: o.registry,
    schema,
    ...(o.clock ? { clock: o.clock } : {}),
    ...(o.pollIntervalMs !== undefined ? { pollIntervalMs: o.pollIntervalMs } : {}),
    ...(o.inlineProjections ? { inlineProjections: o.inlineProjections } : {}),
  });
  const readModels = new PostgresReadModelStore(database, { schema });
  return {
    eventStore,
    readModels,
    database,
    close: async () => {
      await eventStore.close();
      await readModels.close();
      await database.close();
    },
  };
};

/**
 * Rapport on a PostgreSQL server. Creates the schema and tables on first use; rejects with
 * StoreUnavailable when the server does not answer.
 */
export const connectPostgres = async (o: ConnectPostgresOptions): Promise<RapportStores> => {
  const url = o.connectionString ?? process.env['RAPPORT_PG_URL'];
  if (!o.pool && !url) throw new TypeError('connectPostgres: give a connectionString, a pool, or set RAPPORT_PG_URL');
  const database = o.pool ? new PgDatabase(o.pool, false) : PgDatabase.connect(url!, o.poolConfig);
  return assemble(database, o);
};

/**
 * Rapport on PGlite: PostgreSQL in process, its files under `dataDir` (default
 * `./.rapport`), so a first program keeps its data between runs with no server to install.
 * One process at a time may open a data directory.
 */
export const openEmbeddedRapport = async (o: OpenEmbeddedOptions): Promise<RapportStores> => {
  let database: SqlDatabase;
  if (o.pglite) database = new PgliteDatabase(o.pglite, false);
  else {
    const { PGlite } = await import('@electric-sql/pglite');
    const dataDir = o.dataDir ?? './.rapport';
    // PGlite creates its own directory but not the ones above it (`./.rapport/shop-1`)
    if (!dataDir.includes('://')) mkdirSync(dataDir, { recursive: true });
    database = new PgliteDatabase(await PGlite.create(dataDir), true);
  }
  return assemble(database, o);
};
