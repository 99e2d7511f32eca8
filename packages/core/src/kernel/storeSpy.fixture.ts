import type { DomainEvent, NewEvent } from './envelope.js';
import type { AppendOptions, AppendResult, EventStore, ReadStreamOptions } from './eventStore.js';

/**
 * Test fixture for the kernel's own tests: an EventStore that passes every call to `inner`
 * and records appends and stream reads; `append` replaces the append (to fail on purpose).
 */
export const spyStore = (
  inner: EventStore,
  append?: (stream: string, events: readonly NewEvent[], options: AppendOptions) => Promise<AppendResult>,
) => {
  const appends: { stream: string; expectedVersion: AppendOptions['expectedVersion'] }[] = [];
  const reads: { stream: string; from: bigint | undefined }[] = [];
  const store: EventStore = {
    appendToStream: (stream, events, options) => {
      appends.push({ stream, expectedVersion: options.expectedVersion });
      return append ? append(stream, events, options) : inner.appendToStream(stream, events, options);
    },
    readStream: <E extends DomainEvent>(stream: string, options?: ReadStreamOptions) => {
      reads.push({ stream, from: options?.from });
      return inner.readStream<E>(stream, options);
    },
    readAll: (options) => inner.readAll(options),
    subscribe: (options, handler) => inner.subscribe(options, handler),
    close: () => inner.close(),
  };
  return { store, appends, reads };
};
