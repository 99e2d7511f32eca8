import type * as t from 'io-ts';
import { typesOf } from './codecs.js';
import type { DomainEvent, StoredEvent } from './envelope.js';

/**
 * A projection: a pure fold of events into read-model documents keyed by id (per tenant).
 * The runner feeds it, stores its documents and checkpoint, and rebuilds it from 0 when
 * its `version` changes.
 */
export interface Projection<S, Ev extends DomainEvent = DomainEvent> {
  /** Unique and stable, e.g. `loyalty.couponWallet`. */
  readonly name: string;
  /** Bump when `apply` changes meaning: the runner rebuilds the documents from position 0. */
  readonly version: number;
  /** The events it reads: a union of tagged codecs or a list of type names. */
  readonly events: t.Mixed | readonly Ev['type'][];
  /** A document before its first event. */
  init(): S;
  /** The document id(s) an event changes; none when it does not concern this projection. */
  keyOf(event: StoredEvent<Ev>): string | readonly string[] | undefined;
  /** The next document. Return `null` to delete the document. */
  apply(document: S, event: StoredEvent<Ev>): S | null;
}

/** The event types a projection reads (undefined when its codec does not name them). */
export const projectionEventTypes = (p: Projection<unknown, DomainEvent>): readonly string[] | undefined =>
  Array.isArray(p.events) ? (p.events as readonly string[]) : typesOf(p.events as t.Mixed);

/**
 * Fold events into documents in memory, exactly as the runner would: the reference for
 * "rebuild equals incremental" tests and for as-of replays.
 */
export const foldProjection = <S, Ev extends DomainEvent>(
  p: Projection<S, Ev>,
  events: Iterable<StoredEvent<Ev>>,
): Map<string, S> => {
  const types = projectionEventTypes(p as unknown as Projection<unknown, DomainEvent>);
  const docs = new Map<string, S>();
  for (const e of events) {
    if (types && !types.includes(e.type)) continue;
    const keys = p.keyOf(e);
    if (keys === undefined) continue;
    for (const id of typeof keys === 'string' ? [keys] : keys) {
      const k = `${e.metadata.tenantId}/${id}`;
      const next = p.apply(docs.has(k) ? docs.get(k)! : p.init(), e);
      if (next === null) docs.delete(k);
      else docs.set(k, next);
    }
  }
  return docs;
};
