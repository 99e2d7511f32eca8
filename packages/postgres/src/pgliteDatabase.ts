import type { PGlite } from '@electric-sql/pglite';
import { storeError } from './errors.js';
import { preparePrefix, setPrepared, type PreparedScript, type ScriptedStep, type SqlClient, type SqlDatabase, type TransactionOptions } from './sql.js';

/** PGlite sessions whose prepared statements must be read back before the next script. */
const unsure = new WeakSet<PGlite>();

/**
 * A {@link SqlDatabase} over PGlite. PGlite is one in-process connection: its own mutex
 * runs transactions one at a time, so the advisory lock is taken only for the same SQL
 * on both drivers.
 */
export class PgliteDatabase implements SqlDatabase {
  readonly driver = 'pglite' as const;
  private closed = false;

  /** @param owned close the PGlite instance in {@link close} (true when this package opened it). */
  constructor(
    readonly pglite: PGlite,
    private readonly owned: boolean,
  ) {}

  async query<R>(text: string, params?: readonly unknown[]): Promise<R[]> {
    try {
      return (await this.pglite.query<R>(text, params as unknown[] | undefined)).rows;
    } catch (e) {
      throw storeError(e, 'query');
    }
  }

  async exec(sql: string): Promise<void> {
    try {
      await this.pglite.exec(sql);
    } catch (e) {
      throw storeError(e, 'statement');
    }
  }

  async transaction<T>(work: (tx: SqlClient) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    try {
      return await this.pglite.transaction(async (t) => {
        if (options.lock !== undefined) await t.query(`SELECT pg_advisory_xact_lock(${options.lock.toString()})`);
        return work({ query: async <R>(text: string, params?: readonly unknown[]) => (await t.query<R>(text, params as unknown[] | undefined)).rows });
      });
    } catch (e) {
      throw storeError(e, 'transaction');
    }
  }

  async scriptedTransaction<T>(
    lock: bigint,
    opening: string,
    work: (rows: Record<string, unknown>[]) => Promise<ScriptedStep<T>> | ScriptedStep<T>,
    prepare?: readonly PreparedScript[],
  ): Promise<T> {
    try {
      if (unsure.has(this.pglite)) {
        // a failed script left it unknown which PREPAREs happened: ask the session
        setPrepared(this.pglite, (await this.pglite.query<{ name: string }>('SELECT name FROM pg_prepared_statements')).rows.map((r) => r.name));
        unsure.delete(this.pglite);
      }
      return await this.pglite.transaction(async (t) => {
        const prefix = preparePrefix(this.pglite, prepare);
        let opened;
        try {
          opened = await t.exec(`${prefix}SELECT pg_advisory_xact_lock(${lock.toString()}); ${opening}`);
        } catch (e) {
          if (prefix) unsure.add(this.pglite);
          throw e;
        }
        const step = await work(opened[opened.length - 1]!.rows as Record<string, unknown>[]);
        if ('done' in step) return step.done; // nothing was written: committing nothing is a rollback
        const closed = await t.exec(step.closing);
        return step.result(closed[0]!.rows as Record<string, unknown>[]);
      });
    } catch (e) {
      throw storeError(e, 'transaction');
    }
  }

  async once<R>(text: string, params: readonly unknown[]): Promise<R[]> {
    return this.query<R>(text, params);
  }

  async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    try {
      const unlisten = await this.pglite.listen(channel, onNotify);
      return async () => {
        if (!this.pglite.closed) await unlisten();
      };
    } catch (e) {
      throw storeError(e, 'listen');
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.owned && !this.pglite.closed) await this.pglite.close();
  }
}
