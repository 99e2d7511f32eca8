import type { StreamHead } from '@rapport/core';

/**
 * The last known head (position and hash) of recently used streams: a hint, never the
 * truth. An append that finds its stream here seals its batch against the hint and sends
 * it in one round trip with a guard that inserts only if the stream head in the database
 * still equals the hint; when it does not (another process appended, the hint is stale)
 * the append falls back to reading the head under the lock. Bounded: the oldest entries
 * are forgotten first.
 */
export class StreamHeads {
  private readonly heads = new Map<string, StreamHead>();

  constructor(private readonly capacity = 10_000) {}

  get(stream: string): StreamHead | undefined {
    return this.heads.get(stream);
  }

  set(stream: string, head: StreamHead): void {
    this.heads.delete(stream);
    this.heads.set(stream, head);
    if (this.heads.size > this.capacity) this.heads.delete(this.heads.keys().next().value!);
  }

  forget(stream: string): void {
    this.heads.delete(stream);
  }
}
