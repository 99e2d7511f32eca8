import { isIsoInstant } from './codecs.js';
import { InvalidArgument, InvalidEvent, WrongExpectedVersion, type ValidationIssue } from './errors.js';
import type { EventMetadata, NewEvent, StoredEvent } from './envelope.js';
import { describeExpected, type ExpectedVersion } from './eventStore.js';
import { GENESIS_HASH, hashSealed } from './hashChain.js';
import { parseStreamName } from './streams.js';
import type { EventRegistry } from './registry.js';
import { assertStreamName } from './streams.js';

/**
 * Helpers shared by every EventStore adapter, so the rules of an append (validation,
 * expected version, positions, hash chain) live in one place.
 */

/** An event ready to write: everything but the global position, which the store assigns. */
export interface SealedEvent {
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Omit<EventMetadata, 'globalPosition'>;
}

/** The last event of a stream as a writer needs it. `undefined` for a stream that does not exist. */
export interface StreamHead {
  readonly version: bigint;
  readonly hash: string;
}

/** Validate arguments and events of an append. Throws {@link InvalidEvent} / {@link InvalidArgument}. */
export const checkAppend = (
  registry: EventRegistry,
  stream: string,
  events: readonly NewEvent[],
  expected: ExpectedVersion,
): NewEvent[] => {
  assertStreamName(stream);
  if (typeof expected === 'bigint' ? expected < 0n : !['any', 'no_stream', 'stream_exists'].includes(expected as string))
    throw new InvalidArgument(`stream ${stream}: expectedVersion ${String(expected)} is not 'any', 'no_stream', 'stream_exists' or a position >= 0`);
  if (!Array.isArray(events) || events.length === 0) throw new InvalidArgument(`append to ${stream}: no events`);
  const checked = registry.checkAppend(events);
  if (!checked.ok) throw new InvalidEvent(stream, checked.issues);
  const commandId = checked.events[0]!.metadata.commandId;
  const mixed = checked.events.findIndex((e) => e.metadata.commandId !== commandId);
  if (mixed >= 0)
    throw new InvalidEvent(stream, [
      { path: ['events', mixed, 'metadata', 'commandId'], message: `one append carries one command: expected ${commandId}` },
    ]);
  return checked.events;
};

/** Throw {@link WrongExpectedVersion} unless the stream head satisfies `expected`. */
export const checkExpectedVersion = (stream: string, expected: ExpectedVersion, head: StreamHead | undefined): void => {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && head === undefined) ||
    (expected === 'stream_exists' && head !== undefined) ||
    (typeof expected === 'bigint' && head !== undefined && head.version === expected);
  if (!ok) throw new WrongExpectedVersion(stream, describeExpected(expected), head?.version ?? 'no_stream');
};

/** Give a batch its stream positions, recordedAt and hash chain, continuing from `head`. */
export const sealEvents = (
  stream: string,
  head: StreamHead | undefined,
  events: readonly NewEvent[],
  recordedAt: EventMetadata['recordedAt'],
): SealedEvent[] => {
  let prevHash = head?.hash ?? GENESIS_HASH;
  let position = head ? head.version + 1n : 0n;
  const out: SealedEvent[] = new Array(events.length);
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const m = e.metadata;
    // exactly the fields of the schema: an actor with extra properties passes its codec, but
    // what is hashed must be what every store keeps
    const actor = { kind: m.actor.kind, id: m.actor.id };
    // a fixed-shape literal, its hash filled in once the rest is written (the hash covers
    // every field but itself); checkAppend validated every field, so the branded type holds
    const metadata = {
      eventId: m.eventId,
      occurredAt: m.occurredAt,
      tenantId: m.tenantId,
      actor,
      commandId: m.commandId,
      correlationId: m.correlationId,
      causationId: m.causationId,
      schemaVersion: m.schemaVersion,
      streamName: stream,
      streamPosition: position,
      recordedAt,
      prevHash,
      hash: '',
    };
    const hash = hashSealed(e.type, e.data, metadata);
    metadata.hash = hash;
    out[i] = { type: e.type, data: e.data, metadata: metadata as SealedEvent['metadata'] };
    prevHash = hash;
    position += 1n;
  }
  return out;
};

