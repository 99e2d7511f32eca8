import type { Checkpoint, DocumentChange, EventStore, NewEvent, ReadModelStore, StoredEvent } from '@rapport/core';
import { readAllInPages } from '@rapport/core';
import type { SimulatedClock } from './replay.js';

/** What a copy wrote. */
export interface Persisted {
  readonly events: number;
  readonly appends: number;
  readonly documents: number;
  readonly projections: number;
}

const newEventOf = (e: StoredEvent): NewEvent => {
  const { eventId, occurredAt, tenantId, actor, commandId, correlationId, causationId, schemaVersion } = e.metadata;
  return { type: e.type, data: e.data, metadata: { eventId, occurredAt, tenantId, actor, commandId, correlationId, causationId, schemaVersion } } as NewEvent;
};

/**
 * Append every event of `from` to the empty store `to`, in global order, one append per
 * command batch (same stream, same commandId, as first written), with the clock set to
 * each batch's recordedAt and the exact expected version. The target seals them again
 * with its own hash chain: same content and recordedAt give the same hashes and the same
 * gapless global positions, which is checked. Nothing is trusted: `to` validates each event.
 */
export const copyEvents = async (from: EventStore, to: EventStore, clock: SimulatedClock): Promise<{ events: number; appends: number }> => {
  let events = 0;
  let appends = 0;
  let batch: StoredEvent[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const first = batch[0]!;
    clock.set(first.metadata.recordedAt);
    const position = first.metadata.streamPosition;
    const r = await to.appendToStream(first.metadata.streamName, batch.map(newEventOf), { expectedVersion: position === 0n ? 'no_stream' : position - 1n });
    const last = batch[batch.length - 1]!;
    if (r.alreadyAppended || r.lastGlobalPosition !== last.metadata.globalPosition)
      throw new Error(`persisting the demo: ${first.metadata.streamName}@${position} landed at global position ${r.lastGlobalPosition}, expected ${last.metadata.globalPosition}`);
    events += batch.length;
    appends++;
    batch = [];
  };
  for await (const page of readAllInPages(from, { raw: true, pageSize: 5000 })) {
    for (const e of page) {
      const head = batch[0];
      if (head && (head.metadata.streamName !== e.metadata.streamName || head.metadata.commandId !== e.metadata.commandId || head.metadata.recordedAt !== e.metadata.recordedAt)) await flush();
      batch.push(e);
    }
  }
  await flush();
  return { events, appends };
};

/** A store that takes a whole sealed history at once (as `@rapport/postgres` does). */
interface Importer {
  importEvents(pages: AsyncIterable<readonly StoredEvent[]>): Promise<{ readonly events: number; readonly streams: number }>;
}
const canImport = (store: EventStore): store is EventStore & Importer => typeof (store as Partial<Importer>).importEvents === 'function';

/**
 * Keep every event of `from` in the empty store `to`: by its bulk import when it has one
 * (one transaction; each event checked as its append would have been, positions kept),
 * else by {@link copyEvents}, append by append.
 */
export const keepEvents = async (from: EventStore, to: EventStore, clock: SimulatedClock): Promise<{ events: number; how: string }> => {
  if (canImport(to)) {
    const r = await to.importEvents(readAllInPages(from, { raw: true, pageSize: 2000 }));
    return { events: r.events, how: `imported in one transaction, ${r.streams} streams, every hash re-computed and positions checked` };
  }
  const r = await copyEvents(from, to, clock);
  return { events: r.events, how: `${r.appends} appends (hash chain re-sealed, positions checked)` };
};

/** Read models computed in memory, written to `to` in one commit per projection (documents and checkpoint together). */
export const copyReadModels = async (
  from: { contents(): Iterable<{ readonly projection: string; readonly checkpoint: Checkpoint | undefined; readonly changes: readonly DocumentChange[] }> },
  to: ReadModelStore,
): Promise<{ documents: number; projections: number }> => {
  let documents = 0;
  let projections = 0;
  for (const { projection, checkpoint, changes } of from.contents()) {
    if (!checkpoint) continue; // nothing committed yet
    await to.commit(projection, changes, checkpoint);
    documents += changes.length;
    projections++;
  }
  return { documents, projections };
};
