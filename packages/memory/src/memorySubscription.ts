import type { StoredEvent, Subscription } from '@rapport/core';

/**
 * A catch-up-then-live subscription over the memory log. One loop delivers events by
 * index, awaiting the handler each time, and sleeps when it reaches the end; an append
 * wakes it. The same loop serves catch-up and live, so no event can fall between them.
 */
export class MemorySubscription implements Subscription {
  private next: number;
  private stopped = false;
  private sleeping: (() => void) | undefined;
  private resolveDone!: () => void;
  private rejectDone!: (e: unknown) => void;
  readonly done: Promise<void>;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    from: number,
    /** The event at an index: undefined past the end, null when the filter drops it. */
    private readonly at: (index: number) => StoredEvent | null | undefined,
    private readonly length: () => number,
    private readonly handler: (e: StoredEvent) => Promise<void> | void,
    private readonly onCaughtUp: (() => void) | undefined,
    private readonly onEnd: () => void,
  ) {
    this.next = from;
    this.done = new Promise((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
    this.done.catch(() => undefined); // the owner reads `done`; never an unhandled rejection
  }

  run(): void {
    this.loop = this.deliver();
  }

  wake(): void {
    const s = this.sleeping;
    this.sleeping = undefined;
    s?.();
  }

  private async deliver(): Promise<void> {
    const caughtUpAt = this.length();
    let toldCaughtUp = false;
    try {
      while (!this.stopped) {
        if (!toldCaughtUp && this.next >= caughtUpAt) {
          toldCaughtUp = true;
          this.onCaughtUp?.();
        }
        const e = this.next < this.length() ? this.at(this.next) : undefined;
        if (e === undefined) {
          await new Promise<void>((resolve) => (this.sleeping = resolve));
          continue;
        }
        this.next++;
        if (e !== null) await this.handler(e);
      }
      this.resolveDone();
    } catch (err) {
      this.stopped = true;
      this.rejectDone(err);
    } finally {
      this.onEnd();
    }
  }

  async stop(): Promise<void> {
    if (this.stopped) return this.loop;
    this.stopped = true;
    this.wake();
    await this.loop;
  }
}

