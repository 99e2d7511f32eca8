import { InvalidArgument } from '../kernel/errors.js';
import type { StoredEvent } from '../kernel/envelope.js';
import type { EventStore } from '../kernel/eventStore.js';
import type { ReadModelStore } from '../kernel/readModelStore.js';
import { customerReferenceFields, customersNamedIn } from './customerReferences.js';
import { CUSTOMER_STREAMS, type CustomerStreamsDoc } from './customerStreams.js';
import { timelineEntryOf } from './timelineEntry.js';
import type { TimelineEntry, TimelinePage, TimelinePageRequest } from './types.js';

export const DEFAULT_TIMELINE_LIMIT = 100;
export const MAX_TIMELINE_LIMIT = 1000;

export interface TimelineDeps {
  readonly eventStore: EventStore;
  /** Holds `audit.customerStreams`, caught up. */
  readonly readModels: ReadModelStore;
  readonly fields?: readonly string[];
}

const positionAfter = (after: string | undefined): bigint => {
  if (after === undefined) return 0n;
  if (!/^\d{1,30}$/.test(after)) throw new InvalidArgument(`timeline: after ${JSON.stringify(after)}: expected a global position (decimal digits)`);
  return BigInt(after);
};

const limitOf = (limit: number | undefined): number => {
  if (limit === undefined) return DEFAULT_TIMELINE_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_TIMELINE_LIMIT)
    throw new InvalidArgument(`timeline: limit ${limit}: expected a whole number from 1 to ${MAX_TIMELINE_LIMIT}`);
  return limit;
};

/**
 * Every event about a customer, in global order: in each stream that names them, the
 * events naming them, and, in a stream they own (its first event names them, like an
 * order's `OrderPlaced`), the events naming no customer at all. An event naming only other
 * customers (another member joining a shared referral network) is left out.
 */
export const readCustomerEvents = async (deps: TimelineDeps, tenantId: string, customerId: string, after = 0n): Promise<StoredEvent[]> => {
  const fields = deps.fields ?? customerReferenceFields;
  const index = await deps.readModels.get<CustomerStreamsDoc>(CUSTOMER_STREAMS, tenantId, customerId);
  if (!index) return [];
  const events: StoredEvent[] = [];
  for (const stream of index.streams) {
    let owned = false;
    for await (const e of deps.eventStore.readStream(stream)) {
      if (e.metadata.tenantId !== tenantId) continue;
      const named = customersNamedIn(e.data, fields);
      if (e.metadata.streamPosition === 0n) owned = named.includes(customerId);
      const about = named.includes(customerId) || (owned && named.length === 0);
      if (about && e.metadata.globalPosition > after) events.push(e);
    }
  }
  return events.sort((a, b) => (a.metadata.globalPosition < b.metadata.globalPosition ? -1 : a.metadata.globalPosition > b.metadata.globalPosition ? 1 : 0));
};

/** One page of a customer's timeline. Rejects with `InvalidArgument` for a malformed cursor or limit. */
export const readTimeline = async (deps: TimelineDeps, tenantId: string, customerId: string, page: TimelinePageRequest = {}): Promise<TimelinePage> => {
  const after = positionAfter(page.after);
  const limit = limitOf(page.limit);
  const events = await readCustomerEvents(deps, tenantId, customerId, after);
  const entries: TimelineEntry[] = events.slice(0, limit).map(timelineEntryOf);
  return { entries, next: events.length > limit ? entries[entries.length - 1]!.globalPosition : null };
};
