import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type JSONRecordedEvent,
  type RecordedEvent,
  type ResolvedEvent,
} from '@eventstore/db-client';
import {
  checkAppend,
  checkExpectedVersion,
  ConcurrencyRetriesExhausted,
  CorruptEvent,
  InvalidArgument,
  KeyedLock,
  matchesFilter,
  sealEvents,
  StoreUnavailable,
  systemClock,
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
} from '@rapport/core';
import { cancellable } from './cancellable.js';
import { fromRecorded, isRapportEvent, toEventData } from './encoding.js';
import { storeFailure } from './errors.js';
import { EsdbSubscription } from './esdbSubscription.js';
import { readAllFiltered } from './filteredReadAll.js';
import { isHiddenStream } from './internalStreams.js';
import { StreamHeads } from './streamHeads.js';

export interface EsdbEventStoreOptions {
  /** The codecs every appended and read event must match. */
  readonly registry: EventRegistry;
  /** A connected client, or a connection string (`esdb://host:2113?tls=false`). */
  readonly client: EventStoreDBClient | string;
  /** Where recordedAt comes from (default: the system clock). */
  readonly clock?: Clock;
  /** How often an `'any'` append re-reads the head and tries again after losing a race (default 20). */
  readonly maxAppendAttempts?: number;
  /** How many streams' heads and commandIds to keep in memory (default 10 000). */
  readonly cachedStreams?: number;
  /**
   * Keep this store's streams apart from others on the same server: `customer-shop_a.c1`
   * is stored as `customer-<namespace>_shop_a.c1` (the category is kept, so category
   * filters still work) and reads see only this namespace. For tests on a shared server.
   */
  readonly namespace?: string;
}

/**
 * The kernel's EventStore on EventStoreDB through `@eventstore/db-client`.
 *
 * Every append writes with the exact revision of the stream's head as this process knows
 * it (read once per stream, then kept up to date), so the hash chain and
 * the commandId check stay right even with other writers: losing the race is a
 * `WrongExpectedVersionError` from the server, after which an `'any'` append looks
 * again and retries, and any other expected version is refused with the real version.
 * The global position of an event is its `$all` commit position.
 */
