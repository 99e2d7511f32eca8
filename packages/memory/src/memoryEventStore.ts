import {
  checkAppend,
  frozenCopy,
  checkExpectedVersion,
  InvalidArgument,
  sealEvents,
  StoreUnavailable,
  systemClock,
  type AppendOptions,
  type AppendResult,
  type Clock,
  type DomainEvent,
  type EventFilter,
  type EventRegistry,
  type EventStore,
  type NewEvent,
  type ReadAllOptions,
  type ReadAllPagesOptions,
  type ReadStreamOptions,
  type StoredEvent,
  type SubscribeOptions,
  type Subscription,
} from '@rapport/core';
import { MemorySubscription } from './memorySubscription.js';

export interface MemoryEventStoreOptions {
  /** The codecs every appended and read event must match. */
  readonly registry: EventRegistry;
  /** Where recordedAt comes from (default: the system clock). */
  readonly clock?: Clock;
}

interface CommandPlace {
  readonly last: bigint;
  readonly lastGlobalPosition: bigint;
}

interface MemoryStream {
  readonly events: StoredEvent[];
  readonly commands: Map<string, CommandPlace>;
}

/**
 * An EventStore in process memory: one global array in append order plus one array per
 * stream. Appends are synchronous inside their promise, so each is atomic. Stored events
 * are deep-frozen copies; global positions start at 1.
 */
export class MemoryEventStore implements EventStore {
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, MemoryStream>();
  /** What the registry made of `log[i]` (upcast, decoded); undefined until first read. */
  private readonly decoded: (StoredEvent | undefined)[] = [];
  /** The registry generation `decoded[i]` was made under: a later registration invalidates it. */
  private readonly decodedAt: number[] = [];
  private readonly subscriptions = new Set<MemorySubscription>();
  private readonly registry: EventRegistry;
  private readonly clock: Clock;
  private closed = false;

  constructor(options: MemoryEventStoreOptions) {
    this.registry = options.registry;
    this.clock = options.clock ?? systemClock;
  }

  /** How many events the store holds. */
  get size(): number {
    return this.log.length;
  }

  private open(): void {
    if (this.closed) throw new StoreUnavailable('memory event store is closed');
  }

  async appendToStream(stream: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.open();
    const checked = checkAppend(this.registry, stream, events, options?.expectedVersion);
    const s = this.streams.get(stream);
    const repeated = s?.commands.get(checked[0]!.metadata.commandId);
    if (repeated) return { nextExpectedVersion: s!.events.length === 0 ? -1n : BigInt(s!.events.length - 1), lastGlobalPosition: repeated.lastGlobalPosition, alreadyAppended: true };
    const last = s?.events[s.events.length - 1];
    const head = last ? { version: last.metadata.streamPosition, hash: last.metadata.hash } : undefined;
    checkExpectedVersion(stream, options.expectedVersion, head);
    const sealed = sealEvents(stream, head, checked, this.clock.now());
    const target = s ?? { events: [], commands: new Map<string, CommandPlace>() };
    let global = BigInt(this.log.length);
    const generation = this.registry.generation;
    for (const e of sealed) {
      const m = e.metadata;
      global += 1n;
      // a fixed-shape literal: every stored event has the same hidden class
      const stored = Object.freeze({
        type: e.type,
        data: frozenCopy(e.data),
        metadata: Object.freeze({
          eventId: m.eventId,
          streamName: m.streamName,
          streamPosition: m.streamPosition,
          globalPosition: global,
          occurredAt: m.occurredAt,
          recordedAt: m.recordedAt,
          tenantId: m.tenantId,
          actor: Object.freeze({ kind: m.actor.kind, id: m.actor.id }),
          commandId: m.commandId,
          correlationId: m.correlationId,
          causationId: m.causationId,
          schemaVersion: m.schemaVersion,
          prevHash: m.prevHash,
          hash: m.hash,
        }),
      }) as StoredEvent;
      this.log.push(stored);
      // checkAppend just validated this data with this registry, and stored events are frozen:
      // while the registry stays as it is, decoding it again could only give the same event
      const known = this.registry.readsBackAsWritten(e.type, m.schemaVersion);
      this.decoded.push(known ? stored : undefined);
      this.decodedAt.push(known ? generation : -1);
      target.events.push(stored);
    }
    if (!s) this.streams.set(stream, target);
    const place = { last: BigInt(target.events.length - 1), lastGlobalPosition: global };
    target.commands.set(checked[0]!.metadata.commandId, place);
    for (const sub of this.subscriptions) sub.wake();
    return { nextExpectedVersion: place.last, lastGlobalPosition: global, alreadyAppended: false };
  }

  private decode<E extends DomainEvent>(e: StoredEvent, raw: boolean | undefined): StoredEvent<E> {
    return raw ? (e as StoredEvent<E>) : this.decodeAt<E>(Number(e.metadata.globalPosition) - 1, e);
  }

  /** The decoded form of `log[i]` (= e), computed once per registry generation. */
  private decodeAt<E extends DomainEvent>(i: number, e: StoredEvent): StoredEvent<E> {
    const generation = this.registry.generation;
    let d = this.decoded[i];
    if (d === undefined || this.decodedAt[i] !== generation) {
      d = this.registry.decode(e);
      this.decoded[i] = d;
      this.decodedAt[i] = generation;
    }
    return d as StoredEvent<E>;
  }

