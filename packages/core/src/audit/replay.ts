import type { StoredEvent } from '../kernel/envelope.js';
import { readAllInPages, type EventStore } from '../kernel/eventStore.js';
import { MemoryReadModelStore } from '../kernel/memoryReadModelStore.js';
import { projectionEventTypes, type Projection } from '../kernel/projection.js';
import type { DocumentChange } from '../kernel/readModelStore.js';

/** Which events an as-of replay applies, and in what order. */
export type ReplayOrder = 'recordedAt' | 'occurredAt';

/**
 * The events of an as-of view: recorded at or before `at`, in global order; or (by
 * `occurredAt`) those that happened at or before `at`, in business-time order, ties by
 * global position, so a fact recorded late takes its place in the business past.
 */
export async function* eventsAsOf(store: EventStore, at: string, by: ReplayOrder, pageSize = 1000): AsyncIterable<readonly StoredEvent[]> {
  if (by === 'recordedAt') {
    for await (const page of readAllInPages(store, { pageSize })) {
      const known = page.filter((e) => e.metadata.recordedAt <= at);
      if (known.length > 0) yield known;
    }
    return;
  }
  const happened: StoredEvent[] = [];
  for await (const page of readAllInPages(store, { pageSize })) for (const e of page) if (e.metadata.occurredAt <= at) happened.push(e);
  // a stable sort keeps global order among equal instants
  happened.sort((a, b) => (a.metadata.occurredAt < b.metadata.occurredAt ? -1 : a.metadata.occurredAt > b.metadata.occurredAt ? 1 : 0));
  if (happened.length > 0) yield happened;
}

interface Folding {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly p: Projection<any, any>;
  readonly types: ReadonlySet<string> | undefined;
  /** tenantId → document id → document (null: deleted) */
  readonly docs: Map<string, Map<string, unknown>>;
}

/**
 * Fold events into fresh in-memory read models with the given projections, exactly as
 * the projection runner applies them (same `keyOf`, `init`, `apply`), in the order given.
 * No projection needs code of its own for it.
 */
export const replayIntoReadModels = async (
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  projections: readonly Projection<any, any>[],
  pages: AsyncIterable<readonly StoredEvent[]>,
): Promise<MemoryReadModelStore> => {
  const folding: Folding[] = projections.map((p) => {
    const types = projectionEventTypes(p);
    return { p, types: types && new Set(types), docs: new Map() };
  });
  let last: bigint | undefined;
  for await (const page of pages) {
    for (const e of page) {
      if (last === undefined || e.metadata.globalPosition > last) last = e.metadata.globalPosition;
      for (const f of folding) {
        if (f.types && !f.types.has(e.type)) continue;
        const keys = f.p.keyOf(e);
        if (keys === undefined) continue;
        let docs = f.docs.get(e.metadata.tenantId);
        if (!docs) f.docs.set(e.metadata.tenantId, (docs = new Map()));
        for (const id of typeof keys === 'string' ? [keys] : (keys as readonly string[])) {
          const doc = docs.get(id);
          docs.set(id, f.p.apply(doc === undefined || doc === null ? f.p.init() : doc, e));
        }
      }
    }
  }
  const store = new MemoryReadModelStore();
  if (last === undefined) return store;
  for (const f of folding) {
    const changes: DocumentChange[] = [];
    for (const [tenantId, docs] of f.docs) for (const [id, document] of docs) if (document !== null) changes.push({ op: 'put', tenantId, id, document });
    await store.commit(f.p.name, changes, { position: last, version: f.p.version }, { handOver: true }); // the fold's own documents
  }
  return store;
};
