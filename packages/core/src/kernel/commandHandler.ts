import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { validate } from './codecs.js';
import { CommandMetadata, isCommandMetadata, type Command, type Handled } from './command.js';
import type { Clock } from './clock.js';
import type { Decider } from './decider.js';
import type { DomainEvent, NewEvent, StoredEvent } from './envelope.js';
import {
  ConcurrencyRetriesExhausted,
  isRapportError,
  validationError,
  type CrmError,
  type DomainError,
  InvalidEvent,
  WrongExpectedVersion,
} from './errors.js';
import type { EventStore } from './eventStore.js';
import { deriveId } from './ids.js';
import { KeyedLock } from './keyedLock.js';
import { LruCache } from './lruCache.js';
import type { EventRegistry } from './registry.js';

/** One aggregate's behaviour and where its commands go. */
export interface CommandHandlerDefinition<S, C extends DomainEvent, Ev extends DomainEvent, CO = unknown> {
  /** A name for errors and logs, e.g. `loyalty.account`. */
  readonly name: string;
  /** The codec of every command this decider takes (a union of `tagged` codecs). */
  readonly commands: t.Type<C, CO, unknown>;
  readonly decider: Decider<S, C, Ev, DomainError>;
  /** The one stream a command targets (`<category>-<tenantId>.<id>`). */
  readonly streamOf: (command: C, tenantId: string) => string;
}

export interface CommandHandlerOptions {
  readonly eventStore: EventStore;
  /** The registry the store validates with; gives each event its schema version. */
  readonly registry: EventRegistry;
  readonly clock: Clock;
  /** Attempts after a version conflict before giving up (default 10). */
  readonly maxRetries?: number;
  /** How many streams' folded state to keep (default 10,000; least recently used go first). */
  readonly cacheSize?: number;
}

interface CommandRecord {
  readonly first: bigint;
  readonly last: bigint;
  readonly lastGlobalPosition: bigint;
}

/** Folded state of one stream as of `version` (-1 when the stream does not exist). */
interface StreamState<S> {
  state: S;
  version: bigint;
  lastGlobalPosition: bigint | undefined;
  readonly commands: Map<string, CommandRecord>;
}

/** The plain (encoded) form of a command body, as callers write it. */
type Plain<CO> = CO extends { type: infer T extends string; data: infer D } ? Command<T, D> : Command;

export interface CommandHandler<C extends DomainEvent, Ev extends DomainEvent, CO = unknown> {
  handle(command: Plain<CO>): Promise<E.Either<CrmError, Handled<Ev>>>;
  /** Forget the cached state of a stream (or of all streams). */
  invalidate(stream?: string): void;
}

/**
 * Load → fold → decide → append with the version read; on a conflict reload only the newer
 * events and retry. Folded state, version and seen commandIds are cached per stream, so a
 * command never re-reads a whole stream; commands to one stream are serialised in process.
 */
