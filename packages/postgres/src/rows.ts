import type { EventMetadata, IsoInstant, SealedEvent, StoredEvent } from '@rapport/core';
import { toBigInt } from './sql.js';

/**
 * How an event sits in a row. Columns carry what SQL filters or indexes on (stream,
 * positions, tenant, commandId, type, hashes); the `metadata` jsonb keeps the rest
 * exactly as sealed, so the hash chain can be recomputed from what is stored.
 */

/** The metadata fields kept in the `metadata` jsonb column. */
interface MetadataColumn {
  readonly eventId: string;
  readonly occurredAt: string;
  /** The exact string hashed (the `recorded_at` column is for humans and SQL). */
  readonly recordedAt: string;
  readonly actor: { readonly kind: string; readonly id: string };
  readonly correlationId: string;
  readonly causationId: string;
  readonly schemaVersion: number;
}

/** A row as the select list {@link EVENT_COLUMNS} returns it. */
export interface EventRow {
  readonly g: string;
  readonly s: string;
  readonly p: string;
  readonly tn: string;
  readonly c: string;
  readonly t: string;
  readonly d: unknown;
  readonly m: MetadataColumn;
  readonly ph: string;
  readonly h: string;
}

/** Positions as text: pg and PGlite disagree on int8, text is exact in both. */
export const EVENT_COLUMNS =
  'global_position::text AS g, stream_name AS s, stream_position::text AS p, tenant_id AS tn, command_id AS c, type AS t, data AS d, metadata AS m, prev_hash AS ph, hash AS h';

/** The metadata jsonb of a sealed event. */
export const metadataColumn = (m: SealedEvent['metadata']): string =>
  JSON.stringify({
    eventId: m.eventId,
    occurredAt: m.occurredAt,
    recordedAt: m.recordedAt,
    actor: { kind: m.actor.kind, id: m.actor.id },
    correlationId: m.correlationId,
    causationId: m.causationId,
    schemaVersion: m.schemaVersion,
  } satisfies MetadataColumn);

/** A row back to the envelope (same key order as every other adapter). */
export const fromRow = (r: EventRow): StoredEvent => {
  const m = r.m;
  return {
    type: r.t,
    data: r.d,
    metadata: {
      eventId: m.eventId,
      streamName: r.s,
      streamPosition: toBigInt(r.p),
      globalPosition: toBigInt(r.g),
      occurredAt: m.occurredAt as IsoInstant,
      recordedAt: m.recordedAt as IsoInstant,
      tenantId: r.tn,
      actor: { kind: m.actor.kind, id: m.actor.id },
      commandId: r.c,
      correlationId: m.correlationId,
      causationId: m.causationId,
      schemaVersion: m.schemaVersion,
      prevHash: r.ph,
      hash: r.h,
    } as EventMetadata,
  };
};

/** A sealed event with the global position the insert gave it. */
export const storedOf = (e: SealedEvent, globalPosition: bigint): StoredEvent => {
  const m = e.metadata;
  return {
    type: e.type,
    data: e.data,
    metadata: {
      eventId: m.eventId,
      streamName: m.streamName,
      streamPosition: m.streamPosition,
      globalPosition,
      occurredAt: m.occurredAt,
      recordedAt: m.recordedAt,
      tenantId: m.tenantId,
      actor: { kind: m.actor.kind, id: m.actor.id },
      commandId: m.commandId,
      correlationId: m.correlationId,
      causationId: m.causationId,
      schemaVersion: m.schemaVersion,
      prevHash: m.prevHash,
      hash: m.hash,
    },
  };
};
