import type { StoredEvent } from '../kernel/envelope.js';
import type { TimelineEntry } from './types.js';

/** An event as a JSON-safe timeline entry (positions as decimal strings). */
export const timelineEntryOf = (e: StoredEvent): TimelineEntry => {
  const m = e.metadata;
  return {
    globalPosition: m.globalPosition.toString(),
    streamName: m.streamName,
    streamPosition: m.streamPosition.toString(),
    eventId: m.eventId,
    type: e.type,
    data: e.data,
    actor: { kind: m.actor.kind, id: m.actor.id },
    occurredAt: m.occurredAt,
    recordedAt: m.recordedAt,
    commandId: m.commandId,
    correlationId: m.correlationId,
    causationId: m.causationId ?? null,
  };
};
