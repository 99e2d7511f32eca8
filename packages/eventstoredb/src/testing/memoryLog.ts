/**
 * The test server's storage: one transaction log in memory, shaped like EventStoreDB's.
 * Every record has a stream revision and a log position (commit = prepare: the test
 * server has no multi-record transactions); positions grow by the record's size, so
 * they are monotonic but not dense, like the byte offsets of a real log.
 */

/** One event as the log keeps it. */
export interface LogRecord {
  readonly stream: string;
  readonly revision: bigint;
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
  /** 100 ns ticks since the Unix epoch, as the real server writes `created`. */
  readonly created: bigint;
  readonly position: bigint;
}

/** An event offered for append. */
export interface Proposed {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

/** What the writer expects: any, no stream, an existing stream, or an exact revision. */
export type Expected = { readonly kind: 'any' } | { readonly kind: 'no_stream' } | { readonly kind: 'stream_exists' } | { readonly kind: 'revision'; readonly revision: bigint };

export type AppendOutcome =
  | { readonly kind: 'success'; readonly currentRevision: bigint; readonly position: bigint }
  | { readonly kind: 'wrong_expected_version'; readonly current: bigint | undefined; readonly expected: Expected }
  | { readonly kind: 'stream_deleted' };

interface StreamState {
  readonly records: LogRecord[];
  /** Revision of the first record still readable (after a soft delete), the real server's `$tb`. */
  truncateBefore: bigint;
  softDeleted: boolean;
  tombstoned: boolean;
  /** Event id → its revision, for idempotent re-appends. */
  readonly ids: Map<string, bigint>;
}

/** What the live readers of the log are told. */
export type LogListener = (record: LogRecord) => void;

const TICKS_PER_MS = 10_000n;

export class MemoryLog {
  readonly all: LogRecord[] = [];
  private readonly streams = new Map<string, StreamState>();
  private readonly listeners = new Set<LogListener>();
  private nextPosition = 0n;

  constructor() {
    // A real database's log never starts empty: it opens with its own `$`-prefixed events.
    const enc = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
    this.append('$epoch-information', [{ id: '6e6f2d30-0000-4000-8000-000000000001', type: '$epoch-information', contentType: 'application/json', data: enc({ epochNumber: 0 }), customMetadata: new Uint8Array() }], { kind: 'any' });
    this.append('$scavenges', [{ id: '6e6f2d30-0000-4000-8000-000000000002', type: '$scavengeIndexInitialized', contentType: 'application/json', data: enc({}), customMetadata: new Uint8Array() }], { kind: 'any' });
    this.append('$$$scavenges', [{ id: '6e6f2d30-0000-4000-8000-000000000003', type: '$metadata', contentType: 'application/json', data: enc({ $maxAge: 2592000 }), customMetadata: new Uint8Array() }], { kind: 'any' });
  }

