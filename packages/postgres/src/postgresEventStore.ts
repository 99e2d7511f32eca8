import {
  categoryOf,
  checkAppend,
  checkExpectedVersion,
  describeExpected,
  InvalidArgument,
  InvalidEvent,
  parseStreamName,
  sealEvents,
  StoreUnavailable,
  systemClock,
  WrongExpectedVersion,
  type AppendOptions,
  type AppendResult,
  type Clock,
  type DomainEvent,
  type EventRegistry,
  type EventStore,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
  type SubscribeOptions,
  type Subscription,
  type EventFilter,
  type Projection,
  type SealedEvent,
  type StreamHead,
} from '@rapport/core';
import { sqlState, storeError } from './errors.js';
import { filterConditions } from './eventFilterSql.js';
import { importEvents, type ImportOptions, type ImportResult } from './importEvents.js';
import { InlineProjections } from './inlineProjections.js';
import { assertSchemaName, migrator } from './migrations.js';
import { PollingSubscription } from './pollingSubscription.js';
import { EVENT_COLUMNS, fromRow, metadataColumn, storedOf, type EventRow } from './rows.js';
import { ident, literal, lockKey, statementName, toBigInt, type PreparedScript, type SqlDatabase } from './sql.js';
import { StreamHeads } from './streamHeads.js';

export interface PostgresEventStoreOptions {
  /** The codecs every appended and read event must match. */
  readonly registry: EventRegistry;
  /** Where recordedAt comes from (default: the system clock). */
  readonly clock?: Clock;
  /** The schema holding the tables (created on first use; default `rapport`). */
  readonly schema?: string;
  /** Rows per page when reading (default 500). */
  readonly pageSize?: number;
  /** Longest wait of a live subscription between two looks when no NOTIFY arrives (default 500 ms). */
  readonly pollIntervalMs?: number;
  /**
   * Projections updated inside the append transaction (read-your-writes). Their documents
   * and checkpoints live in this schema's read-model tables; do not also give them to a
   * ProjectionRunner.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly inlineProjections?: readonly Projection<any, any>[];
}

interface HeadRow {
  readonly v: string | null;
  readonly hash: string | null;
  readonly cg: string | null;
}

/**
 * A stream named by the convention `<category>-<tenantId>.<id>` belongs to its tenant:
 * an event of another tenant is refused, so reading a tenant's streams can never return
 * another tenant's events.
 */
const assertTenantOwnsStream = (stream: string, events: readonly NewEvent[]): void => {
  const owner = parseStreamName(stream)?.tenantId;
  if (owner === undefined) return;
  const issues = events.flatMap((e, i) =>
    e.metadata.tenantId === owner ? [] : [{ path: ['events', i, 'metadata', 'tenantId'], message: `stream ${stream} belongs to tenant ${owner}, not ${e.metadata.tenantId}` }],
  );
  if (issues.length > 0) throw new InvalidEvent(stream, issues);
};

/** Whether a stream whose head is `head` satisfies `expected` (as checkExpectedVersion decides). */
const fits = (expected: AppendOptions['expectedVersion'], head: StreamHead | undefined): boolean =>
  expected === 'any' ||
  (expected === 'no_stream' && head === undefined) ||
  (expected === 'stream_exists' && head !== undefined) ||
  (typeof expected === 'bigint' && head !== undefined && head.version === expected);

const INSERT_COLUMNS = 'stream_name, category, stream_position, tenant_id, command_id, type, data, metadata, prev_hash, hash, recorded_at';

const checkLimit = (limit: number | undefined): number => {
  if (limit === undefined) return Infinity;
  if (!Number.isInteger(limit) || limit < 0) throw new InvalidArgument(`limit ${limit}: expected a whole number >= 0`);
  return limit;
};

/**
 * The EventStore on PostgreSQL (node-postgres) or PGlite, through one SQL layer.
 *
 * Ordering: every append takes one transaction-scoped advisory lock per schema before it
 * reads (or checks) the stream head, so appends commit one after another and global
 * positions become visible in order: a reader that has seen position n has seen every
 * committed event below n. Positions are never reused but may have holes (a rolled-back
 * append).
 *
 * Round trips: an append to a stream whose head this store knows (from its own appends and
 * reads) takes one round trip, a guarded insert that writes only if the head in the
 * database is still the one the batch was sealed against; any other append, or one whose
 * guard finds the head moved, reads the head under the lock first (two round trips).
 */
export class PostgresEventStore implements EventStore {
  private readonly registry: EventRegistry;
  private readonly clock: Clock;
  private readonly schema: string;
  private readonly table: string;
  private readonly appendLock: bigint;
  private readonly channel: string;
  private readonly pageSize: number;
  private readonly pollIntervalMs: number;
  private readonly subscriptions = new Set<PollingSubscription>();
  private readonly inline: InlineProjections | undefined;
  private readonly headSql: string;
  private readonly headPrepared: PreparedScript;
  private readonly insertSql: string;
  private readonly appendCall: string;
  private readonly heads = new StreamHeads();
  private listening: Promise<(() => Promise<void>) | undefined> | undefined;
  private closed = false;

