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
  return (
    `{"data":${canonicalJson(envelope.data)},"metadata":{"actor":{"id":${q(actor.id)},"kind":${q(actor.kind)}}` +
    `,"causationId":${q(m.causationId)},"commandId":${q(m.commandId)},"correlationId":${q(m.correlationId)}` +
    `,"eventId":${q(m.eventId)},"occurredAt":${q(m.occurredAt)},"prevHash":${q(m.prevHash)},"recordedAt":${q(m.recordedAt)}` +
    `,"schemaVersion":${q(m.schemaVersion)},"streamName":${q(m.streamName)},"streamPosition":"${m.streamPosition}"` +
    `,"tenantId":${q(m.tenantId)}},"type":${q(envelope.type)}}`
  );
};
