import * as t from 'io-ts';
import { isId, IsoInstant, isIsoInstant, isShortText, ShortText, TenantId } from './codecs.js';

/** Who did it: a person at the shop, the customer, the system, a reactor... */
export const Actor = t.type({
  kind: t.union([
    t.literal('user'),
    t.literal('agent'),
    t.literal('customer'),
    t.literal('system'),
    t.literal('reactor'),
    t.literal('partner'),
  ]),
  id: ShortText,
});
export type Actor = t.TypeOf<typeof Actor>;

/**
 * What the writer says about an event. The store adds where and when it was recorded
 * ({@link StoredMetadata}).
 */
export const NewEventMetadata = t.type({
  eventId: ShortText,
  occurredAt: IsoInstant,
  tenantId: TenantId,
  actor: Actor,
  commandId: ShortText,
  correlationId: ShortText,
  causationId: ShortText,
  schemaVersion: t.number,
});
export type NewEventMetadata = t.TypeOf<typeof NewEventMetadata>;

const ACTOR_KINDS: ReadonlySet<unknown> = new Set(['user', 'agent', 'customer', 'system', 'reactor', 'partner']);

/** Whether `u` is a record as io-ts's `t.type` accepts one. */
export const isRecord = (u: unknown): u is Record<string, unknown> => Object.prototype.toString.call(u) === '[object Object]';

/** `Actor.is(u)` written out. */
export const isActor = (u: unknown): boolean => isRecord(u) && ACTOR_KINDS.has(u['kind']) && isShortText(u['id']);

/** The last instant found valid: the events of one append, and of one command, usually share it. */
let lastInstant: string | undefined;

/** {@link isIsoInstant}, remembering the last instant that passed. */
export const isRecentIsoInstant = (s: string): boolean => {
  if (s === lastInstant) return true;
  if (!isIsoInstant(s)) return false;
  lastInstant = s;
  return true;
};

/**
 * `NewEventMetadata.is(m)` written out, for the append path: every event of every append is
 * checked, and io-ts's general machinery costs more than the metadata itself. A `false`
 * sends the caller to `NewEventMetadata.decode`, which names the fields at fault;
 * `envelope.test.ts` holds the two in agreement.
 */
export const isNewEventMetadata = (m: unknown): boolean => {
  if (!isRecord(m)) return false;
  const actor = m['actor'];
  const occurredAt = m['occurredAt'];
  return (
    isShortText(m['eventId']) &&
    typeof occurredAt === 'string' &&
    isId(m['tenantId']) &&
    isActor(actor) &&
    isShortText(m['commandId']) &&
    isShortText(m['correlationId']) &&
    isShortText(m['causationId']) &&
    typeof m['schemaVersion'] === 'number' &&
    isRecentIsoInstant(occurredAt)
  );
};

/** The full metadata of a stored event. Positions are bigint; JSON forms use decimal strings. */
export interface EventMetadata extends NewEventMetadata {
  readonly streamName: string;
  /** 0-based position in its stream. */
  readonly streamPosition: bigint;
  /** Position in the store's global order (monotonic, not necessarily dense). Not hashed. */
  readonly globalPosition: bigint;
  /** Store time, set when the event was appended. */
  readonly recordedAt: IsoInstant;
  /** Hash of the previous event of the stream ({@link GENESIS_HASH} for the first). */
  readonly prevHash: string;
  /** SHA-256 over prevHash and the canonical JSON of this envelope without its hash. */
  readonly hash: string;
}

/** An event as the domain sees it. */
export interface DomainEvent<T extends string = string, D = unknown> {
  readonly type: T;
  readonly data: D;
}

/** Event metadata as a writer supplies it (plain strings; the store validates it). */
export interface NewEventMetadataInput {
  readonly eventId: string;
  readonly occurredAt: string;
  readonly tenantId: string;
  readonly actor: { readonly kind: Actor['kind']; readonly id: string };
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly schemaVersion: number;
}

/** An event on its way into the store. */
export interface NewEvent<E extends DomainEvent = DomainEvent> {
  readonly type: E['type'];
  readonly data: E['data'];
  readonly metadata: NewEventMetadataInput;
}

/** An event as stored and read back: domain event plus full metadata. */
export type StoredEvent<E extends DomainEvent = DomainEvent> = E & { readonly metadata: EventMetadata };
