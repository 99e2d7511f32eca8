import type { DomainEvent, NewEvent, StoredEvent } from './envelope.js';

/**
 * What the writer expects the stream to be at: any state, not yet created, existing,
 * or exactly at the (0-based) position of its last event.
 */
export type ExpectedVersion = 'any' | 'no_stream' | 'stream_exists' | bigint;

export interface AppendOptions {
  readonly expectedVersion: ExpectedVersion;
}

export interface AppendResult {
  /** Position of the stream's last event after the append: pass it as the next expectedVersion. */
  readonly nextExpectedVersion: bigint;
  /** Global position of the last event appended (or, for a repeated command, of its last event). */
  readonly lastGlobalPosition: bigint;
  /**
   * True when the batch's commandId was already in the stream: nothing was written and the
   * positions are those of the earlier append.
   */
  readonly alreadyAppended: boolean;
}

export interface ReadStreamOptions {
  /** First stream position to read (inclusive); for a backward read, where to start going back. */
  readonly from?: bigint;
  /** Last stream position to read (inclusive); for a backward read, the lowest position. */
  readonly to?: bigint;
  readonly direction?: 'forward' | 'backward';
  readonly limit?: number;
  /** Return events exactly as stored: no upcasting, no validation (for audits and hash checks). */
  readonly raw?: boolean;
}

/** Which events a global read or subscription delivers. All given criteria must hold. */
export interface EventFilter {
  /** Stream categories (the part of the stream name before the first `-`). */
  readonly categories?: readonly string[];
  readonly eventTypes?: readonly string[];
  readonly tenantId?: string;
}

export interface ReadAllOptions {
  /** First global position to read (inclusive). */
  readonly from?: bigint;
  readonly filter?: EventFilter;
  readonly limit?: number;
  readonly raw?: boolean;
}

export interface ReadAllPagesOptions extends ReadAllOptions {
  /** Events per page (default 1,000). */
  readonly pageSize?: number;
}

export interface SubscribeOptions {
  /** Deliver events after this global position (exclusive); from the start when absent. */
  readonly from?: bigint;
  readonly filter?: EventFilter;
  /** Called once when every event recorded when the subscription started was delivered. */
  readonly onCaughtUp?: () => void;
}

export interface Subscription {
  /** Stop delivering; resolves when the handler is no longer running. */
  stop(): Promise<void>;
  /** Settles when the subscription ends: resolves on stop, rejects with the handler's or store's error. */
  readonly done: Promise<void>;
}

/**
 * The event store port. Every adapter passes the conformance suite in
 * `@rapport/core/testing`. Reads stream as AsyncIterables, so a million-event replay
 * never sits in memory at once.
 */
export interface EventStore {
  /**
   * Append events to one stream atomically. Validates every event with the store's
   * registry (refused with {@link InvalidEvent}, nothing written), checks the expected
   * version ({@link WrongExpectedVersion}), assigns positions and recordedAt and extends
   * the stream's hash chain. A batch whose commandId is already in the stream writes
   * nothing and returns the earlier positions with `alreadyAppended: true`.
   */
  appendToStream(stream: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;
  /** Events of one stream in order; empty for a stream that does not exist. */
  readStream<E extends DomainEvent = DomainEvent>(stream: string, options?: ReadStreamOptions): AsyncIterable<StoredEvent<E>>;
  /** Events of every stream in global order. */
  readAll<E extends DomainEvent = DomainEvent>(options?: ReadAllOptions): AsyncIterable<StoredEvent<E>>;
  /**
   * Optional: the same events as {@link readAll}, in pages. An adapter that reads in pages
   * anyway offers it so a rebuild pays one await per page instead of one per event; the
   * projection runner uses it when it is there ({@link readAllInPages}).
   */
  readAllPages?<E extends DomainEvent = DomainEvent>(options?: ReadAllPagesOptions): AsyncIterable<readonly StoredEvent<E>[]>;
  /** Catch up from `from`, then deliver new events live, one at a time, each awaited. */
  subscribe<E extends DomainEvent = DomainEvent>(
    options: SubscribeOptions,
    handler: (event: StoredEvent<E>) => Promise<void> | void,
  ): Subscription;
  close(): Promise<void>;
}

/** `readAll` in pages: the store's own `readAllPages` when it has one, else `readAll` grouped. */
export async function* readAllInPages<E extends DomainEvent = DomainEvent>(
  store: EventStore,
  options: ReadAllPagesOptions = {},
): AsyncIterable<readonly StoredEvent<E>[]> {
  if (store.readAllPages) {
    yield* store.readAllPages<E>(options);
    return;
  }
  const size = options.pageSize ?? 1000;
  let page: StoredEvent<E>[] = [];
  for await (const e of store.readAll<E>(options)) {
    page.push(e);
    if (page.length >= size) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}

/** Whether an event passes a filter (for adapters that filter in process). */
export const matchesFilter = (event: StoredEvent, filter: EventFilter | undefined): boolean => {
  if (!filter) return true;
  if (filter.tenantId !== undefined && event.metadata.tenantId !== filter.tenantId) return false;
  if (filter.eventTypes && !filter.eventTypes.includes(event.type)) return false;
  if (filter.categories) {
    const name = event.metadata.streamName;
    const dash = name.indexOf('-');
    const category = dash < 0 ? name : name.slice(0, dash);
    if (!filter.categories.includes(category)) return false;
  }
  return true;
};

/** A stream's version for error messages: `no_stream` or the last position. */
export const describeExpected = (v: ExpectedVersion): string => (typeof v === 'bigint' ? v.toString() : v);
