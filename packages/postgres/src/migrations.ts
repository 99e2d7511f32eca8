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

/**
 * The secondary indexes of the events table, for a schema already quoted (a bulk import
 * drops them and builds them again once, after the rows are in).
 */
export const eventIndexes = (s: string): string[] => [
  `CREATE INDEX IF NOT EXISTS events_command_idx ON ${s}.events (stream_name, command_id)`,
  `CREATE INDEX IF NOT EXISTS events_tenant_idx ON ${s}.events (tenant_id, global_position)`,
  `CREATE INDEX IF NOT EXISTS events_category_idx ON ${s}.events (category, global_position)`,
  `CREATE INDEX IF NOT EXISTS events_type_idx ON ${s}.events (type, global_position)`,
];

/** Their names, in the same schema. */
export const EVENT_INDEX_NAMES = ['events_command_idx', 'events_tenant_idx', 'events_category_idx', 'events_type_idx'] as const;

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
      ${eventIndexes(s).join(';\n      ')};`,
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
  {
    version: 3,
    name: 'personal-data vault',
    sql: (s) => `
      CREATE TABLE IF NOT EXISTS ${s}.vault_settings (
        id        integer PRIMARY KEY CHECK (id = 1),
        wrapping  text    NOT NULL,
        key_check bytea
      );
      CREATE TABLE IF NOT EXISTS ${s}.vault_keys (
        tenant_id   text        NOT NULL,
        customer_id text        NOT NULL,
        key_id      text        NOT NULL,
        key         bytea       NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, customer_id)
      );
      CREATE TABLE IF NOT EXISTS ${s}.vault_erasures (
        tenant_id   text        NOT NULL,
        customer_id text        NOT NULL,
        erased_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, customer_id)
      );
      CREATE TABLE IF NOT EXISTS ${s}.vault_index_keys (
        tenant_id  text        PRIMARY KEY,
        key        bytea       NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );`,
  },
  {
    version: 4,
    name: 'one-round-trip append',
    // one function call = one statement in autocommit: the lock, the guard, the insert and
    // the NOTIFY in one round trip, planned once per session. The events travel as one
    // jsonb array of [position, tenant, type, data, metadata, prev_hash, hash]. A volatile PL/pgSQL function
    // takes a fresh snapshot per statement, so the guard reads the head as committed after
    // the lock was granted.
    sql: (s) => `
      CREATE OR REPLACE FUNCTION ${s}.append_guarded(
        p_lock bigint, p_channel text, p_stream text, p_category text, p_command text, p_recorded_at timestamptz,
        p_head bigint, p_head_hash text, p_events jsonb)
      RETURNS TABLE (g text) LANGUAGE plpgsql VOLATILE AS $fn$
      DECLARE inserted bigint[];
      BEGIN
        PERFORM pg_advisory_xact_lock(p_lock);
        IF p_head IS NULL THEN
          IF EXISTS (SELECT 1 FROM ${s}.events e WHERE e.stream_name = p_stream) THEN RETURN; END IF;
        ELSE
          IF NOT EXISTS (SELECT 1 FROM (SELECT e.stream_position, e.hash FROM ${s}.events e WHERE e.stream_name = p_stream ORDER BY e.stream_position DESC LIMIT 1) h
                         WHERE h.stream_position = p_head AND h.hash = p_head_hash) THEN RETURN; END IF;
          IF EXISTS (SELECT 1 FROM ${s}.events e WHERE e.stream_name = p_stream AND e.command_id = p_command) THEN RETURN; END IF;
        END IF;
        WITH ins AS (
          INSERT INTO ${s}.events (stream_name, category, stream_position, tenant_id, command_id, type, data, metadata, prev_hash, hash, recorded_at)
          SELECT p_stream, p_category, (x.r->>0)::bigint, x.r->>1, p_command, x.r->>2, x.r->3, x.r->4, x.r->>5, x.r->>6, p_recorded_at
            FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(r, i)
           ORDER BY x.i
          RETURNING global_position)
        SELECT array_agg(ins.global_position ORDER BY ins.global_position) INTO inserted FROM ins;
        PERFORM pg_notify(p_channel, inserted[cardinality(inserted)]::text);
        RETURN QUERY SELECT x::text FROM unnest(inserted) AS x;
      END
      $fn$`,
  },
  {
    version: 5,
    name: 'documents in insertion order',
    // a query without orderBy pages by seq: with this index each page starts where the
    // last ended instead of sorting the whole projection again
    sql: (s) => `CREATE INDEX IF NOT EXISTS documents_seq_idx ON ${s}.documents (projection, tenant_id, seq)`,
  },
];

/** The statements of a migration: split at `;`, except inside a `$fn$ … $fn$` function body. */
const splitStatements = (sql: string): string[] => {
  const out: string[] = [];
  let current = '';
  for (const part of sql.split(/(\$fn\$[\s\S]*?\$fn\$|;)/)) {
    if (part === ';') {
      out.push(current);
      current = '';
    } else current += part;
  }
  out.push(current);
  return out.map((x) => x.trim()).filter(Boolean);
};

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
        for (const statement of splitStatements(m.sql(s))) await tx.query(statement);
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
