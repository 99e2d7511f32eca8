import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { PgDatabase } from './pgDatabase.js';
import { PgliteDatabase } from './pgliteDatabase.js';
import { StoreUnavailable } from '@rapport/core';
import { ident, type SqlDatabase } from './sql.js';

/**
 * Test databases. Every test gets its own schema, dropped afterwards. The server tests run
 * against `RAPPORT_PG_URL` when it answers; when it does not, they run against PGlite and
 * say so once, so a machine without PostgreSQL still runs (and can still fail) every test.
 */

export const PG_URL = process.env['RAPPORT_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Whether the PostgreSQL server answers (asked once per test file). */
export const serverAnswers: Promise<boolean> = (async () => {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
})();

export type Target = 'server' | 'pglite';

export interface TestDatabase {
  /** Where the tests really run: the server, or PGlite standing in for it. */
  readonly target: Target;
  readonly db: SqlDatabase;
  /** A fresh schema name (not yet created). */
  readonly schema: string;
  /** Drop the schema. */
  drop(): Promise<void>;
}

let pool: pg.Pool | undefined;
let pglite: Promise<PGlite> | undefined;
let noticeGiven = false;

/** One PGlite per test file: starting one takes seconds. */
export const sharedPglite = (): Promise<PGlite> => (pglite ??= PGlite.create());

/** The pool of the test file (created on first use). */
export const sharedPool = (): pg.Pool => {
  if (!pool) {
    pool = new pg.Pool({ connectionString: PG_URL, max: 12 });
    pool.on('error', () => undefined); // fault tests terminate backends on purpose
  }
  return pool;
};

/** The target a "server" test really gets. */
export const resolveTarget = async (wanted: Target): Promise<Target> => {
  if (wanted === 'pglite' || (await serverAnswers)) return wanted;
  if (!noticeGiven) {
    noticeGiven = true;
    console.warn(`NOTICE: PostgreSQL at ${PG_URL} does not answer; the server tests run against PGlite instead.`);
  }
  return 'pglite';
};

export const freshSchema = (): string => `t_${randomBytes(6).toString('hex')}`;

export const openTestDatabase = async (wanted: Target): Promise<TestDatabase> => {
  const target = await resolveTarget(wanted);
  const db: SqlDatabase = target === 'server' ? new PgDatabase(sharedPool(), false) : new PgliteDatabase(await sharedPglite(), false);
  const schema = freshSchema();
  return { target, db, schema, drop: () => db.exec(`DROP SCHEMA IF EXISTS ${ident(schema)} CASCADE`) };
};

/** Close what the test file opened. */
export const closeShared = async (): Promise<void> => {
  const p = pool;
  pool = undefined;
  await p?.end();
  const l = pglite;
  pglite = undefined;
  if (l) await (await l).close();
};

/** Both targets, labelled for describe blocks. */
export const TARGETS: readonly Target[] = ['server', 'pglite'];

/**
 * A database that loses its connection at a chosen statement inside a transaction, as a
 * killed backend would: the statement fails with the driver's "Connection terminated"
 * error and the transaction is rolled back. Used where a real server cannot be killed.
 */
export const losingConnectionAt = (db: SqlDatabase, at: (sql: string) => boolean): SqlDatabase => ({
  driver: db.driver,
  query: (text, params) => db.query(text, params),
  exec: (sql) => db.exec(sql),
  listen: (channel, onNotify) => db.listen(channel, onNotify),
  close: () => db.close(),
  once: (statement, params) =>
    at(statement)
      ? Promise.reject(new StoreUnavailable('postgres: statement failed, the database is unavailable: Connection terminated unexpectedly', { cause: new Error('Connection terminated unexpectedly') }))
      : db.once(statement, params),
  scriptedTransaction: (lock, opening, work, prepare) => {
    if (at(opening)) return Promise.reject(new StoreUnavailable('postgres: transaction failed, the database is unavailable: Connection terminated unexpectedly', { cause: new Error('Connection terminated unexpectedly') }));
    // the closing script is lost with the connection: the real transaction rolls back
    return db.scriptedTransaction(
      lock,
      opening,
      async (rows) => {
        const step = await work(rows);
        if ('closing' in step && at(step.closing)) throw new Error('Connection terminated unexpectedly');
        return step;
      },
      prepare,
    );
  },
  transaction: (work, options) =>
    db.transaction(
      (tx) =>
        work({
          query: async (text, params) => {
            if (at(text)) throw new Error('Connection terminated unexpectedly');
            return tx.query(text, params);
          },
        }),
      options,
    ),
});
