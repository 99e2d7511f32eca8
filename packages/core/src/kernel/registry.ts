import * as t from 'io-ts';
import { isRight } from 'fp-ts/lib/Either.js';
import { issuesOf, typesOf } from './codecs.js';
import { CorruptEvent, InvalidArgument, type ValidationIssue } from './errors.js';
import { isNewEventMetadata, NewEventMetadata, type NewEvent, type StoredEvent } from './envelope.js';

/** Turns the data of one schema version into the data of the next. */
export type Upcaster = (data: unknown) => unknown;

export interface EventTypeOptions {
  /** Current schema version of the event's data (default 1). */
  readonly schemaVersion?: number;
  /** `upcasters[v]` turns version `v` data into version `v + 1`. */
  readonly upcasters?: Readonly<Record<number, Upcaster>>;
}

interface Definition {
  readonly type: string;
  readonly data: t.Mixed;
  readonly schemaVersion: number;
  readonly upcasters: Readonly<Record<number, Upcaster>>;
}

/**
 * The codec of every event type a store accepts. Stores validate each event on append
 * (refused with the field path, nothing written) and on read (a stored event that no
 * longer decodes is a {@link CorruptEvent}); reads upcast old schema versions first.
 */
export class EventRegistry {
  private readonly defs = new Map<string, Definition>();
  private changes = 0;

  /**
   * Bumped by every registration. A store that remembers "this event already passed the
   * registry" must forget it when the generation moves (a new upcaster, a new codec).
   */
  get generation(): number {
    return this.changes;
  }

  /** Register one event type by the codec of its `data`. */
  register(type: string, data: t.Mixed, options: EventTypeOptions = {}): this {
    const schemaVersion = options.schemaVersion ?? 1;
    if (!Number.isInteger(schemaVersion) || schemaVersion < 1)
      throw new InvalidArgument(`event ${type}: schemaVersion must be a positive integer`);
    for (let v = 1; v < schemaVersion; v++)
      if (!options.upcasters?.[v]) throw new InvalidArgument(`event ${type}: no upcaster from version ${v} to ${v + 1}`);
    if (this.defs.has(type)) throw new InvalidArgument(`event type ${type} is registered twice`);
    this.defs.set(type, { type, data, schemaVersion, upcasters: options.upcasters ?? {} });
    this.changes++;
    return this;
  }

  /** Register every member of a union of `tagged(type, props)` codecs (or a single one). */
  registerAll(events: t.Mixed, options: Readonly<Record<string, EventTypeOptions>> = {}): this {
    const members = (events as unknown as { _tag: string; types?: t.Mixed[] })._tag === 'UnionType'
      ? (events as unknown as { types: t.Mixed[] }).types
      : [events];
    for (const m of members) {
      const [type] = typesOf(m) ?? [];
      const data = (m as unknown as { props?: { data?: t.Mixed } }).props?.data;
      if (!type || !data) throw new InvalidArgument(`registerAll: ${m.name} is not a tagged({ type, data }) codec`);
      this.register(type, data, options[type]);
    }
    return this;
  }

  /**
   * Register the members of a union that are not registered yet (a host may have created
   * its store's registry with some of them already). A type registered with a different
   * codec is refused.
   */
  include(events: t.Mixed): this {
    const incoming = new EventRegistry().registerAll(events);
    for (const [type, def] of incoming.defs) {
      const known = this.defs.get(type);
      if (!known) {
        this.defs.set(type, def);
        this.changes++;
      } else if (known.data !== def.data) throw new InvalidArgument(`event type ${type} is registered with another codec`);
    }
    return this;
  }

  /**
   * Whether an event of this type, as `checkAppend` accepted it at this schema version, reads
   * back unchanged: no upcaster applies and its codec encodes as the identity, so decoding
   * the stored data gives the very data that was validated.
   */
  readsBackAsWritten(type: string, schemaVersion: number): boolean {
    const def = this.defs.get(type);
    return def !== undefined && def.schemaVersion === schemaVersion && def.data.encode === t.identity;
  }