  async *readStream<E extends DomainEvent = DomainEvent>(stream: string, options: ReadStreamOptions = {}): AsyncIterable<StoredEvent<E>> {
    this.open();
    const events = this.streams.get(stream)?.events;
    if (!events) return;
    const limit = checkLimit(options.limit);
    const n = events.length;
    const backward = options.direction === 'backward';
    // positions are array indexes; clamp bigints before converting
    const clamp = (b: bigint | undefined, dflt: number): number => (b === undefined ? dflt : b < 0n ? -1 : b >= BigInt(n) ? n : Number(b));
    let count = 0;
    if (!backward) {
      const to = Math.min(clamp(options.to, n - 1), n - 1);
      for (let i = Math.max(clamp(options.from, 0), 0); i <= to && count < limit; i++, count++) yield this.decode<E>(events[i]!, options.raw);
    } else {
      const to = Math.max(clamp(options.to, 0), 0);
      for (let i = Math.min(clamp(options.from, n - 1), n - 1); i >= to && count < limit; i--, count++) yield this.decode<E>(events[i]!, options.raw);
    }
  }

  async *readAllPages<E extends DomainEvent = DomainEvent>(options: ReadAllPagesOptions = {}): AsyncIterable<readonly StoredEvent<E>[]> {
    this.open();
    const limit = checkLimit(options.limit);
    const size = options.pageSize ?? 1000;
    if (!Number.isInteger(size) || size < 1) throw new InvalidArgument(`pageSize ${size}: expected a whole number >= 1`);
    const filter = compile(options.filter);
    let count = 0;
    let i = options.from === undefined || options.from < 1n ? 0 : options.from > BigInt(this.log.length) ? this.log.length : Number(options.from) - 1;
    while (i < this.log.length && count < limit) {
      const page: StoredEvent<E>[] = [];
      while (i < this.log.length && count < limit && page.length < size) {
        const e = this.log[i++]!;
        if (filter && !filter(e)) continue;
        count++;
        page.push(options.raw ? (e as StoredEvent<E>) : this.decodeAt<E>(i - 1, e));
      }
      if (page.length > 0) yield page;
    }
  }

  readAll<E extends DomainEvent = DomainEvent>(options: ReadAllOptions = {}): AsyncIterable<StoredEvent<E>> {
    // A hand-written iterator rather than an async generator: a rebuild reads every event,
    // and one settled promise per event costs far less than a generator's resumptions.
    // Like a generator it starts (and checks) on the first `next`, and ends after an error.
    let step: (() => IteratorResult<StoredEvent<E>, undefined>) | undefined;
    let finished = false;
    const done: IteratorResult<StoredEvent<E>, undefined> = { value: undefined, done: true };
    const begin = (): (() => IteratorResult<StoredEvent<E>, undefined>) => {
      this.open();
      const limit = checkLimit(options.limit);
      const filter = compile(options.filter);
      let count = 0;
      let i = options.from === undefined || options.from < 1n ? 0 : options.from > BigInt(this.log.length) ? this.log.length : Number(options.from) - 1;
      return () => {
        while (i < this.log.length && count < limit) {
          const e = this.log[i++]!;
          if (filter && !filter(e)) continue;
          count++;
          return { value: this.decode<E>(e, options.raw), done: false };
        }
        finished = true;
        return done;
      };
    };
    const iterator: AsyncIterableIterator<StoredEvent<E>, undefined> = {
      next: () => {
        if (finished) return Promise.resolve(done);
        try {
          step ??= begin();
          return Promise.resolve(step());
        } catch (err) {
          finished = true;
          return Promise.reject(err);
        }
      },
      return: () => {
        finished = true;
        return Promise.resolve(done);
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  subscribe<E extends DomainEvent = DomainEvent>(options: SubscribeOptions, handler: (event: StoredEvent<E>) => Promise<void> | void): Subscription {
    this.open();
    const filter = compile(options.filter);
    const from = options.from === undefined || options.from < 0n ? 0 : options.from > BigInt(this.log.length) ? this.log.length : Number(options.from);
    const sub = new MemorySubscription(
      from,
      (i) => {
        const e = this.log[i];
        return e === undefined ? undefined : filter && !filter(e) ? null : this.decode<E>(e, false);
      },
      () => this.log.length,
      handler as (e: StoredEvent) => Promise<void> | void,
      options.onCaughtUp,
      () => this.subscriptions.delete(sub),
    );
    this.subscriptions.add(sub);
    sub.run();
    return sub;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
  }
}


const checkLimit = (limit: number | undefined): number => {
  if (limit === undefined) return Infinity;
  if (!Number.isInteger(limit) || limit < 0) throw new InvalidArgument(`limit ${limit}: expected a whole number >= 0`);
  return limit;
};

/** A filter as a fast predicate (Sets instead of array scans), or undefined for none. */
const compile = (filter: EventFilter | undefined): ((e: StoredEvent) => boolean) | undefined => {
  if (!filter || (filter.categories === undefined && filter.eventTypes === undefined && filter.tenantId === undefined)) return undefined;
  const types = filter.eventTypes && new Set(filter.eventTypes);
  const categories = filter.categories && new Set(filter.categories);
  const tenantId = filter.tenantId;
  return (e) => {
    if (types !== undefined && !types.has(e.type)) return false;
    if (tenantId !== undefined && e.metadata.tenantId !== tenantId) return false;
    if (categories === undefined) return true;
    const name = e.metadata.streamName;
    const dash = name.indexOf('-');
    return categories.has(dash < 0 ? name : name.slice(0, dash));
  };
};