  listen(listener: LogListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The state of a stream: its last revision, or undefined when it does not exist (or was soft-deleted). */
  current(stream: string): bigint | undefined {
    const s = this.streams.get(stream);
    if (!s || s.softDeleted || s.records.length === 0) return undefined;
    return s.records[s.records.length - 1]!.revision;
  }

  isTombstoned(stream: string): boolean {
    return this.streams.get(stream)?.tombstoned === true;
  }

  append(stream: string, events: readonly Proposed[], expected: Expected): AppendOutcome {
    const s = this.state(stream);
    if (s.tombstoned) return { kind: 'stream_deleted' };
    const current = this.current(stream);
    const repeat = this.repeated(s, events, expected, current);
    if (repeat) return repeat;
    const ok =
      expected.kind === 'any' ||
      (expected.kind === 'no_stream' && current === undefined) ||
      (expected.kind === 'stream_exists' && current !== undefined) ||
      (expected.kind === 'revision' && current === expected.revision);
    if (!ok) return { kind: 'wrong_expected_version', current, expected };
    if (events.length === 0) {
      // an empty append succeeds without writing, at the stream's current revision
      return { kind: 'success', currentRevision: current ?? -1n, position: this.nextPosition };
    }
    const last = s.records[s.records.length - 1];
    let revision = last ? last.revision + 1n : 0n;
    if (s.softDeleted) s.softDeleted = false; // writing to a soft-deleted stream brings it back, numbering continues
    const created = BigInt(Date.now()) * TICKS_PER_MS;
    let record: LogRecord | undefined;
    const written: LogRecord[] = [];
    for (const e of events) {
      record = { stream, revision, id: e.id, type: e.type, contentType: e.contentType, data: e.data, customMetadata: e.customMetadata, created, position: this.nextPosition };
      this.nextPosition += BigInt(64 + stream.length + e.type.length + e.data.length + e.customMetadata.length);
      s.records.push(record);
      s.ids.set(e.id, revision);
      this.all.push(record);
      written.push(record);
      revision += 1n;
    }
    for (const r of written) for (const l of this.listeners) l(r);
    return { kind: 'success', currentRevision: record!.revision, position: record!.position };
  }

  /**
   * The real server's idempotence: a batch whose event ids are already in the stream, in
   * the same order, at the place the expected version points to, succeeds without writing.
   */
  private repeated(s: StreamState, events: readonly Proposed[], expected: Expected, current: bigint | undefined): AppendOutcome | undefined {
    if (events.length === 0) return undefined;
    const first = s.ids.get(events[0]!.id);
    if (first === undefined) return undefined;
    const startsRight =
      expected.kind === 'any' ||
      (expected.kind === 'no_stream' && first === 0n) ||
      (expected.kind === 'stream_exists' && current !== undefined) ||
      (expected.kind === 'revision' && expected.revision === first - 1n);
    if (!startsRight) return undefined;
    for (let i = 0; i < events.length; i++) {
      const r = s.records[Number(first) + i];
      if (!r || r.id !== events[i]!.id) return undefined;
    }
    const last = s.records[Number(first) + events.length - 1]!;
    return { kind: 'success', currentRevision: last.revision, position: last.position };
  }

  /** Soft delete: reads say not found; a later append brings the stream back. */
  delete(stream: string, expected: Expected): AppendOutcome {
    const s = this.state(stream);
    if (s.tombstoned) return { kind: 'stream_deleted' };
    const current = this.current(stream);
    const ok = this.expectedHolds(expected, current);
    if (!ok) return { kind: 'wrong_expected_version', current, expected };
    if (current !== undefined) {
      s.softDeleted = true;
      s.truncateBefore = current + 1n;
    }
    return { kind: 'success', currentRevision: current ?? -1n, position: this.nextPosition };
  }

  /** Hard delete: the stream can never be written or read again. */
  tombstone(stream: string, expected: Expected): AppendOutcome {
    const s = this.state(stream);
    if (s.tombstoned) return { kind: 'stream_deleted' };
    const current = this.current(stream);
    if (!this.expectedHolds(expected, current)) return { kind: 'wrong_expected_version', current, expected };
    s.tombstoned = true;
    return { kind: 'success', currentRevision: current ?? -1n, position: this.nextPosition };
  }

  private expectedHolds(expected: Expected, current: bigint | undefined): boolean {
    return (
      expected.kind === 'any' ||
      (expected.kind === 'no_stream' && current === undefined) ||
      (expected.kind === 'stream_exists' && current !== undefined) ||
      (expected.kind === 'revision' && current === expected.revision)
    );
  }

  /**
   * The readable records of a stream, honouring soft deletes and the `$maxCount` /
   * `$tb` of its metadata stream (`$$<stream>`). Undefined when the stream does not exist.
   */
  readable(stream: string): LogRecord[] | undefined {
    const s = this.streams.get(stream);
    if (!s || s.softDeleted || s.records.length === 0) return undefined;
    let from = Number(s.truncateBefore);
    const meta = stream.startsWith('$$') ? undefined : this.metadataOf(stream);
    if (meta?.maxCount !== undefined) from = Math.max(from, s.records.length - meta.maxCount);
    if (meta?.truncateBefore !== undefined) from = Math.max(from, meta.truncateBefore);
    return from <= 0 ? s.records : s.records.slice(from);
  }

  private metadataOf(stream: string): { maxCount?: number; truncateBefore?: number } | undefined {
    const m = this.streams.get(`$$${stream}`);
    const last = m?.records[m.records.length - 1];
    if (!last) return undefined;
    try {
      const v = JSON.parse(new TextDecoder().decode(last.data)) as Record<string, unknown>;
      return {
        ...(typeof v.$maxCount === 'number' ? { maxCount: v.$maxCount } : {}),
        ...(typeof v.$tb === 'number' ? { truncateBefore: v.$tb } : {}),
      };
    } catch {
      return undefined;
    }
  }

  /** Index in `all` of the first record at or after a position. */
  indexAtOrAfter(position: bigint): number {
    let lo = 0;
    let hi = this.all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.all[mid]!.position < position) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private state(stream: string): StreamState {
    let s = this.streams.get(stream);
    if (!s) {
      s = { records: [], truncateBefore: 0n, softDeleted: false, tombstoned: false, ids: new Map() };
      this.streams.set(stream, s);
    }
    return s;
  }
}
