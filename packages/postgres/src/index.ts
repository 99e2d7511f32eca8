/**
 * @rapport/postgres: the EventStore and ReadModelStore on PostgreSQL (node-postgres) and
 * on PGlite (PostgreSQL in WASM, in process), the embedded default.
 */
export { connectPostgres, openEmbeddedRapport, type ConnectPostgresOptions, type OpenEmbeddedOptions, type RapportStores, type StoreOptions } from './connect.js';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgresEventStore.js';
export type { ImportResult } from './importEvents.js';
export { PostgresReadModelStore, type PostgresReadModelStoreOptions } from './postgresReadModelStore.js';
export { createEmbeddedCrm, type EmbeddedCrm, type EmbeddedCrmOptions } from './embeddedCrm.js';
export { PostgresVault, type PostgresVaultOptions } from './postgresVault.js';
export { masterKeyFromFile, parseMasterKey, VaultMasterKeyMismatch, type MasterKeyInput } from './masterKey.js';
export { PgDatabase } from './pgDatabase.js';
export { PgliteDatabase } from './pgliteDatabase.js';
export { migrate, MIGRATIONS, type Migration } from './migrations.js';
export type { SqlClient, SqlDatabase, TransactionOptions } from './sql.js';
