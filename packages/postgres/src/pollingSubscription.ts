import { isRapportError, StoreUnavailable, type StoredEvent, type Subscription } from '@rapport/core';

export interface PollingSubscriptionOptions {
  /** Events after a global position (exclusive), at most `limit`, in global order. */
  readonly fetch: (after: bigint, limit: number) => Promise<StoredEvent[]>;
  readonly handler: (event: StoredEvent) => Promise<void> | void;
  readonly from: bigint;
  readonly pageSize: number;
  /** Longest sleep between two looks at the table when nobody wakes the loop. */
  readonly pollIntervalMs: number;
  readonly onCaughtUp?: () => void;
  readonly onEnd: () => void;
}

/** Attempts to read the table again after the database went away, before giving up. */
const RETRIES = 6;

/**
 * Catch-up-then-live over the events table. One loop reads pages after the last delivered
 * position, awaiting the handler for each event; at the end of the table it sleeps until
 * an append in this process, a NOTIFY from another process, or the poll interval wakes it.
 * The same loop serves catch-up and live, so no event falls between them; the store's
 * append lock makes global order gapless to readers, so "after the last position" never
 * skips a late commit.
 */
export class PollingSubscription implements Subscription {
  private next: bigint;
  private stopped = false;
  private woken = false;
  private sleeping: (() => void) | undefined;
  private resolveDone!: () => void;
  private rejectDone!: (e: unknown) => void;
  readonly done: Promise<void>;
  private loop: Promise<void> = Promise.resolve();

  constructor(private readonly o: PollingSubscriptionOptions) {
    this.next = o.from;
    this.done = new Promise((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
    this.done.catch(() => undefined); // the owner reads `done`; never an unhandled rejection
  }

  run(): void {
    this.loop = this.deliver();
  }

  /** Something was appended: look at the table now instead of at the next poll. */
  wake(): void {
    this.woken = true;
    const s = this.sleeping;
    this.sleeping = undefined;
    s?.();
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken || this.stopped) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.sleeping = undefined;
        resolve();
      }, ms);
      this.sleeping = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** Read the next page, riding out a short outage (a restarted server, a killed connection). */
  private async page(): Promise<StoredEvent[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.o.fetch(this.next, this.o.pageSize);
      } catch (e) {
        if (this.stopped || attempt >= RETRIES || !isRapportError(e, StoreUnavailable.code)) throw e;
        await this.sleep(Math.min(100 * 2 ** attempt, 2000));
      }
    }
  }

  private async deliver(): Promise<void> {
    let toldCaughtUp = false;
    try {
      while (!this.stopped) {
        this.woken = false;
        const events = await this.page();
        for (const e of events) {
          if (this.stopped) break;
          this.next = e.metadata.globalPosition;
          await this.o.handler(e);
        }
        if (events.length < this.o.pageSize && !this.stopped) {
          if (!toldCaughtUp) {
            toldCaughtUp = true;
            this.o.onCaughtUp?.();
          }
          await this.sleep(this.o.pollIntervalMs);
        }
      }
      this.resolveDone();
    } catch (err) {
      this.stopped = true;
      this.rejectDone(err);
    } finally {
      this.o.onEnd();
    }
  }

  async stop(): Promise<void> {
    if (this.stopped) return this.loop;
    this.stopped = true;
    this.wake();
    await this.loop;
  }
}