  constructor(
    readonly db: SqlDatabase,
    options: PostgresEventStoreOptions,
  ) {
    this.registry = options.registry;
    this.clock = options.clock ?? systemClock;
    this.schema = options.schema ?? 'rapport';
    assertSchemaName(this.schema);
    this.pageSize = options.pageSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    const s = ident(this.schema);
    this.table = `${s}.events`;
    this.appendLock = lockKey(`events:${this.schema}`);
    this.channel = `rapport_${this.schema}`.slice(0, 63);
    this.inline = options.inlineProjections?.length ? new InlineProjections(this.schema, this.registry, options.inlineProjections) : undefined;
    this.headSql = `SELECT h.stream_position::text AS v, h.hash, c.last_global::text AS cg
      FROM (SELECT 1) one
      LEFT JOIN LATERAL (SELECT stream_position, hash FROM ${this.table} WHERE stream_name = $1 ORDER BY stream_position DESC LIMIT 1) h ON true
      LEFT JOIN LATERAL (SELECT max(global_position) AS last_global FROM ${this.table} WHERE stream_name = $1 AND command_id = $2) c ON true`;
    // a name of its own: SQL PREPAREs and the driver's protocol-level statements share one namespace
    const headName = statementName(`script:${this.headSql}`);
    this.headPrepared = { name: headName, statement: `PREPARE ${headName}(text, text) AS ${this.headSql}` };
    this.appendCall = `SELECT g FROM ${s}.append_guarded($1::bigint, $2, $3, $4, $5, $6::timestamptz, $7::bigint, $8, $9::jsonb)`;
    this.insertSql = `WITH ins AS (
        INSERT INTO ${this.table} (stream_name, category, stream_position, tenant_id, command_id, type, data, metadata, prev_hash, hash, recorded_at)
        SELECT $1, $2, u.p, u.tn, $3, u.t, u.d, u.m, u.ph, u.h, $4::timestamptz
        FROM unnest($5::bigint[], $6::text[], $7::text[], $8::jsonb[], $9::jsonb[], $10::text[], $11::text[]) AS u(p, tn, t, d, m, ph, h)
        ORDER BY u.p
        RETURNING global_position),
      n AS (SELECT pg_notify($12, max(global_position)::text) FROM ins)
      SELECT ins.global_position::text AS g FROM ins CROSS JOIN n ORDER BY ins.global_position`;
  }

  private open(): void {
    if (this.closed) throw new StoreUnavailable('postgres event store is closed');
  }

  /** Create the schema and tables if needed (also done by the first call of any method). */
  ready(): Promise<unknown> {
    return migrator.ready(this.db, this.schema);
  }

  async appendToStream(stream: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.open();
    const checked = checkAppend(this.registry, stream, events, options?.expectedVersion);
    assertTenantOwnsStream(stream, checked);
    const expected = options.expectedVersion;
    await this.ready();
    try {
      const result = this.inline ? await this.appendWithInline(stream, checked, expected) : await this.appendScripted(stream, checked, expected);
      if (!result.alreadyAppended) for (const s of this.subscriptions) s.wake();
      return result;
    } catch (e) {
      throw await this.appendError(e, stream, expected);
    }
  }

