import { isLeft } from 'fp-ts/lib/Either.js';
import type { Command } from './command.js';
import type { StoredEvent } from './envelope.js';
import type { CrmError } from './errors.js';
import type { EventStore, Subscription } from './eventStore.js';
import { KeyedLock } from './keyedLock.js';
import { reactionsTo, reactorEventTypes, type Dispatch, type Reactor } from './reactor.js';
import type { ReadModelStore } from './readModelStore.js';

export interface ReactorRunnerOptions {
  readonly eventStore: EventStore;
  /** Where each reactor's checkpoint is kept (as a projection named `reactor:<name>`). */
  readonly checkpoints: ReadModelStore;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly reactors: readonly Reactor<any>[];
  readonly dispatch: Dispatch;
  /** A command the domain refused (a value, not a failure): the reactor moves on. */
  readonly onRefused?: (command: Command, error: CrmError, trigger: StoredEvent) => void;
}

/**
 * Feeds reactors from the store: catch up from each reactor's checkpoint, then live.
 * Delivery is at least once; derived commandIds make the effects exactly once.
 */
export class ReactorRunner {
  private readonly lock = new KeyedLock();
  private subscription: Subscription | undefined;

  constructor(private readonly options: ReactorRunnerOptions) {}

  private checkpointName(r: Reactor): string {
    return `reactor:${r.name}`;
  }

  /** Dispatch a reactor's commands for one event; resolves with how many appended something new. */
  private async react(r: Reactor, e: StoredEvent): Promise<number> {
    let effective = 0;
    for (const command of reactionsTo(r, e)) {
      const result = await this.options.dispatch(command);
      if (isLeft(result)) this.options.onRefused?.(command, result.left, e);
      else if (!result.right.duplicate && result.right.events.length > 0) effective++;
    }
    return effective;
  }

  private async save(r: Reactor, position: bigint): Promise<void> {
    await this.options.checkpoints.commit(this.checkpointName(r), [], { position, version: 1 });
  }

  /**
   * Run every reactor over the events it has not seen yet. Resolves with how many
   * commands appended new events (0 when everything was already done).
   */
  catchUp(): Promise<number> {
    return this.lock.run('runner', async () => {
      let effective = 0;
      for (const r of this.options.reactors) {
        const cp = await this.options.checkpoints.checkpoint(this.checkpointName(r));
        const types = reactorEventTypes(r);
        let last: bigint | undefined;
        for await (const e of this.options.eventStore.readAll({
          ...(cp ? { from: cp.position + 1n } : {}),
          ...(types ? { filter: { eventTypes: types } } : {}),
        })) {
          effective += await this.react(r, e);
          last = e.metadata.globalPosition;
        }
        if (last !== undefined) await this.save(r, last);
      }
      return effective;
    });
  }

  /** Catch up, then react to new events live until {@link stop}. */
  async start(): Promise<void> {
    if (this.subscription) return;
    await this.catchUp();
    let from: bigint | undefined;
    for (const r of this.options.reactors) {
      const cp = await this.options.checkpoints.checkpoint(this.checkpointName(r));
      if (cp === undefined) { from = undefined; break; }
      if (from === undefined || cp.position < from) from = cp.position;
    }
    this.subscription = this.options.eventStore.subscribe({ ...(from !== undefined ? { from } : {}) }, (e) =>
      this.lock.run('runner', async () => {
        for (const r of this.options.reactors) {
          const cp = await this.options.checkpoints.checkpoint(this.checkpointName(r));
          if (cp && e.metadata.globalPosition <= cp.position) continue;
          await this.react(r, e);
          await this.save(r, e.metadata.globalPosition);
        }
      }),
    );
  }

  get done(): Promise<void> {
    return this.subscription?.done ?? Promise.resolve();
  }

  async stop(): Promise<void> {
    const s = this.subscription;
    this.subscription = undefined;
    if (s) await s.stop();
  }
}
