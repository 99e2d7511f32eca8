/**
 * An async iterable fed from outside: `push` pages as they come, `end` when there are no
 * more. The consumer waits when it is ahead; pages wait in order when it is behind.
 */
export class Pages<T> implements AsyncIterable<T> {
  private readonly queue: T[] = [];
  private ended = false;
  private failure: { error: unknown } | undefined;
  private wake: (() => void) | undefined;

  push(page: T): void {
    if (this.ended) throw new Error('pages: push after the end');
    this.queue.push(page);
    this.wake?.();
  }

  end(): void {
    this.ended = true;
    this.wake?.();
  }

  /** No more pages, and the consumer is told why: its loop throws `error`. */
  fail(error: unknown): void {
    this.failure = { error };
    this.end();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      if (this.failure) throw this.failure.error;
      const page = this.queue.shift();
      if (page !== undefined) {
        yield page;
        continue;
      }
      if (this.ended) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }
}