  /**
   * Bulk import of a history sealed elsewhere (a replay computed in memory, another store's
   * events) into this store while it is still empty, keeping every global position. Pages
   * in global order, e.g. `readAllInPages(source, { raw: true })`. Each event is checked as
   * the append that made it would have been (codec, tenant, stream position, hash chain:
   * see `ImportCheck`), and a refusal ({@link InvalidEvent} naming stream, position and field,
   * or {@link InvalidArgument} for a store that holds events) leaves the store as it was:
   * the import is one transaction. Readers wait for it (by default it rebuilds the secondary
   * indexes; see {@link ImportOptions} for a history that arrives while it is made).
   * Not for a store with inline projections: import, then rebuild them with a runner.
   */
  async importEvents(pages: AsyncIterable<readonly StoredEvent[]> | Iterable<readonly StoredEvent[]>, options: ImportOptions = {}): Promise<ImportResult> {
    this.open();
    if (this.inline) throw new InvalidArgument('importEvents: this store updates inline projections in its appends; import into a store without them and rebuild the projections');
    await this.ready();
    try {
      const result = await importEvents({ db: this.db, schema: ident(this.schema), registry: this.registry, appendLock: this.appendLock, channel: this.channel }, pages, options);
      for (const s of this.subscriptions) s.wake();
      return result;
    } catch (e) {
      throw storeError(e, 'import');
    }
  }

  /**
   * The append without inline projections: in one round trip when the stream head is
   * known (or the stream must be new), else, or when the guard finds the head moved, in
   * two.
   */
  private async appendScripted(stream: string, checked: readonly NewEvent[], expected: AppendOptions['expectedVersion']): Promise<AppendResult> {
    const hint = this.heads.get(stream);
    if (hint ? fits(expected, hint) : expected === 'no_stream') {
      const done = await this.appendOneTrip(stream, checked, hint);
      if (done) return done;
      this.heads.forget(stream);
    }
    return this.appendTwoTrips(stream, checked, expected);
  }

  /**
   * One call of `<schema>.append_guarded` (migration 4), a statement in its own
   * transaction: it takes the append lock, then inserts (and NOTIFYs) only if the stream's
   * head is still `head` (for a new stream: the stream has no event) and the batch's
   * command is not in the stream yet. `undefined` when the guard held it back (nothing
   * written).
   */
  private async appendOneTrip(stream: string, checked: readonly NewEvent[], head: StreamHead | undefined): Promise<AppendResult | undefined> {
    const commandId = checked[0]!.metadata.commandId;
    const sealed = sealEvents(stream, head, checked, this.clock.now());
    const rows = await this.db.once<{ g: string }>(this.appendCall, [
      this.appendLock.toString(),
      this.channel,
      stream,
      categoryOf(stream),
      commandId,
      sealed[0]!.metadata.recordedAt,
      head ? head.version.toString() : null,
      head ? head.hash : null,
      // data and metadata nested as JSON (not as strings inside JSON): parsed once, by jsonb
      `[${sealed
        .map((e) => {
          const m = e.metadata;
          return `[${m.streamPosition.toString()},${JSON.stringify(m.tenantId)},${JSON.stringify(e.type)},${JSON.stringify(e.data)},${metadataColumn(m)},${JSON.stringify(m.prevHash)},${JSON.stringify(m.hash)}]`;
        })
        .join(',')}]`,
    ]);
    if (rows.length === 0) return undefined;
    return this.appended(stream, sealed, rows);
  }

  /** The rows of a sealed batch as an SQL `VALUES` list, in {@link INSERT_COLUMNS} order. */
  private valueRows(stream: string, commandId: string, sealed: readonly SealedEvent[]): string {
    const fixed = `${literal(stream)}, ${literal(categoryOf(stream))}`;
    const command = literal(commandId);
    const at = `${literal(sealed[0]!.metadata.recordedAt)}::timestamptz`;
    return sealed
      .map((e) => {
        const m = e.metadata;
        return `(${fixed}, ${m.streamPosition.toString()}::bigint, ${literal(m.tenantId)}, ${command}, ${literal(e.type)}, ${literal(JSON.stringify(e.data))}::jsonb, ${literal(metadataColumn(m))}::jsonb, ${literal(m.prevHash)}, ${literal(m.hash)}, ${at})`;
      })
      .join(', ');
  }

  /** Remember the new head and answer the append. */
  private appended(stream: string, sealed: readonly SealedEvent[], inserted: readonly Record<string, unknown>[]): AppendResult {
    const last = sealed[sealed.length - 1]!.metadata;
    this.heads.set(stream, { version: last.streamPosition, hash: last.hash });
    return { nextExpectedVersion: last.streamPosition, lastGlobalPosition: toBigInt(inserted[inserted.length - 1]!['g']), alreadyAppended: false };
  }

