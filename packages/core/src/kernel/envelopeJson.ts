import { canonicalJson } from './canonicalJson.js';
import type { HashedEnvelope } from './hashChain.js';

/**
 * `canonicalJson(envelope)` for the one shape every sealed envelope has, written out
 * key by key in sorted order; any other shape goes through `canonicalJson` itself. The
 * hash chain depends on these bytes: `envelopeJson.test.ts` holds them equal to
 * `canonicalJson` for any envelope.
 */
const METADATA_KEYS = 12; // see the keys written below
const q = JSON.stringify;

export const envelopeJson = (envelope: HashedEnvelope): string => {
  const m = envelope.metadata as unknown as Record<string, unknown>;
  const actor = m.actor as Record<string, unknown> | undefined;
  if (
    Object.keys(envelope).length !== 3 ||
    Object.keys(m).length !== METADATA_KEYS ||
    typeof actor !== 'object' || actor === null || Object.keys(actor).length !== 2 ||
    typeof actor.id !== 'string' || typeof actor.kind !== 'string' ||
    typeof m.causationId !== 'string' || typeof m.commandId !== 'string' || typeof m.correlationId !== 'string' ||
    typeof m.eventId !== 'string' || typeof m.occurredAt !== 'string' || typeof m.prevHash !== 'string' ||
    typeof m.recordedAt !== 'string' || typeof m.schemaVersion !== 'number' || !Number.isFinite(m.schemaVersion) ||
    typeof m.streamName !== 'string' || typeof m.streamPosition !== 'bigint' || typeof m.tenantId !== 'string' ||
    typeof envelope.type !== 'string' || envelope.data === undefined
  )
    return canonicalJson(envelope);
  return sealedEnvelopeJson(envelope.type, envelope.data, envelope.metadata as SealedFields);
};

/** The metadata fields a sealed envelope's hash covers, all of the types the append path gives them. */
export interface SealedFields {
  readonly eventId: string;
  readonly occurredAt: string;
  readonly tenantId: string;
  readonly actor: { readonly kind: string; readonly id: string };
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly schemaVersion: number;
  readonly streamName: string;
  readonly streamPosition: bigint;
  readonly recordedAt: string;
  readonly prevHash: string;
}

/**
 * `canonicalJson({ type, data, metadata })` for metadata of exactly the {@link SealedFields}
 * (an actor of exactly kind and id, a finite schemaVersion): the writer for events being
 * sealed, whose shape the append path itself built. Data that is `undefined` goes through
 * `canonicalJson`, which leaves it out.
 */
export const sealedEnvelopeJson = (type: string, data: unknown, m: SealedFields): string => {
  if (data === undefined) return canonicalJson({ type, data, metadata: m });
  return (
    `{"data":${canonicalJson(data)},"metadata":{"actor":{"id":${q(m.actor.id)},"kind":${q(m.actor.kind)}}` +
    `,"causationId":${q(m.causationId)},"commandId":${q(m.commandId)},"correlationId":${q(m.correlationId)}` +
    `,"eventId":${q(m.eventId)},"occurredAt":${q(m.occurredAt)},"prevHash":${q(m.prevHash)},"recordedAt":${q(m.recordedAt)}` +
    `,"schemaVersion":${q(m.schemaVersion)},"streamName":${q(m.streamName)},"streamPosition":"${m.streamPosition}"` +
    `,"tenantId":${q(m.tenantId)}},"type":${q(type)}}`
  );
};
