import type { StoredEvent } from '../kernel/envelope.js';
import { readAllInPages, type EventStore } from '../kernel/eventStore.js';
import { GENESIS_HASH, hashEnvelope, type ChainBreak } from '../kernel/hashChain.js';
import type { ChainReport, VerifyOptions } from './types.js';

/** Where one stream's chain has got to. */
interface Link {
  readonly hash: string;
  readonly next: bigint;
}

/** The chain link an event must continue, checked as `verifyStreamChain` checks it. */
const breakOf = (e: StoredEvent, link: Link | undefined): ChainBreak['reason'] | undefined => {
  const m = e.metadata;
  if (m.streamPosition !== (link?.next ?? 0n)) return 'position-gap';
  if (m.prevHash !== (link?.hash ?? GENESIS_HASH)) return 'prev-hash-mismatch';
  const { hash: _h, globalPosition: _g, ...rest } = m;
  if (hashEnvelope({ type: e.type, data: e.data, metadata: rest }) !== m.hash) return 'hash-mismatch';
  return undefined;
};

/**
 * Walk every stream's SHA-256 chain in one pass over the store (raw events, in pages,
 * grouped by stream) and stop at the first event whose position, `prevHash` or hash does
 * not hold. Reports progress after every page.
 */
export const verifyChains = async (store: EventStore, options: VerifyOptions = {}): Promise<ChainReport> => {
  const links = new Map<string, Link>();
  let events = 0;
  for await (const page of readAllInPages(store, { raw: true, pageSize: options.pageSize ?? 1000 })) {
    for (const e of page) {
      const stream = e.metadata.streamName;
      const link = links.get(stream);
      const reason = breakOf(e, link);
      if (reason !== undefined)
        return {
          intact: false,
          streams: links.size,
          events,
          firstBroken: { streamName: stream, streamPosition: e.metadata.streamPosition.toString(), eventId: e.metadata.eventId, reason },
        };
      links.set(stream, { hash: e.metadata.hash, next: e.metadata.streamPosition + 1n });
      events++;
    }
    options.onProgress?.({ streams: links.size, events });
  }
  return { intact: true, streams: links.size, events };
};
