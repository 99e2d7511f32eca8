import { InvalidArgument, InvalidEvent, WrongExpectedVersion } from './errors.js';
import type { EventMetadata, NewEvent } from './envelope.js';
import { describeExpected, type ExpectedVersion } from './eventStore.js';
import { GENESIS_HASH, hashSealed } from './hashChain.js';
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
    const body = {
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
    };
    const hash = hashSealed(e.type, e.data, body);
    // a fixed-shape literal (checkAppend validated every field, so the branded type holds)
    out[i] = {
      type: e.type,
      data: e.data,
      metadata: {
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
        hash,
      } as SealedEvent['metadata'],
    };
    prevHash = hash;
    position += 1n;
  }
  return out;
};
