import { deriveId, type EventMetadata, type SealedEvent, type StoredEvent } from '@rapport/core';
import { jsonEvent, type EventData, type JSONRecordedEvent, type RecordedEvent } from '@eventstore/db-client';

/**
 * How a Rapport event sits in EventStoreDB: the event type as the type, the data as JSON,
 * and the envelope metadata as the event's JSON metadata with positions as decimal strings.
 * The global position is not stored: it is the event's `$all` commit position.
 */

/** The metadata as written: every field of the sealed envelope, bigints as strings. */
export interface StoredMetadataJson extends Omit<EventMetadata, 'streamPosition' | 'globalPosition'> {
  readonly streamPosition: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** EventStoreDB wants uuid event ids; other ids are mapped to a stable uuid (the original stays in the metadata). */
export const esdbEventId = (eventId: string): string => (UUID.test(eventId) ? eventId.toLowerCase() : deriveId('esdb-event-id', eventId));

export const toEventData = (e: SealedEvent): EventData => {
  const m = e.metadata;
  const metadata: StoredMetadataJson = { ...m, streamPosition: m.streamPosition.toString() };
  return jsonEvent({ id: esdbEventId(m.eventId), type: e.type, data: e.data as Record<string, unknown>, metadata: metadata as unknown as Record<string, unknown> });
};

/** Whether a recorded event was written by Rapport (it has the envelope metadata). */
export const isRapportEvent = (r: RecordedEvent | undefined): r is JSONRecordedEvent => {
  if (!r || !r.isJson) return false;
  const m = r.metadata as Partial<StoredMetadataJson> | undefined;
  return typeof m === 'object' && m !== null && typeof m.hash === 'string' && typeof m.streamPosition === 'string';
};

/** A recorded Rapport event as the kernel's StoredEvent (not yet decoded by the registry). */
export const fromRecorded = (r: JSONRecordedEvent): StoredEvent => {
  const m = r.metadata as unknown as StoredMetadataJson;
  const metadata: EventMetadata = {
    eventId: m.eventId,
    streamName: m.streamName,
    streamPosition: BigInt(m.streamPosition),
    globalPosition: r.position?.commit ?? -1n,
    occurredAt: m.occurredAt,
    recordedAt: m.recordedAt,
    tenantId: m.tenantId,
    actor: m.actor,
    commandId: m.commandId,
    correlationId: m.correlationId,
    causationId: m.causationId,
    schemaVersion: m.schemaVersion,
    prevHash: m.prevHash,
    hash: m.hash,
  };
  return { type: r.type, data: r.data, metadata };
};