/**
 * The checks of a bulk import: a history sealed elsewhere (a replay computed in memory, a
 * dump of another store) is taken only as the appends that made it would have been. Feed
 * every event in global order to {@link ImportCheck.check}: it refuses, naming the stream,
 * position and field, an event whose type or data fails its codec, whose metadata is not
 * well formed, whose tenant does not own its stream, whose position does not follow its
 * stream's last, whose prevHash is not that event's hash, whose hash is not the hash of its
 * content, or whose global position does not move forward.
 */
export class ImportCheck {
  private readonly heads = new Map<string, StreamHead>();
  private last: bigint | undefined;
  private count = 0;

  constructor(private readonly registry: EventRegistry) {}

  /** Streams seen so far. */
  get streams(): number {
    return this.heads.size;
  }

  /** Events checked so far. */
  get events(): number {
    return this.count;
  }

  /** The global position of the last event checked. */
  get lastGlobalPosition(): bigint | undefined {
    return this.last;
  }

  check(e: StoredEvent): void {
    const m = e.metadata;
    const stream = m.streamName;
    assertStreamName(stream);
    const at = typeof m.streamPosition === 'bigint' ? Number(m.streamPosition) : -1;
    const refuse = (issues: ValidationIssue[]): never => {
      throw new InvalidEvent(stream, issues.map((i) => ({ ...i, path: ['events', at, ...i.path] })), 'import');
    };
    const { eventId, occurredAt, tenantId, actor, commandId, correlationId, causationId, schemaVersion } = m;
    const checked = this.registry.checkAppend([{ type: e.type, data: e.data, metadata: { eventId, occurredAt, tenantId, actor, commandId, correlationId, causationId, schemaVersion } }]);
    if (!checked.ok) refuse(checked.issues.map((i) => ({ ...i, path: i.path.slice(2) })));
    const owner = parseStreamName(stream)?.tenantId;
    if (owner !== undefined && owner !== tenantId) refuse([{ path: ['metadata', 'tenantId'], message: `stream ${stream} belongs to tenant ${owner}, not ${tenantId}` }]);
    if (typeof m.recordedAt !== 'string' || !isIsoInstant(m.recordedAt)) refuse([{ path: ['metadata', 'recordedAt'], message: `expected an ISO instant, got ${JSON.stringify(m.recordedAt)}` }]);
    if (typeof m.globalPosition !== 'bigint' || (this.last !== undefined && m.globalPosition <= this.last))
      refuse([{ path: ['metadata', 'globalPosition'], message: `expected a position after ${String(this.last ?? 0n)}, got ${String(m.globalPosition)}` }]);
    const head = this.heads.get(stream);
    const position = head ? head.version + 1n : 0n;
    if (m.streamPosition !== position) refuse([{ path: ['metadata', 'streamPosition'], message: `expected ${position}, the next position of the stream` }]);
    const prevHash = head?.hash ?? GENESIS_HASH;
    if (m.prevHash !== prevHash) refuse([{ path: ['metadata', 'prevHash'], message: `expected ${prevHash}, the hash of the event before it` }]);
    const hash = hashSealed(e.type, e.data, {
      eventId,
      occurredAt,
      tenantId,
      actor: { kind: actor.kind, id: actor.id },
      commandId,
      correlationId,
      causationId,
      schemaVersion,
      streamName: stream,
      streamPosition: position,
      recordedAt: m.recordedAt,
      prevHash,
    });
    if (m.hash !== hash) refuse([{ path: ['metadata', 'hash'], message: `does not match the event's content (recomputed ${hash})` }]);
    this.heads.set(stream, { version: position, hash });
    this.last = m.globalPosition;
    this.count++;
  }
}
