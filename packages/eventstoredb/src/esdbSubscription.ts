import {
  BACKWARDS,
  END,
  eventTypeFilter,
  START,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type EventStoreDBClient,
  type Filter,
  type JSONRecordedEvent,
  type RecordedEvent,
  type Position,
} from '@eventstore/db-client';
import { matchesFilter, StoreUnavailable, type EventFilter, type StoredEvent, type SubscribeOptions, type Subscription } from '@rapport/core';
import { cancellable, release } from './cancellable.js';
import { fromRecorded } from './encoding.js';
import { storeFailure } from './errors.js';
import { VISIBLE_STREAMS_REGEX } from './internalStreams.js';

/** Checkpoints every 32 × 2 = 64 matching events: resubscription restarts from the last one. */
const CHECKPOINT_MULTIPLIER = 2;
const MAX_RETRIES = 10;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The server-side part of a filter: categories as stream-name prefixes `<category>-`,
 * else event types as an exact-match regex, else every stream but the hidden ones.
 * (EventStoreDB takes one filter per subscription; the rest is checked in process.)
 */
export const serverFilter = (filter: EventFilter | undefined, namespace: string | undefined, checkpointReached: (position: Position) => void): Filter => {
  const common = { checkpointInterval: CHECKPOINT_MULTIPLIER, checkpointReached: (_s: unknown, p: Position) => checkpointReached(p) };
  const ns = namespace === undefined ? '' : `${namespace}_`;
  if (filter?.categories) return streamNameFilter({ prefixes: filter.categories.map((c) => `${c}-${ns}`), ...common });
  if (filter?.eventTypes) return eventTypeFilter({ regex: `^(?:${filter.eventTypes.map(escapeRegex).join('|')})$`, ...common });
  if (namespace !== undefined) return streamNameFilter({ regex: `^[^$][^-]*-${escapeRegex(namespace)}(?:_|$)`, ...common });
  return streamNameFilter({ regex: VISIBLE_STREAMS_REGEX, ...common });
};

const STOPPED = Symbol('stopped');

class HandlerFailed {
  constructor(readonly error: unknown) {}
}

/**
 * A catch-up-then-live subscription to `$all`. The server does the catch-up and the
 * switch to live within one call; when the call drops, it resubscribes from the last
 * position it saw (an event delivered or skipped, or a server checkpoint), so nothing
 * is missed and nothing delivered twice.
 */
export class EsdbSubscription implements Subscription {
  readonly done: Promise<void>;
  private resolveDone!: () => void;
  private rejectDone!: (e: unknown) => void;
  private stopped = false;
  private loop: Promise<void> = Promise.resolve();
  private last: bigint | undefined;
  private toldCaughtUp = false;
  private busy = false;
  private wakeSleep: (() => void) | undefined;
  private signalStop!: () => void;
  private readonly stopSignal = new Promise<typeof STOPPED>((resolve) => (this.signalStop = () => resolve(STOPPED)));

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: SubscribeOptions,
    /** Whether a recorded event belongs to the store (Rapport's, visible, in its namespace). */
    private readonly accepts: (r: RecordedEvent | undefined) => r is JSONRecordedEvent,
    private readonly handler: (e: StoredEvent) => Promise<void> | void,
    private readonly onEnd: () => void,
    private readonly namespace: string | undefined,
  ) {
    this.last = options.from !== undefined && options.from > 0n ? options.from : undefined;
    this.done = new Promise((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
    this.done.catch(() => undefined); // the owner reads `done`; never an unhandled rejection
  }

  run(): void {
    this.loop = this.deliver();
  }

  private tellCaughtUp(): void {
    if (this.toldCaughtUp) return;
    this.toldCaughtUp = true;
    this.options.onCaughtUp?.();
  }

  /** The commit position of the last event in `$all` now, or undefined for an empty log. */
  private async headPosition(): Promise<bigint | undefined> {
    for await (const e of cancellable<AllStreamResolvedEvent>(this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }))) return e.event?.position?.commit;
    return undefined;
  }

  private seen(position: bigint): void {
    if (this.last === undefined || position > this.last) this.last = position;
  }

  private async deliver(): Promise<void> {
    let failures = 0;
    try {
      const head = await this.headPosition();
      while (!this.stopped) {
        if (head === undefined || (this.last !== undefined && this.last >= head)) this.tellCaughtUp();
        const sub = this.client.subscribeToAll({
          fromPosition: this.last === undefined ? START : { commit: this.last, prepare: this.last },
          filter: serverFilter(this.options.filter, this.namespace, (p) => {
            this.seen(p.commit);
            if (head !== undefined && p.commit >= head) this.tellCaughtUp();
          }),
        });
        sub.on('error', () => undefined); // read through the iterator below; late errors are not unhandled
        // the server's caught-up message comes after every catch-up event is queued: once the queue is empty, all were delivered
        let serverCaughtUp = false;
        sub.on('caughtUp', () => {
          serverCaughtUp = true;
          if (!this.busy && sub.readableLength === 0) this.tellCaughtUp();
        });
        try {
          const events = sub.iterator({ destroyOnReturn: false });
          for (;;) {
            // stop() ends the wait for the next event
            const next = await Promise.race([events.next(), this.stopSignal]);
            if (next === STOPPED || next.done) break;
            const resolved = next.value as AllStreamResolvedEvent;
            failures = 0;
            const r = resolved.event;
            const position = r?.position?.commit;
            if (r && position !== undefined && (this.last === undefined || position > this.last)) {
              if (this.accepts(r)) {
                const e = fromRecorded(r);
                if (matchesFilter(e, this.options.filter)) {
                  this.busy = true;
                  try {
                    await this.handler(e);
                  } catch (err) {
                    throw new HandlerFailed(err);
                  } finally {
                    this.busy = false;
                  }
                }
              }
              this.seen(position);
              if (head !== undefined && position >= head) this.tellCaughtUp();
            }
            if (this.stopped) break;
            if (serverCaughtUp && sub.readableLength === 0) this.tellCaughtUp();
          }
        } catch (err) {
          if (err instanceof HandlerFailed) throw err;
          if (this.stopped) break;
          if (++failures > MAX_RETRIES) throw new StoreUnavailable(`EventStoreDB subscription to $all dropped ${failures} times`, { cause: err });
          // back off a little, then pick up from the last position seen
          await new Promise<void>((resolve) => {
            const t = setTimeout(resolve, Math.min(50 * 2 ** failures, 2000));
            this.wakeSleep = () => {
              clearTimeout(t);
              resolve();
            };
          });
        } finally {
          await release(sub);
        }
      }
      this.resolveDone();
    } catch (err) {
      this.stopped = true;
      this.rejectDone(err instanceof HandlerFailed ? err.error : storeFailure('subscription to $all', err));
    } finally {
      this.onEnd();
    }
  }

  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      this.wakeSleep?.();
      this.signalStop();
    }
    await this.loop;
  }
}