export const createCommandHandler = <S, C extends DomainEvent, Ev extends DomainEvent, CO = unknown>(
  definition: CommandHandlerDefinition<S, C, Ev, CO>,
  options: CommandHandlerOptions,
): CommandHandler<C, Ev, CO> => {
  const { eventStore, registry, clock } = options;
  const { decider } = definition;
  const maxRetries = options.maxRetries ?? 10;
  const cache = new LruCache<string, StreamState<S>>(options.cacheSize ?? 10_000);
  const lock = new KeyedLock();

  const catchUp = async (stream: string, s: StreamState<S>): Promise<void> => {
    let open: { id: string; first: bigint } | undefined;
    for await (const e of eventStore.readStream<Ev>(stream, { from: s.version + 1n })) {
      const m = e.metadata;
      s.state = decider.evolve(s.state, e);
      s.version = m.streamPosition;
      s.lastGlobalPosition = m.globalPosition;
      if (open?.id !== m.commandId) open = { id: m.commandId, first: m.streamPosition };
      s.commands.set(m.commandId, { first: open.first, last: m.streamPosition, lastGlobalPosition: m.globalPosition });
    }
  };

  const load = async (stream: string): Promise<{ s: StreamState<S>; fresh: boolean }> => {
    const cached = cache.get(stream);
    if (cached) return { s: cached, fresh: false };
    const s: StreamState<S> = { state: decider.initialState(), version: -1n, lastGlobalPosition: undefined, commands: new Map() };
    await catchUp(stream, s);
    cache.set(stream, s);
    return { s, fresh: true };
  };

  const earlier = async (stream: string, commandId: string, r: CommandRecord, s: StreamState<S>): Promise<Handled<Ev>> => {
    const events: Ev[] = [];
    for await (const e of eventStore.readStream<Ev>(stream, { from: r.first, to: r.last }))
      events.push({ type: e.type, data: e.data } as Ev);
    return { stream, commandId, events, nextExpectedVersion: s.version, lastGlobalPosition: r.lastGlobalPosition, duplicate: true };
  };

  const toNew = (events: readonly Ev[], stream: string, meta: CommandMetadata): NewEvent[] => {
    const occurredAt = meta.occurredAt ?? clock.now();
    const correlationId = meta.correlationId ?? meta.commandId;
    const causationId = meta.causationId ?? meta.commandId;
    return events.map((e, i) => ({
      type: e.type,
      data: e.data,
      metadata: {
        // derived, so a retried append offers the same ids (EventStoreDB dedupes on them)
        eventId: deriveId(stream, meta.commandId, String(i)),
        occurredAt,
        tenantId: meta.tenantId,
        actor: meta.actor,
        commandId: meta.commandId,
        correlationId,
        causationId,
        schemaVersion: registry.schemaVersionOf(e.type),
      },
    })) as NewEvent[];
  };

  const run = async (stream: string, command: C, meta: CommandMetadata): Promise<E.Either<CrmError, Handled<Ev>>> => {
    let lastConflict: unknown;
    for (let attempt = 0; attempt <= maxRetries; attempt++) {
      let { s, fresh } = await load(stream);
      const seen = s.commands.get(meta.commandId);
      if (seen) return E.right(await earlier(stream, meta.commandId, seen, s));
      let decision = decider.decide(command, s.state);
      if ((E.isLeft(decision) || decision.right.length === 0) && !fresh) {
        // a refusal or a "nothing to do" appends nothing, so no version check would catch a
        // stale cache: read what others appended, decide again
        await catchUp(stream, s);
        fresh = true;
        const again = s.commands.get(meta.commandId);
        if (again) return E.right(await earlier(stream, meta.commandId, again, s));
        decision = decider.decide(command, s.state);
      }
      if (E.isLeft(decision)) return decision;
      const events = decision.right;
      if (events.length === 0)
        return E.right({ stream, commandId: meta.commandId, events, nextExpectedVersion: s.version < 0n ? undefined : s.version, lastGlobalPosition: s.lastGlobalPosition, duplicate: false });
      try {
        const r = await eventStore.appendToStream(stream, toNew(events, stream, meta), {
          expectedVersion: s.version < 0n ? 'no_stream' : s.version,
        });
        if (r.alreadyAppended) {
          // another process handled this commandId: reload and answer with its result
          cache.delete(stream);
          continue;
        }
        for (const e of events) s.state = decider.evolve(s.state, e);
        const first = s.version + 1n;
        s.version = r.nextExpectedVersion;
        s.lastGlobalPosition = r.lastGlobalPosition;
        s.commands.set(meta.commandId, { first, last: r.nextExpectedVersion, lastGlobalPosition: r.lastGlobalPosition });
        return E.right({ stream, commandId: meta.commandId, events, nextExpectedVersion: r.nextExpectedVersion, lastGlobalPosition: r.lastGlobalPosition, duplicate: false });
      } catch (err) {
        if (err instanceof InvalidEvent || isRapportError(err, InvalidEvent.code))
          return E.left(validationError((err as InvalidEvent).issues, `events decided by ${definition.name} for ${stream}`));
        if (!isRapportError(err, WrongExpectedVersion.code)) {
          cache.delete(stream); // unknown outcome: never trust the cached state again
          throw err;
        }
        lastConflict = err;
        await catchUp(stream, s);
      }
    }
    throw new ConcurrencyRetriesExhausted(stream, maxRetries + 1, { cause: lastConflict });
  };

  return {
    async handle(input) {
      const raw = (input as { metadata?: unknown })?.metadata;
      // the written-out check first; io-ts only to name what is wrong
      const meta = isCommandMetadata(raw) ? E.right(raw) : validate(CommandMetadata, raw, 'command', ['metadata']);
      if (E.isLeft(meta)) return meta;
      const given = { type: input?.type, data: input?.data };
      // as for event data: an identity codec that already holds decodes the command to itself
      const commands = definition.commands as t.Mixed;
      const body = commands.encode === t.identity && commands.is(given) ? E.right(given as C) : validate(definition.commands, given, 'command');
      if (E.isLeft(body)) return body;
      const stream = definition.streamOf(body.right, meta.right.tenantId);
      return lock.run(stream, () => run(stream, body.right, meta.right));
    },
    invalidate(stream) {
      if (stream === undefined) cache.clear();
      else cache.delete(stream);
    },
  };
};
