import {
  projectionEventTypes,
  ProjectionFailed,
  type DocumentChange,
  type DomainEvent,
  type EventRegistry,
  type Projection,
  type StoredEvent,
} from '@rapport/core';
import { writeCommit, writeReset } from './documentSql.js';
import { EVENT_COLUMNS, fromRow, type EventRow } from './rows.js';
import { ident, lockKey, toBigInt, type SqlClient } from './sql.js';

/** Events folded between two intermediate commits while an inline projection catches up. */
const CATCH_UP_BATCH = 1000;

interface Inline {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly p: Projection<any, any>;
  readonly types: ReadonlySet<string> | undefined;
  readonly lock: bigint;
}

interface Pending {
  readonly tenantId: string;
  readonly id: string;
  doc: unknown;
}

/**
 * Projections updated in the append transaction, for read-your-writes: when an append
 * commits, its documents and checkpoint commit with it, and when it rolls back, so do
 * they. Before applying the new events each projection folds whatever it has not seen
 * yet (its first use, a new version, or appends made by a store without it), so its
 * documents always equal a fold of the whole log. The append lock orders all of it.
 */
export class InlineProjections {
  private readonly s: string;
  private readonly table: string;
  private readonly all: readonly Inline[];

  constructor(
    schema: string,
    private readonly registry: EventRegistry,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    projections: readonly Projection<any, any>[],
  ) {
    this.s = ident(schema);
    this.table = `${this.s}.events`;
    this.all = projections.map((p) => {
      const types = projectionEventTypes(p);
      return { p, types: types && new Set(types), lock: lockKey(`projection:${schema}:${p.name}`) };
    });
  }

  /** Apply the events just inserted (in `tx`, which holds the append lock). */
  async apply(tx: SqlClient, events: readonly StoredEvent[]): Promise<void> {
    const first = events[0]!.metadata.globalPosition;
    const last = events[events.length - 1]!.metadata.globalPosition;
    const decoded = events.map((e) => this.registry.decode(e));
    for (const inline of this.all) {
      const { p } = inline;
      await tx.query(`SELECT pg_advisory_xact_lock(${inline.lock.toString()})`);
      const [cp] = await tx.query<{ position: string; version: number }>(
        `SELECT position::text AS position, version FROM ${this.s}.checkpoints WHERE projection = $1`,
        [p.name],
      );
      let after = 0n;
      if (cp && Number(cp.version) === p.version) after = toBigInt(cp.position);
      else if (cp) await writeReset(tx, this.s, p.name);
      const pending = new Map<string, Pending>();
      let folded = 0;
      // events before ours that this projection has not applied
      while (after < first - 1n) {
        const rows = await tx.query<EventRow>(
          `SELECT ${EVENT_COLUMNS} FROM ${this.table} WHERE global_position > $1::bigint AND global_position < $2::bigint ORDER BY global_position LIMIT ${CATCH_UP_BATCH}`,
          [after.toString(), first.toString()],
        );
        if (rows.length === 0) break;
        for (const r of rows) await this.fold(tx, inline, pending, this.registry.decode(fromRow(r)));
        after = toBigInt(rows[rows.length - 1]!.g);
        folded += rows.length;
        if (folded >= CATCH_UP_BATCH) {
          await this.flush(tx, inline, pending, after);
          folded = 0;
        }
      }
      for (const e of decoded) await this.fold(tx, inline, pending, e);
      await this.flush(tx, inline, pending, last);
    }
  }

  private async fold(tx: SqlClient, { p, types }: Inline, pending: Map<string, Pending>, e: StoredEvent): Promise<void> {
    if (types && !types.has(e.type)) return;
    const at = e.metadata.globalPosition;
    let keys: string | readonly string[] | undefined;
    try {
      keys = p.keyOf(e as StoredEvent<DomainEvent>);
    } catch (cause) {
      throw new ProjectionFailed(p.name, at, { cause });
    }
    if (keys === undefined) return;
    const tenantId = e.metadata.tenantId;
    for (const id of typeof keys === 'string' ? [keys] : keys) {
      const k = `${tenantId}/${id}`;
      let entry = pending.get(k);
      if (!entry) {
        const [row] = await tx.query<{ document: unknown }>(
          `SELECT document FROM ${this.s}.documents WHERE projection = $1 AND tenant_id = $2 AND id = $3`,
          [p.name, tenantId, id],
        );
        entry = { tenantId, id, doc: row ? row.document : null };
        pending.set(k, entry);
      }
      try {
        entry.doc = p.apply(entry.doc === null ? p.init() : entry.doc, e);
      } catch (cause) {
        throw new ProjectionFailed(p.name, at, { cause });
      }
    }
  }

  private async flush(tx: SqlClient, { p }: Inline, pending: Map<string, Pending>, position: bigint): Promise<void> {
    const changes: DocumentChange[] = [];
    for (const { tenantId, id, doc } of pending.values())
      changes.push(doc === null ? { op: 'delete', tenantId, id } : { op: 'put', tenantId, id, document: doc });
    await writeCommit(tx, this.s, p.name, changes, { position, version: p.version });
    pending.clear();
  }
}
