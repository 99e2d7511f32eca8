import {
  InvalidArgument,
  StoreUnavailable,
  type Checkpoint,
  type DocumentChange,
  type DocumentQuery,
  type ReadModelStore,
} from '@rapport/core';
import { checkCommit, writeCommit, writeReset } from './documentSql.js';
import { querySql } from './documentQuerySql.js';
import { assertSchemaName, migrator } from './migrations.js';
import { ident, lockKey, toBigInt, type SqlDatabase } from './sql.js';

export interface PostgresReadModelStoreOptions {
  /** The schema holding the tables (created on first use; default `rapport`). */
  readonly schema?: string;
  /** Documents per page when a query streams its result (default 500). */
  readonly pageSize?: number;
}

/**
 * Read models in PostgreSQL: one row per (projection, tenant, id) with the document as
 * jsonb and a version counting its writes; one checkpoint row per projection. `commit`
 * writes the changes and the checkpoint in one transaction, under a per-projection
 * advisory lock, so a crash never leaves them disagreeing and a runner restarted after a
 * crash resumes exactly where its last commit ended.
 */
export class PostgresReadModelStore implements ReadModelStore {
  private readonly schema: string;
  private readonly s: string;
  private readonly pageSize: number;
  private closed = false;

  constructor(
    readonly db: SqlDatabase,
    options: PostgresReadModelStoreOptions = {},
  ) {
    this.schema = options.schema ?? 'rapport';
    assertSchemaName(this.schema);
    this.s = ident(this.schema);
    this.pageSize = options.pageSize ?? 500;
  }

  private async ready(): Promise<void> {
    if (this.closed) throw new StoreUnavailable('postgres read-model store is closed');
    await migrator.ready(this.db, this.schema);
  }

  private lockOf(projection: string): bigint {
    return lockKey(`projection:${this.schema}:${projection}`);
  }

  async get<T>(projection: string, tenantId: string, id: string): Promise<T | undefined> {
    await this.ready();
    const [row] = await this.db.query<{ document: T }>(
      `SELECT document FROM ${this.s}.documents WHERE projection = $1 AND tenant_id = $2 AND id = $3`,
      [projection, tenantId, id],
    );
    return row?.document;
  }

  async commit(projection: string, changes: readonly DocumentChange[], checkpoint: Checkpoint): Promise<void> {
    checkCommit(projection, changes, checkpoint);
    await this.ready();
    await this.db.transaction((tx) => writeCommit(tx, this.s, projection, changes, checkpoint), { lock: this.lockOf(projection) });
  }

  async checkpoint(projection: string): Promise<Checkpoint | undefined> {
    await this.ready();
    const [row] = await this.db.query<{ position: string; version: number }>(
      `SELECT position::text AS position, version FROM ${this.s}.checkpoints WHERE projection = $1`,
      [projection],
    );
    return row ? { position: toBigInt(row.position), version: Number(row.version) } : undefined;
  }

  async reset(projection: string): Promise<void> {
    await this.ready();
    await this.db.transaction((tx) => writeReset(tx, this.s, projection), { lock: this.lockOf(projection) });
  }

  async *query<T>(projection: string, tenantId: string, query: DocumentQuery = {}): AsyncIterable<T> {
    await this.ready();
    const limit = query.limit ?? Infinity;
    if (limit !== Infinity && (!Number.isInteger(limit) || limit < 0)) throw new InvalidArgument(`query limit ${limit}: expected a whole number >= 0`);
    const params: unknown[] = [projection, tenantId];
    const { where, orderBy } = querySql(query, params);
    const conditions = ['projection = $1', 'tenant_id = $2', ...where];
    if (!query.orderBy) {
      // insertion order: keyset pages, each starting after the last seq seen (an alias of
      // its own: `ORDER BY seq` would sort by an output column named seq, as text)
      const after = `$${params.length + 1}`;
      const sql = `SELECT seq::text AS k, document FROM ${this.s}.documents WHERE ${[...conditions, `seq > ${after}::bigint`].join(' AND ')} ORDER BY seq`;
      let last = '0';
      for (let seen = 0; seen < limit; ) {
        const n = Math.min(this.pageSize, limit - seen);
        const rows = await this.db.query<{ k: string; document: T }>(`${sql} LIMIT ${n}`, [...params, last]);
        for (const r of rows) yield r.document;
        if (rows.length < n) return;
        seen += n;
        last = rows[rows.length - 1]!.k;
      }
      return;
    }
    const sql = `SELECT document FROM ${this.s}.documents WHERE ${conditions.join(' AND ')} ORDER BY ${orderBy}`;
    let offset = 0;
    while (offset < limit) {
      const n = Math.min(this.pageSize, limit - offset);
      const rows = await this.db.query<{ document: T }>(`${sql} LIMIT ${n} OFFSET ${offset}`, params);
      for (const r of rows) yield r.document;
      if (rows.length < n) return;
      offset += n;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
