import {
  BACKWARDS,
  END,
  FORWARDS,
  START,
  type AllStreamResolvedEvent,
  type EventStoreDBClient,
  type JSONRecordedEvent,
  type RecordedEvent,
} from '@eventstore/db-client';
import { matchesFilter, type EventFilter, type StoredEvent } from '@rapport/core';
import { cancellable, release } from './cancellable.js';
import { fromRecorded } from './encoding.js';
import { serverFilter } from './esdbSubscription.js';

export interface FilteredReadAllOptions {
  /** First commit position to read (inclusive); from the start when absent or ≤ 0. */
  readonly from: bigint | undefined;
  readonly filter: EventFilter;
  readonly limit: number;
  readonly namespace: string | undefined;
  /** Whether a recorded event belongs to the store (Rapport's, visible, in its namespace). */
  readonly accepts: (r: RecordedEvent | undefined) => r is JSONRecordedEvent;
}

const firstOf = async (read: ReturnType<EventStoreDBClient['readAll']>): Promise<AllStreamResolvedEvent | undefined> => {
  for await (const e of cancellable<AllStreamResolvedEvent>(read)) return e;
  return undefined;
};

/**
 * A `$all` read whose category / event-type filter runs on the server.
 *
 * Client 6.2's `readAll` sends no filter, but a filtered `subscribeToAll` does
 * (`streamNameFilter({ prefixes })`, `eventTypeFilter`), so the read is a filtered catch-up
 * subscription that ends at the log's head as it was when the read began: when an event or
 * a server checkpoint reaches that position, or the server says it has caught up with
 * nothing left queued. A subscription starts *after* its position while a read includes
 * it, so the event at exactly `from` is fetched on its own first.
 */
export async function* readAllFiltered(client: EventStoreDBClient, options: FilteredReadAllOptions): AsyncGenerator<StoredEvent, void, undefined> {
  const { filter, limit, accepts } = options;
  const head = (await firstOf(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 })))?.event?.position?.commit;
  if (head === undefined) return;
  const from = options.from !== undefined && options.from > 0n ? options.from : undefined;
  let count = 0;
  const take = (r: RecordedEvent | undefined): StoredEvent | undefined => {
    if (!accepts(r)) return undefined;
    const e = fromRecorded(r);
    return matchesFilter(e, filter) ? e : undefined;
  };
  if (from !== undefined) {
    if (from > head) return;
    const first = (await firstOf(client.readAll({ direction: FORWARDS, fromPosition: { commit: from, prepare: from }, maxCount: 1 })))?.event;
    if (first?.position?.commit === from) {
      const e = take(first);
      if (e) {
        yield e;
        if (++count >= limit) return;
      }
      if (from === head) return;
    }
  }

  let reachedHead = false;
  let wake: () => void = () => undefined;
  const woken = () => new Promise<'woken'>((resolve) => (wake = () => resolve('woken')));
  const sub = client.subscribeToAll({
    fromPosition: from === undefined ? START : { commit: from, prepare: from },
    filter: serverFilter(filter, options.namespace, (p) => {
      if (p.commit >= head) {
        reachedHead = true;
        wake();
      }
    }),
  });
  sub.on('error', () => undefined); // read through the iterator below
  let caughtUp = false;
  sub.on('caughtUp', () => {
    caughtUp = true;
    wake();
  });
  try {
    const events = sub.iterator({ destroyOnReturn: false });
    // a wake-up must not drop the event a pending next() will still deliver: keep asking the same one
    let pending: Promise<IteratorResult<unknown>> | undefined;
    for (;;) {
      pending ??= events.next();
      // the server's caught-up message (or a checkpoint at the head) follows every catch-up
      // event, so once it came, a next() still unanswered after a turn of the loop has nothing to get
      const end = caughtUp || reachedHead ? new Promise<'idle'>((resolve) => setImmediate(() => resolve('idle'))) : woken();
      const next = await Promise.race([pending, end]);
      if (next === 'woken') continue;
      if (next === 'idle') {
        if (sub.readableLength === 0) return;
        continue;
      }
      pending = undefined;
      if (next.done) return;
      const r = (next.value as AllStreamResolvedEvent).event;
      const position = r?.position?.commit;
      if (position === undefined) continue;
      if (position > head) return;
      const e = take(r);
      if (e) {
        yield e;
        if (++count >= limit) return;
      }
      if (position === head) return;
    }
  } finally {
    await release(sub);
  }
}
