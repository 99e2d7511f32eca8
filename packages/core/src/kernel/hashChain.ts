import * as crypto from 'node:crypto';
import { envelopeJson, sealedEnvelopeJson, type SealedFields } from './envelopeJson.js';
import type { DomainEvent, EventMetadata, StoredEvent } from './envelope.js';

/** The `prevHash` of the first event of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

/** The envelope fields a hash covers: everything but the hash itself and the store-assigned global position. */
export type HashedEnvelope = {
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Omit<EventMetadata, 'hash' | 'globalPosition'>;
};

// Node >= 20.12 hashes a string in one call, without a Hash object per event.
const oneShot = (crypto as unknown as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

/** SHA-256 (hex) of `prevHash` followed by `json`: the link every chained hash is. */
const chainHash = (prevHash: string, json: string): string =>
  // the JSON starts with `{`, so joining it to prevHash encodes exactly the bytes of two updates
  oneShot && typeof prevHash === 'string' ? oneShot('sha256', prevHash + json, 'hex') : crypto.createHash('sha256').update(prevHash).update(json).digest('hex');

/** SHA-256 (hex) of `prevHash` followed by the canonical JSON of the envelope without its hash. */
export const hashEnvelope = (envelope: HashedEnvelope): string => chainHash(envelope.metadata.prevHash, envelopeJson(envelope));

/** {@link hashEnvelope} for an event being sealed, whose metadata has exactly the {@link SealedFields}. */
export const hashSealed = (type: string, data: unknown, metadata: SealedFields): string => chainHash(metadata.prevHash, sealedEnvelopeJson(type, data, metadata));

/** Where a chain broke. */
export interface ChainBreak {
  readonly stream: string;
  readonly position: bigint;
  readonly eventId: string;
  readonly reason: 'hash-mismatch' | 'prev-hash-mismatch' | 'position-gap';
}

export type ChainVerdict =
  | { readonly intact: true; readonly events: number }
  | { readonly intact: false; readonly events: number; readonly firstBreak: ChainBreak };

const stripHash = ({ type, data, metadata }: StoredEvent<DomainEvent>): HashedEnvelope => {
  const { hash: _h, globalPosition: _g, ...rest } = metadata;
  return { type, data, metadata: rest };
};

/**
 * Walk one stream's events (as stored, before upcasting) in stream order and name the
 * first event whose chain link or hash does not hold.
 */
export const verifyStreamChain = async (
  events: AsyncIterable<StoredEvent> | Iterable<StoredEvent>,
): Promise<ChainVerdict> => {
  let prev = GENESIS_HASH;
  let expectedPosition = 0n;
  let count = 0;
  for await (const e of events) {
    const m = e.metadata;
    const at = (reason: ChainBreak['reason']): ChainVerdict => ({
      intact: false,
      events: count,
      firstBreak: { stream: m.streamName, position: m.streamPosition, eventId: m.eventId, reason },
    });
    if (m.streamPosition !== expectedPosition) return at('position-gap');
    if (m.prevHash !== prev) return at('prev-hash-mismatch');
    if (hashEnvelope(stripHash(e)) !== m.hash) return at('hash-mismatch');
    prev = m.hash;
    expectedPosition += 1n;
    count += 1;
  }
  return { intact: true, events: count };
};