export class EsdbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly ownsClient: boolean;
  private readonly registry: EventRegistry;
  private readonly clock: Clock;
  private readonly heads: StreamHeads;
  private readonly lock = new KeyedLock();
  private readonly maxAttempts: number;
  private readonly subscriptions = new Set<EsdbSubscription>();
  private readonly namespace: string | undefined;
  private closed = false;

  constructor(options: EsdbEventStoreOptions) {
    this.registry = options.registry;
    this.clock = options.clock ?? systemClock;
    this.ownsClient = typeof options.client === 'string';
    this.client = typeof options.client === 'string' ? EventStoreDBClient.connectionString(options.client) : options.client;
    this.heads = new StreamHeads(this.client, options.cachedStreams ?? 10_000);
    this.maxAttempts = options.maxAppendAttempts ?? 20;
    this.namespace = options.namespace;
  }

  /** The name a stream has on the server. */
  private physical(stream: string): string {
    if (this.namespace === undefined) return stream;
    const dash = stream.indexOf('-');
    return dash < 0 ? `${stream}-${this.namespace}` : `${stream.slice(0, dash + 1)}${this.namespace}_${stream.slice(dash + 1)}`;
  }

  /** Whether a recorded event is one of this store's (Rapport's, not hidden, in its namespace). */
  private ours(r: RecordedEvent | undefined): r is JSONRecordedEvent {
    if (!isRapportEvent(r) || isHiddenStream(r.streamId)) return false;
    return this.namespace === undefined || r.streamId === this.physical((r.metadata as { streamName: string }).streamName);
  }

  private open(): void {
    if (this.closed) throw new StoreUnavailable('EventStoreDB event store is closed');
  }

  async appendToStream(stream: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.open();
    const expected = options?.expectedVersion;
    const checked = checkAppend(this.registry, stream, events, expected);
    const commandId = checked[0]!.metadata.commandId;
    // one writer per stream in this process: racing ourselves would only cost retries
    return this.lock.run(stream, async () => {
      for (let attempt = 1; ; attempt++) {
        this.open();
        const physical = this.physical(stream);
        // the known head is enough to try: a stale one is refused by the server, then read afresh
        const cached =
          attempt > 1 ? undefined : (this.heads.cached(physical) ?? (expected === 'no_stream' ? this.heads.assumeNew(physical) : undefined));
        let known;
        try {
          known = cached ?? (await this.heads.sync(physical));
        } catch (err) {
          throw storeFailure(`reading the head of ${stream}`, err);
        }
        const repeated = known.commands.get(commandId);
        if (repeated) return { nextExpectedVersion: known.head?.version ?? -1n, lastGlobalPosition: repeated.lastGlobalPosition, alreadyAppended: true };
        try {
          checkExpectedVersion(stream, expected, known.head);
        } catch (err) {
          if (!cached) throw err;
          continue; // judged on a head that may be stale: read it and judge again
        }
        const sealed = sealEvents(stream, known.head, checked, this.clock.now());
        try {
          const result = await this.client.appendToStream(this.physical(stream), sealed.map(toEventData), {
            expectedRevision: known.head ? known.head.version : NO_STREAM,
          });
          const lastGlobalPosition = result.position?.commit ?? -1n;
          this.heads.wrote(this.physical(stream), sealed, lastGlobalPosition);
          return { nextExpectedVersion: result.nextExpectedRevision, lastGlobalPosition, alreadyAppended: false };
        } catch (err) {
          if (!(err instanceof WrongExpectedVersionError)) throw storeFailure(`append to ${stream}`, err);
          // another writer got there first: the next round reads what it wrote
          if (attempt >= this.maxAttempts) throw new ConcurrencyRetriesExhausted(stream, attempt, { cause: err });
        }
      }
    });
  }

  private decode<E extends DomainEvent>(e: StoredEvent, raw: boolean | undefined): StoredEvent<E> {
    return (raw ? e : this.registry.decode(e)) as StoredEvent<E>;
  }

  async *readStream<E extends DomainEvent = DomainEvent>(stream: string, options: ReadStreamOptions = {}): AsyncIterable<StoredEvent<E>> {
    this.open();
    const limit = checkLimit(options.limit);
    if (limit === 0) return;
    const backward = options.direction === 'backward';
    const { from, to } = options;
    if (!backward && from !== undefined && to !== undefined && to < from) return;
    const read = this.client.readStream(this.physical(stream), {
      direction: backward ? BACKWARDS : FORWARDS,
      fromRevision: from === undefined ? (backward ? END : START) : from < 0n ? (backward ? END : START) : from,
      maxCount: backward || to === undefined ? limit : Math.min(limit, Number(to - (from ?? 0n) + 1n)),
    });
    let count = 0;
    try {
      for await (const resolved of cancellable<ResolvedEvent>(read)) {
        const r = resolved.event;
        if (!isRapportEvent(r))
          throw new CorruptEvent(stream, r?.revision ?? -1n, [{ path: ['metadata'], message: 'not an event written by Rapport (no envelope metadata)' }]);
        const e = fromRecorded(r);
        const p = e.metadata.streamPosition;
        if (!backward && to !== undefined && p > to) return;
        if (backward && to !== undefined && p < to) return;
        yield this.decode<E>(e, options.raw);
        if (++count >= limit) return;
      }
    } catch (err) {
      if (err instanceof StreamNotFoundError) return;
      throw storeFailure(`read of ${stream}`, err);
    }
  }

  async *readAll<E extends DomainEvent = DomainEvent>(options: ReadAllOptions = {}): AsyncIterable<StoredEvent<E>> {
    this.open();
    const limit = checkLimit(options.limit);
    if (limit === 0) return;
    const from = options.from;
    const filter = options.filter;
    if (filter?.categories || filter?.eventTypes) {
      // categories and event types are filtered by the server (the tenant, if any, here)
      try {
        for await (const e of readAllFiltered(this.client, { from, filter, limit, namespace: this.namespace, accepts: (r) => this.ours(r) }))
          yield this.decode<E>(e, options.raw);
      } catch (err) {
        throw storeFailure('filtered read of $all', err);
      }
      return;
    }
    // unfiltered (or by tenant only): hidden streams are skipped here
    const read = this.client.readAll({
      direction: FORWARDS,
      fromPosition: from === undefined || from <= 0n ? START : { commit: from, prepare: from },
    });
    let count = 0;
    try {
      for await (const resolved of cancellable<ResolvedEvent>(read)) {
        const r = resolved.event;
        if (!this.ours(r)) continue;
        const e = fromRecorded(r);
        if (!matchesFilter(e, options.filter)) continue;
        yield this.decode<E>(e, options.raw);
        if (++count >= limit) return;
      }
    } catch (err) {
      throw storeFailure('read of $all', err);
    }
  }

  subscribe<E extends DomainEvent = DomainEvent>(options: SubscribeOptions, handler: (event: StoredEvent<E>) => Promise<void> | void): Subscription {
    this.open();
    const sub = new EsdbSubscription(
      this.client,
      options,
      (r) => this.ours(r),
      (e) => handler(this.decode<E>(e, false)),
      () => this.subscriptions.delete(sub),
      this.namespace,
    );
    this.subscriptions.add(sub);
    sub.run();
    return sub;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    if (this.ownsClient) await this.client.dispose();
  }
}

const checkLimit = (limit: number | undefined): number => {
  if (limit === undefined) return Number.MAX_SAFE_INTEGER;
  if (!Number.isInteger(limit) || limit < 0) throw new InvalidArgument(`limit ${limit}: expected a whole number >= 0`);
  return Math.min(limit, Number.MAX_SAFE_INTEGER);
};
