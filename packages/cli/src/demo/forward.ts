import { readAllInPages, type EventStore, type StoredEvent } from '@rapport/core';

/**
 * Hands each event of `store` on once, in global order: every call passes on, page by page
 * as stored (raw), what was appended since the call before.
 */
export const forwarder = (store: EventStore, keep: (events: readonly StoredEvent[]) => void): (() => Promise<void>) => {
  let after: bigint | undefined;
  return async () => {
    for await (const page of readAllInPages(store, { raw: true, pageSize: 5000, ...(after !== undefined ? { from: after + 1n } : {}) })) {
      if (page.length === 0) continue;
      keep(page);
      after = page[page.length - 1]!.metadata.globalPosition;
    }
  };
};