  /**
   * The append in two round trips: `BEGIN`, the append lock and the head read travel
   * together; the insert (with its NOTIFY) travels with `COMMIT`.
   */
  private appendTwoTrips(stream: string, checked: readonly NewEvent[], expected: AppendOptions['expectedVersion']): Promise<AppendResult> {
    const commandId = checked[0]!.metadata.commandId;
    return this.db.scriptedTransaction<AppendResult>(this.appendLock, `EXECUTE ${this.headPrepared.name}(${literal(stream)}, ${literal(commandId)})`, (rows) => {
      const h = rows[0] as HeadRow | undefined;
      const head = h?.v == null ? undefined : { version: toBigInt(h.v), hash: h.hash! };
      if (head) this.heads.set(stream, head);
      else this.heads.forget(stream);
      if (h?.cg != null) return { done: { nextExpectedVersion: head!.version, lastGlobalPosition: toBigInt(h.cg), alreadyAppended: true } };
      checkExpectedVersion(stream, expected, head);
      const sealed = sealEvents(stream, head, checked, this.clock.now());
      return {
        closing: `WITH ins AS (
            INSERT INTO ${this.table} (${INSERT_COLUMNS})
            VALUES ${this.valueRows(stream, commandId, sealed)} RETURNING global_position),
          n AS (SELECT pg_notify(${literal(this.channel)}, max(global_position)::text) FROM ins)
          SELECT ins.global_position::text AS g FROM ins CROSS JOIN n ORDER BY ins.global_position`,
        result: (inserted) => this.appended(stream, sealed, inserted),
      };
    }, [this.headPrepared]);
  }

  /** The append with inline projections: one transaction that also updates their documents. */
  private appendWithInline(stream: string, checked: readonly NewEvent[], expected: AppendOptions['expectedVersion']): Promise<AppendResult> {
    const commandId = checked[0]!.metadata.commandId;
    return this.db.transaction(
      async (tx): Promise<AppendResult> => {
        const [h] = await tx.query<HeadRow>(this.headSql, [stream, commandId], true);
        const head = h?.v == null ? undefined : { version: toBigInt(h.v), hash: h.hash! };
        if (h?.cg != null) return { nextExpectedVersion: head!.version, lastGlobalPosition: toBigInt(h.cg), alreadyAppended: true };
        checkExpectedVersion(stream, expected, head);
        const recordedAt = this.clock.now();
        const sealed = sealEvents(stream, head, checked, recordedAt);
        const rows = await tx.query<{ g: string }>(
          this.insertSql,
          [
            stream,
            categoryOf(stream),
            commandId,
            recordedAt,
            sealed.map((e) => e.metadata.streamPosition.toString()),
            sealed.map((e) => e.metadata.tenantId),
            sealed.map((e) => e.type),
            sealed.map((e) => JSON.stringify(e.data)),
            sealed.map((e) => metadataColumn(e.metadata)),
            sealed.map((e) => e.metadata.prevHash),
            sealed.map((e) => e.metadata.hash),
            this.channel,
          ],
          true,
        );
        const positions = rows.map((r) => toBigInt(r.g));
        await this.inline!.apply(tx, sealed.map((e, i) => storedOf(e, positions[i]!)));
        return this.appended(stream, sealed, rows);
      },
      { lock: this.appendLock },
    );
  }

  private async appendError(e: unknown, stream: string, expected: AppendOptions['expectedVersion']): Promise<unknown> {
    this.heads.forget(stream);
    const state = sqlState(e);
    if (state === '23505' && (e as { constraint?: string }).constraint === 'events_stream_position_key') {
      // another writer (outside this store's lock) took the position: report where the stream is now
      let actual: bigint | 'no_stream' = 'no_stream';
      try {
        const [h] = await this.db.query<HeadRow>(this.headSql, [stream, '']);
        if (h?.v != null) actual = toBigInt(h.v);
      } catch {
        // the conflict is the news; the actual version is best effort
      }
      return new WrongExpectedVersion(stream, describeExpected(expected), actual, { cause: e });
    }
    if (state === '22P05' || state === '22021')
      return new InvalidEvent(stream, [{ path: ['events'], message: `PostgreSQL cannot store this text (${(e as Error).message}), e.g. the character \\u0000` }]);
    return storeError(e, `append to ${stream}`);
  }

  private decode<E extends DomainEvent>(e: StoredEvent, raw: boolean | undefined): StoredEvent<E> {
    return (raw ? e : this.registry.decode(e)) as StoredEvent<E>;
  }

