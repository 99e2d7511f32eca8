import pg from 'pg';
import { isUnavailable, storeError } from './errors.js';
import { preparePrefix, statementName, type PreparedScript, type ScriptedStep, type SqlClient, type SqlDatabase, type TransactionOptions } from './sql.js';

const noop = (): void => undefined;

/** A node-postgres query config; named (prepared once per connection) when asked. */
const statement = (text: string, params: readonly unknown[] | undefined, prepared: boolean | undefined): pg.QueryConfig => ({
  text,
  ...(params ? { values: params as unknown[] } : {}),
  ...(prepared ? { name: statementName(text) } : {}),
});

/** The rows of the last statement of a multi-statement simple query. */
const lastRows = (r: pg.QueryResult | pg.QueryResult[]): Record<string, unknown>[] => (Array.isArray(r) ? r[r.length - 1]!.rows : r.rows);

/** Clients that already carry the no-op error listener (shared: several databases may share a pool). */
const guarded = new WeakSet<pg.ClientBase>();

/**
 * A {@link SqlDatabase} over a node-postgres pool. Transactions check out one client;
 * a client whose connection broke is destroyed, not returned to the pool.
 */
export class PgDatabase implements SqlDatabase {
  readonly driver = 'pg' as const;
  private closed = false;


  /** @param owned close the pool in {@link close} (true when this package created it). */
  constructor(
    readonly pool: pg.Pool,
    private readonly owned: boolean,
  ) {
    // an idle client whose backend is terminated emits 'error' on the pool: without a
    // listener that would crash the host; the next checkout simply opens a new connection
    if (owned) {
      pool.on('error', noop);
      pool.on('connect', (client) => {
        guarded.add(client);
        client.on('error', noop);
      });
    }
  }

  /**
   * A killed backend makes its client emit 'error' whenever no query is active, sometimes
   * after the pool has handed it on; every client this class touches keeps a listener,
   * so a lost connection surfaces as a failed query (StoreUnavailable), never as a crash.
   */
  private async checkout(doing: string): Promise<pg.PoolClient> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (e) {
      throw storeError(e, doing);
    }
    if (!guarded.has(client)) {
      guarded.add(client);
      client.on('error', noop);
    }
    return client;
  }

  /** A pool for a connection string (`postgres://user:pass@host:5432/db?sslmode=require`). */
  static connect(connectionString: string, config: pg.PoolConfig = {}): PgDatabase {
    return new PgDatabase(new pg.Pool({ max: 10, ...config, connectionString }), true);
  }

  /**
   * One statement outside a transaction (reads, DDL). A pooled connection can be dead
   * without the pool knowing yet (a failover, a terminated backend): a statement that fails
   * because its connection was lost is tried once more, on a fresh connection.
   */
  async query<R>(text: string, params?: readonly unknown[], prepared?: boolean): Promise<R[]> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.checkout('query');
      try {
        const r = await client.query(statement(text, params, prepared));
        client.release();
        return r.rows as R[];
      } catch (e) {
        client.release(e as Error);
        if (attempt >= 2 || !isUnavailable(e)) throw storeError(e, 'query');
      }
    }
  }

  async exec(sql: string): Promise<void> {
    await this.query(sql);
  }

  async transaction<T>(work: (tx: SqlClient) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const client = await this.checkout('connect');
    let broken: Error | undefined;
    const tx: SqlClient = {
      query: async <R>(text: string, params?: readonly unknown[], prepared?: boolean) => (await client.query(statement(text, params, prepared))).rows as R[],
    };
    try {
      await client.query(options.lock === undefined ? 'BEGIN' : `BEGIN; SELECT pg_advisory_xact_lock(${options.lock.toString()})`);
      const result = await work(tx);
      await client.query('COMMIT');
      return result;
    } catch (e) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackFailed) {
        broken = rollbackFailed as Error;
      }
      throw storeError(e, 'transaction');
    } finally {
      client.release(broken);
    }
  }

  async scriptedTransaction<T>(
    lock: bigint,
    opening: string,
    work: (rows: Record<string, unknown>[]) => Promise<ScriptedStep<T>> | ScriptedStep<T>,
    prepare?: readonly PreparedScript[],
  ): Promise<T> {
    const client = await this.checkout('connect');
    let broken: Error | undefined;
    try {
      let opened: Record<string, unknown>[];
      try {
        opened = lastRows(await client.query(`${preparePrefix(client, prepare)}BEGIN; SELECT pg_advisory_xact_lock(${lock.toString()}); ${opening}`));
      } catch (e) {
        // whether its PREPAREs happened is unknown: never reuse this session
        broken = e as Error;
        throw e;
      }
      const step = await work(opened);
      if ('done' in step) {
        await client.query('ROLLBACK');
        return step.done;
      }
      const closed = (await client.query(`${step.closing}; COMMIT`)) as unknown as pg.QueryResult[];
      return step.result(closed[0]!.rows);
    } catch (e) {
      if (!broken)
        try {
          await client.query('ROLLBACK');
        } catch (rollbackFailed) {
          broken = rollbackFailed as Error;
        }
      throw storeError(e, 'transaction');
    } finally {
      client.release(broken);
    }
  }

  async once<R>(text: string, params: readonly unknown[]): Promise<R[]> {
    const client = await this.checkout('connect');
    try {
      const r = await client.query(statement(text, params, true));
      client.release();
      return r.rows as R[];
    } catch (e) {
      client.release(e as Error);
      throw storeError(e, 'statement');
    }
  }

  async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    const client = await this.checkout('listen');
    let lost = false;
    const onError = (): void => {
      lost = true;
    };
    client.on('error', onError);
    const handler = (m: pg.Notification): void => {
      if (m.channel === channel) onNotify(m.payload ?? '');
    };
    client.on('notification', handler);
    try {
      await client.query(`LISTEN ${channel}`);
    } catch (e) {
      client.release(e as Error);
      throw storeError(e, 'listen');
    }
    return async () => {
      client.removeListener('notification', handler);
      if (lost) {
        client.release(new Error('listener connection lost'));
        return;
      }
      try {
        await client.query(`UNLISTEN ${channel}`);
        client.removeListener('error', onError);
        client.release();
      } catch (e) {
        client.release(e as Error);
      }
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.owned) await this.pool.end();
  }
}
