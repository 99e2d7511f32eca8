import { categoryOf, ImportCheck, InvalidArgument, type EventRegistry, type StoredEvent } from '@rapport/core';
import { EVENT_INDEX_NAMES, eventIndexes } from './migrations.js';
import { metadataColumn } from './rows.js';
import type { SqlDatabase } from './sql.js';

/** What a bulk import wrote. */
export interface ImportResult {
  readonly events: number;
  readonly streams: number;
  /** The global position of the last event (as in the source), `undefined` for an empty history. */
  readonly lastGlobalPosition: bigint | undefined;
}

/** How an import goes about it. */
export interface ImportOptions {
  /**
   * `rebuild` (the default): drop the secondary indexes and build each once at the end,
   * the fastest for a history already at hand. `keep`: maintain them row by row, for a
   * history that arrives while it is being made (pages the import waits for): the work is
   * spread over the wait, and the end is short.
   */
  readonly indexes?: 'rebuild' | 'keep';
}

/** Where an import writes: the store's database, schema and append lock. */
export interface ImportTarget {
  readonly db: SqlDatabase;
  /** The schema, already quoted. */
  readonly schema: string;
  readonly registry: EventRegistry;
  readonly appendLock: bigint;
  readonly channel: string;
}

/**
 * Import a history sealed elsewhere into an empty events table, in one transaction under
 * the append lock: every event is checked as the appends that made it would have been
 * ({@link ImportCheck}: codec, positions, hash chain), rows go in as jsonb arrays of one
 * page each with their global positions kept, the secondary indexes are built once at the
 * end, and the identity sequence moves past the last position. Any refusal rolls it all back.
 */
export const importEvents = async (
  target: ImportTarget,
  pages: AsyncIterable<readonly StoredEvent[]> | Iterable<readonly StoredEvent[]>,
  options: ImportOptions = {},
): Promise<ImportResult> => {
  const rebuild = (options.indexes ?? 'rebuild') === 'rebuild';
  if (options.indexes !== undefined && options.indexes !== 'rebuild' && options.indexes !== 'keep')
    throw new InvalidArgument(`import: indexes ${String(options.indexes)}: expected rebuild or keep`);
  const { db, schema: s, registry } = target;
  const table = `${s}.events`;
  return db.transaction(
    async (tx) => {
      const [held] = await tx.query<{ held: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${table}) AS held`);
      if (held?.held) throw new InvalidArgument(`import into ${table}: the store already holds events; a history can only be imported into an empty store`);
      // one sort per index after the rows are in, rather than four index insertions per row
      if (rebuild) await tx.query(`DROP INDEX IF EXISTS ${EVENT_INDEX_NAMES.map((n) => `${s}.${n}`).join(', ')}`);
      const check = new ImportCheck(registry);
      for await (const page of pages) {
        if (page.length === 0) continue;
        const rows: string[] = new Array(page.length);
        for (let i = 0; i < page.length; i++) {
          const e = page[i]!;
          check.check(e);
          const m = e.metadata;
          rows[i] = `[${m.globalPosition.toString()},${JSON.stringify(m.streamName)},${JSON.stringify(categoryOf(m.streamName))},${m.streamPosition.toString()},${JSON.stringify(m.tenantId)},${JSON.stringify(m.commandId)},${JSON.stringify(e.type)},${JSON.stringify(e.data)},${metadataColumn(m)},${JSON.stringify(m.prevHash)},${JSON.stringify(m.hash)},${JSON.stringify(m.recordedAt)}]`;
        }
        await tx.query(
          `INSERT INTO ${table} (global_position, stream_name, category, stream_position, tenant_id, command_id, type, data, metadata, prev_hash, hash, recorded_at)
           OVERRIDING SYSTEM VALUE
           SELECT (x.r->>0)::bigint, x.r->>1, x.r->>2, (x.r->>3)::bigint, x.r->>4, x.r->>5, x.r->>6, x.r->7, x.r->8, x.r->>9, x.r->>10, (x.r->>11)::timestamptz
             FROM jsonb_array_elements($1::jsonb) AS x(r)`,
          [`[${rows.join(',')}]`],
        );
      }
      if (rebuild) for (const statement of eventIndexes(s)) await tx.query(statement);
      const last = check.lastGlobalPosition;
      if (last !== undefined) {
        await tx.query(`SELECT setval(pg_get_serial_sequence('${table.replace(/'/g, "''")}', 'global_position'), ${last.toString()})`);
        await tx.query(`SELECT pg_notify($1, $2)`, [target.channel, last.toString()]);
      }
      return { events: check.events, streams: check.streams, lastGlobalPosition: last };
    },
    { lock: target.appendLock },
  );
};
