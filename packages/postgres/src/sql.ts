import { createHash } from 'node:crypto';
import { InvalidArgument } from '@rapport/core';

/**
 * The one SQL layer both drivers sit behind: node-postgres (a server) and PGlite
 * (Postgres in WASM, in process). The stores speak only to these two interfaces.
 */

/** Something that runs one parameterised statement and returns its rows. */
export interface SqlClient {
  /**
   * @param prepared keep the statement prepared on the connection (the store's hot, fixed
   *   statements: parsed and planned once per connection instead of on every call)
   */
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[], prepared?: boolean): Promise<R[]>;
}

export interface TransactionOptions {
  /**
   * Take `pg_advisory_xact_lock(lock)` before the work runs (sent with BEGIN in the same
   * round trip); released by COMMIT or ROLLBACK.
   */
  readonly lock?: bigint;
}

/** What the work of a {@link SqlDatabase.scriptedTransaction} decided after the opening. */
export type ScriptedStep<T> =
  /** Nothing to write: roll back and answer `value`. */
  | { readonly done: T }
  /** Send `closing` with COMMIT; `result` turns the rows of its first statement into the answer. */
  | { readonly closing: string; readonly result: (rows: Record<string, unknown>[]) => T };

/**
 * A server-side prepared statement a script EXECUTEs: the driver sends `statement` (a
 * `PREPARE name(...) AS ...`) once per session, in front of the first script that needs it,
 * so the statement is planned once per connection rather than on every append.
 */
export interface PreparedScript {
  readonly name: string;
  readonly statement: string;
}

/** The PREPAREs a session still lacks, as a script prefix; marks them prepared. */
export const preparePrefix = (session: object, prepare: readonly PreparedScript[] | undefined): string => {
  if (!prepare?.length) return '';
  let done = preparedBySession.get(session);
  if (!done) {
    done = new Set();
    preparedBySession.set(session, done);
  }
  let prefix = '';
  for (const p of prepare)
    if (!done.has(p.name)) {
      prefix += `${p.statement}; `;
      done.add(p.name);
    }
  return prefix;
};

/** Record what a session really has prepared (after a failed script left it unknown). */
export const setPrepared = (session: object, names: readonly string[]): void => {
  preparedBySession.set(session, new Set(names));
};

const preparedBySession = new WeakMap<object, Set<string>>();

/** A database the stores can use: statements, transactions, LISTEN, close. */
export interface SqlDatabase extends SqlClient {
  /** `pg` for a server through node-postgres, `pglite` for the embedded database. */
  readonly driver: 'pg' | 'pglite';
  /** Run `work` in one transaction: COMMIT when it resolves, ROLLBACK when it throws. */
  transaction<T>(work: (tx: SqlClient) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * A transaction in two round trips: `BEGIN`, `pg_advisory_xact_lock(lock)` and `opening`
   * travel together; `work` sees the rows of opening's last statement and either ends it
   * (rollback) or gives the closing statement, sent together with `COMMIT`. Both scripts
   * carry their values as literals (see {@link literal}): the simple protocol takes no
   * parameters. Work that throws rolls the transaction back.
   */
  scriptedTransaction<T>(
    lock: bigint,
    opening: string,
    work: (rows: Record<string, unknown>[]) => Promise<ScriptedStep<T>> | ScriptedStep<T>,
    prepare?: readonly PreparedScript[],
  ): Promise<T>;
  /**
   * One parameterised statement, prepared once per connection, in a transaction of its
   * own (autocommit), in one round trip, and never tried again: for a write whose outcome
   * the caller must learn (a lost connection rejects with StoreUnavailable).
   */
  once<R = Record<string, unknown>>(text: string, params: readonly unknown[]): Promise<R[]>;
  /** Run statements without parameters (several, separated by `;`). */
  exec(sql: string): Promise<void>;
  /** LISTEN on a channel; resolves with a function that stops listening. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  /** Release the connections this object opened (a pool or PGlite instance handed in is left open). */
  close(): Promise<void>;
}

/** A quoted SQL identifier. Names are checked before they get here; quoting is belt and braces. */
export const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** A stable signed 64-bit advisory lock key for a purpose (e.g. `events:<schema>`). */
export const lockKey = (purpose: string): bigint => createHash('sha256').update(`rapport:${purpose}`).digest().readBigInt64BE(0);

/** A bigint-ish value from a driver (pg gives int8 as text, PGlite as number) as bigint. */
export const toBigInt = (v: unknown): bigint => (typeof v === 'bigint' ? v : BigInt(v as string | number));

const names = new Map<string, string>();
/** A stable prepared-statement name for a statement's text. */
export const statementName = (text: string): string => {
  let name = names.get(text);
  if (!name) {
    name = `rapport_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
};

/**
 * A string as an SQL literal (the same escaping as node-postgres' `escapeLiteral`: quotes
 * and backslashes doubled, `E''` form when there is a backslash, so it reads the same
 * whatever `standard_conforming_strings` says). NUL cannot travel in a query text.
 */
export const literal = (value: string): string => {
  if (value.includes('\u0000')) throw new InvalidArgument(`${JSON.stringify(value)}: a NUL character cannot be stored`);
  const quoted = `'${value.replace(/'/g, "''")}'`;
  return value.includes('\\') ? ` E${quoted.replace(/\\/g, '\\\\')}` : quoted;
};
