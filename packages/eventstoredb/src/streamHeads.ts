import { FORWARDS, START, StreamNotFoundError, type EventStoreDBClient } from '@eventstore/db-client';
import type { SealedEvent, StreamHead } from '@rapport/core';
import { isRapportEvent } from './encoding.js';

/** Where a command's events ended: for `alreadyAppended` answers. */
export interface CommandPlace {
  readonly lastGlobalPosition: bigint;
}

/** What a writer knows of one stream: its head (version + hash) and the commands in it. */
export interface KnownStream {
  head: StreamHead | undefined;
  readonly commands: Map<string, CommandPlace>;
}

/**
 * What this process knows of the streams it writes. A stream is read once, the first time
 * it is written; later appends trust the known head, because they append with its exact
 * revision: if another process wrote meanwhile, the server refuses, and the writer reads
 * only the events after the known head (so it sees their heads and commandIds) and tries again.
 */
export class StreamHeads {
  private readonly known = new Map<string, KnownStream>();

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly maxStreams: number,
  ) {}

  /** What is known of a stream without asking the server (undefined if never synced). */
  cached(stream: string): KnownStream | undefined {
    return this.known.get(stream);
  }

  /**
   * Take a stream that this process has never seen as empty, for a `'no_stream'` append:
   * if it does exist, the server refuses the append and the next attempt reads it.
   */
  assumeNew(stream: string): KnownStream {
    const k: KnownStream = { head: undefined, commands: new Map() };
    this.known.set(stream, k);
    if (this.known.size > this.maxStreams) this.known.delete(this.known.keys().next().value!);
    return k;
  }

  /** Bring a stream up to date with the server and return it. */
  async sync(stream: string): Promise<KnownStream> {
    let k = this.known.get(stream);
    if (k) {
      // most recently used last, so the oldest is evicted first
      this.known.delete(stream);
      this.known.set(stream, k);
    } else {
      k = { head: undefined, commands: new Map() };
      this.known.set(stream, k);
      if (this.known.size > this.maxStreams) this.known.delete(this.known.keys().next().value!);
    }
    const from = k.head ? k.head.version + 1n : START;
    try {
      for await (const resolved of this.client.readStream(stream, { fromRevision: from, direction: FORWARDS })) {
        const r = resolved.event;
        if (!isRapportEvent(r)) continue;
        const m = r.metadata as { commandId: string; hash: string; streamPosition: string };
        const version = BigInt(m.streamPosition);
        if (k.head && version <= k.head.version) continue;
        k.head = { version, hash: m.hash };
        k.commands.set(m.commandId, { lastGlobalPosition: r.position?.commit ?? -1n });
      }
    } catch (err) {
      if (!(err instanceof StreamNotFoundError)) throw err;
    }
    return k;
  }

  /** Record a batch this process has just written. */
  wrote(stream: string, sealed: readonly SealedEvent[], lastGlobalPosition: bigint): void {
    const k = this.known.get(stream);
    if (!k) return;
    const last = sealed[sealed.length - 1]!.metadata;
    if (k.head && last.streamPosition <= k.head.version) return;
    k.head = { version: last.streamPosition, hash: last.hash };
    k.commands.set(last.commandId, { lastGlobalPosition });
  }

  forget(stream: string): void {
    this.known.delete(stream);
  }
}