  has(type: string): boolean {
    return this.defs.has(type);
  }

  /** The schema version new events of this type are written with. */
  schemaVersionOf(type: string): number {
    return this.defs.get(type)?.schemaVersion ?? 1;
  }

  get types(): string[] {
    return [...this.defs.keys()];
  }

  /**
   * Check a batch before it is written. Returns the events with their data encoded by
   * their codecs, or every problem with its path (`events[i].data.field`).
   */
  checkAppend(events: readonly NewEvent[]): { ok: true; events: NewEvent[] } | { ok: false; issues: ValidationIssue[] } {
    const issues: ValidationIssue[] = [];
    const out: NewEvent[] = new Array(events.length);
    if (!Array.isArray(events)) return { ok: false, issues: [{ path: ['events'], message: 'expected an array of events' }] };
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as NewEvent | undefined;
      if (typeof e !== 'object' || e === null) {
        issues.push({ path: ['events', i], message: 'expected an event { type, data, metadata }' });
        continue;
      }
      const def = this.defs.get(e.type);
      if (!def) {
        issues.push({ path: ['events', i, 'type'], message: `unknown event type ${JSON.stringify(e.type)}` });
        continue;
      }
      // a codec that encodes as the identity and already holds for the data decodes it to
      // itself: skip io-ts's decode (its contexts and Eithers) on the common path
      const same = def.data.encode === t.identity && def.data.is(e.data);
      const data = same ? undefined : def.data.decode(e.data);
      if (data !== undefined && !isRight(data)) issues.push(...issuesOf(data.left, ['events', i, 'data']));
      // the written-out check first; io-ts only to name what is wrong
      const meta = isNewEventMetadata(e.metadata) ? undefined : NewEventMetadata.decode(e.metadata);
      const metaOk = meta === undefined || isRight(meta);
      if (meta !== undefined && !isRight(meta)) issues.push(...issuesOf(meta.left, ['events', i, 'metadata']));
      else if (e.metadata.schemaVersion !== def.schemaVersion)
        issues.push({
          path: ['events', i, 'metadata', 'schemaVersion'],
          message: `${e.type} is written at schema version ${def.schemaVersion}, got ${e.metadata.schemaVersion}`,
        });
      if (metaOk && data === undefined) out[i] = { type: e.type, data: e.data, metadata: e.metadata };
      else if (metaOk && data !== undefined && isRight(data)) out[i] = { type: e.type, data: def.data.encode(data.right), metadata: e.metadata };
    }
    return issues.length === 0 ? { ok: true, events: out } : { ok: false, issues };
  }

  /** Upcast and validate an event read from a store. Throws {@link CorruptEvent}. */
  decode<E extends StoredEvent>(stored: E): E {
    const m = stored.metadata;
    const def = this.defs.get(stored.type);
    if (!def) throw new CorruptEvent(m.streamName, m.streamPosition, [{ path: ['type'], message: `unknown event type ${JSON.stringify(stored.type)}` }]);
    let data = stored.data;
    const from = m.schemaVersion;
    if (!Number.isInteger(from) || from < 1 || from > def.schemaVersion)
      throw new CorruptEvent(m.streamName, m.streamPosition, [
        { path: ['metadata', 'schemaVersion'], message: `${stored.type} has no schema version ${from} (current ${def.schemaVersion})` },
      ]);
    for (let v = from; v < def.schemaVersion; v++) data = def.upcasters[v]!(data);
    const decoded = def.data.decode(data);
    if (!isRight(decoded)) throw new CorruptEvent(m.streamName, m.streamPosition, issuesOf(decoded.left, ['data']));
    return decoded.right === stored.data ? stored : ({ type: stored.type, data: decoded.right, metadata: m } as E);
  }
}

/** A registry holding the given unions of tagged event codecs. */
export const eventRegistry = (...unions: t.Mixed[]): EventRegistry => {
  const r = new EventRegistry();
  for (const u of unions) r.registerAll(u);
  return r;
};