  async *readStream<E extends DomainEvent = DomainEvent>(stream: string, options: ReadStreamOptions = {}): AsyncIterable<StoredEvent<E>> {
    this.open();
    const limit = checkLimit(options.limit);
    await this.ready();
    const backward = options.direction === 'backward';
    let remaining = limit;
    // forward: `from` is the lowest position; backward: the highest, going down to `to`
    let low = backward ? options.to : options.from;
    let high = backward ? options.from : options.to;
    const order = backward ? 'DESC' : 'ASC';
    while (remaining > 0) {
      const n = Math.min(this.pageSize, remaining);
      const params: unknown[] = [stream, n];
      const where = ['stream_name = $1'];
      if (low !== undefined) {
        params.push(low.toString());
        where.push(`stream_position >= $${params.length}::bigint`);
      }
      if (high !== undefined) {
        params.push(high.toString());
        where.push(`stream_position <= $${params.length}::bigint`);
      }
      const rows = await this.db.query<EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM ${this.table} WHERE ${where.join(' AND ')} ORDER BY stream_position ${order} LIMIT $2`,
        params,
        true,
      );
      for (const r of rows) yield this.decode<E>(fromRow(r), options.raw);
      if (rows.length < n) {
        // a forward read to the end saw the head: a hint for the next append (see StreamHeads)
        const last = rows[rows.length - 1];
        if (!backward && high === undefined && last) this.heads.set(stream, { version: toBigInt(last.p), hash: last.h });
        return;
      }
      remaining -= rows.length;
      const last = toBigInt(rows[rows.length - 1]!.p);
      if (backward) high = last - 1n;
      else low = last + 1n;
    }
  }

  async *readAll<E extends DomainEvent = DomainEvent>(options: ReadAllOptions = {}): AsyncIterable<StoredEvent<E>> {
    this.open();
    const limit = checkLimit(options.limit);
    await this.ready();
    let remaining = limit;
    let after = options.from === undefined ? 0n : options.from - 1n;
    while (remaining > 0) {
      const rows = await this.fetchAfter(after, Math.min(this.pageSize, remaining), options.filter);
      for (const r of rows) yield this.decode<E>(r, options.raw);
      if (rows.length < Math.min(this.pageSize, remaining)) return;
      remaining -= rows.length;
      after = rows[rows.length - 1]!.metadata.globalPosition;
    }
  }

  /** Up to `limit` events after a global position (exclusive), matching a filter, raw. */
  private async fetchAfter(after: bigint, limit: number, filter: EventFilter | undefined): Promise<StoredEvent[]> {
    const params: unknown[] = [after.toString(), limit];
    const where = ['global_position > $1::bigint', ...filterConditions(filter, params)];
    const rows = await this.db.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM ${this.table} WHERE ${where.join(' AND ')} ORDER BY global_position LIMIT $2`,
      params,
      true,
    );
    return rows.map(fromRow);
  }

  subscribe<E extends DomainEvent = DomainEvent>(options: SubscribeOptions, handler: (event: StoredEvent<E>) => Promise<void> | void): Subscription {
    this.open();
    const sub: PollingSubscription = new PollingSubscription({
      fetch: async (after, limit) => {
        this.open();
        await this.ready();
        return (await this.fetchAfter(after, limit, options.filter)).map((e) => this.decode<E>(e, false));
      },
      handler: handler as (e: StoredEvent) => Promise<void> | void,
      from: options.from === undefined || options.from < 0n ? 0n : options.from,
      pageSize: this.pageSize,
      pollIntervalMs: this.pollIntervalMs,
      ...(options.onCaughtUp ? { onCaughtUp: options.onCaughtUp } : {}),
      onEnd: () => this.subscriptions.delete(sub),
    });
    this.subscriptions.add(sub);
    this.listen();
    sub.run();
    return sub;
  }

  /** LISTEN once per store, so appends by other processes wake subscriptions early. */
  private listen(): void {
    if (this.listening) return;
    this.listening = this.ready()
      .then(() =>
        this.db.listen(this.channel, () => {
          for (const s of this.subscriptions) s.wake();
        }),
      )
      // without LISTEN the subscriptions still poll: slower to notice, never wrong
      .catch(() => undefined);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    const unlisten = await this.listening;
    await unlisten?.().catch(() => undefined);
  }
}
