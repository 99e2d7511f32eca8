import { InvalidArgument } from '@rapport/core';
import { ident, lockKey, type SqlDatabase } from './sql.js';

/**
 * Versioned, idempotent migrations, applied on first use in the schema the host names.
 * Each runs once, in order, inside one transaction holding an advisory lock, so two
 * processes starting at the same time do not race; the applied versions are recorded
 * in `<schema>.rapport_migrations`.
 */

export interface Migration {
  readonly version: number;
  readonly name: string;
  /** The statements, for a schema already quoted. */
  readonly sql: (s: string) => string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events',
    sql: (s) => `
      CREATE TABLE IF NOT EXISTS ${s}.events (
        global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        stream_name     text        NOT NULL,
        category        text        NOT NULL,
        stream_position bigint      NOT NULL,
        tenant_id       text        NOT NULL,
        command_id      text        NOT NULL,
        type            text        NOT NULL,
        data            jsonb       NOT NULL,
        metadata        jsonb       NOT NULL,
        prev_hash       text        NOT NULL,
        hash            text        NOT NULL,
        recorded_at     timestamptz NOT NULL,
        CONSTRAINT events_stream_position_key UNIQUE (stream_name, stream_position)
      );
      CREATE INDEX IF NOT EXISTS events_command_idx ON ${s}.events (stream_name, command_id);
      CREATE INDEX IF NOT EXISTS events_tenant_idx ON ${s}.events (tenant_id, global_position);
      CREATE INDEX IF NOT EXISTS events_category_idx ON ${s}.events (category, global_position);
      CREATE INDEX IF NOT EXISTS events_type_idx ON ${s}.events (type, global_position);`,
  },
  {
    version: 2,
    name: 'read models',
    sql: (s) => `
      CREATE TABLE IF NOT EXISTS ${s}.documents (
        projection text        NOT NULL,
        tenant_id  text        NOT NULL,
        id         text        NOT NULL,
        document   jsonb       NOT NULL,
        version    bigint      NOT NULL,
        position   bigint      NOT NULL,
        seq        bigint      GENERATED ALWAYS AS IDENTITY,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (projection, tenant_id, id)
      );
      CREATE TABLE IF NOT EXISTS ${s}.checkpoints (
        projection text        PRIMARY KEY,
        position   bigint      NOT NULL,
        version    integer     NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );`,
  },
];

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Throw {@link InvalidArgument} unless `schema` is a plain lower-case identifier. */
export const assertSchemaName = (schema: string): void => {
  if (typeof schema !== 'string' || !SCHEMA_NAME.test(schema))
    throw new InvalidArgument(`schema ${JSON.stringify(schema)}: expected 1-63 of [a-z0-9_], not starting with a digit`);
};

/** Create the schema and apply every migration it lacks. Returns the versions applied now. */
export const migrate = async (db: SqlDatabase, schema: string): Promise<number[]> => {
  assertSchemaName(schema);
  const s = ident(schema);
  return db.transaction(
    async (tx) => {
      await tx.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
      await tx.query(
        `CREATE TABLE IF NOT EXISTS ${s}.rapport_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      const done = new Set((await tx.query<{ version: number }>(`SELECT version FROM ${s}.rapport_migrations`)).map((r) => Number(r.version)));
      const applied: number[] = [];
      for (const m of MIGRATIONS) {
        if (done.has(m.version)) continue;
        for (const statement of m.sql(s).split(';').map((x) => x.trim()).filter(Boolean)) await tx.query(statement);
        await tx.query(`INSERT INTO ${s}.rapport_migrations (version, name) VALUES ($1, $2)`, [m.version, m.name]);
        applied.push(m.version);
      }
      return applied;
    },
    { lock: lockKey(`migrate:${schema}`) },
  );
};

/**
 * Migrate once per database and schema, however many stores share them; a failed attempt
 * is forgotten so the next call tries again.
 */
export class Migrator {
  private readonly runs = new WeakMap<SqlDatabase, Map<string, Promise<unknown>>>();

  ready(db: SqlDatabase, schema: string): Promise<unknown> {
    let bySchema = this.runs.get(db);
    if (!bySchema) {
      bySchema = new Map();
      this.runs.set(db, bySchema);
    }
    let run = bySchema.get(schema);
    if (!run) {
      run = migrate(db, schema);
      bySchema.set(schema, run);
      run.catch(() => bySchema.delete(schema));
    }
    return run;
  }
}

/** The process-wide migrator the stores share. */
export const migrator = new Migrator();
