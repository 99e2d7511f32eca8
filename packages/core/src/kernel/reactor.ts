import type * as t from 'io-ts';
import type { Either } from 'fp-ts/lib/Either.js';
import { typesOf } from './codecs.js';
import type { Command, Handled } from './command.js';
import type { DomainEvent, StoredEvent } from './envelope.js';
import type { CrmError } from './errors.js';
import { deriveId } from './ids.js';

/** A command a reactor wants sent: its body only; the runner adds the metadata. */
export interface Reaction {
  readonly type: string;
  readonly data: unknown;
}

/**
 * A reactor (process manager): a pure function from an event to the commands it causes,
 * e.g. an order completed → earn loyalty points.
 */
export interface Reactor<Ev extends DomainEvent = DomainEvent> {
  /** Unique and stable: it is part of every commandId the reactor derives. */
  readonly name: string;
  readonly events: t.Mixed | readonly Ev['type'][];
  react(event: StoredEvent<Ev>): readonly Reaction[];
}

/** The event types a reactor reads (undefined when its codec does not name them). */
export const reactorEventTypes = (r: Reactor): readonly string[] | undefined =>
  Array.isArray(r.events) ? (r.events as readonly string[]) : typesOf(r.events as t.Mixed);

/**
 * The commands a reactor issues for an event, with metadata. The commandId is a uuid v5
 * of the reactor's name, the triggering eventId and the command's index, so a redelivered
 * event produces the same commands and the handler appends nothing the second time.
 */
export const reactionsTo = (reactor: Reactor, event: StoredEvent): Command[] => {
  const types = reactorEventTypes(reactor);
  if (types && !types.includes(event.type)) return [];
  const m = event.metadata;
  return reactor.react(event).map((c, i) => ({
    type: c.type,
    data: c.data,
    metadata: {
      commandId: deriveId('reactor', reactor.name, m.eventId, String(i)),
      tenantId: m.tenantId,
      actor: { kind: 'reactor', id: reactor.name },
      occurredAt: m.occurredAt,
      correlationId: m.correlationId,
      causationId: m.eventId,
    },
  })) as Command[];
};

/** Sends a command; `crm.handle` fits. */
export type Dispatch = (command: Command) => Promise<Either<CrmError, Handled>>;
