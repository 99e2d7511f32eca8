import * as t from 'io-ts';
import { Fen, tagged } from '../kernel/codecs.js';
import type { Clock } from '../kernel/clock.js';
import type { IsoInstant } from '../kernel/codecs.js';
import type { NewEvent, StoredEvent } from '../kernel/envelope.js';
import type { ValidationIssue } from '../kernel/errors.js';
import { deriveId } from '../kernel/ids.js';
import { EventRegistry, type EventTypeOptions } from '../kernel/registry.js';

/**
 * The conformance suite's own events: small, shop-flavoured, and independent of any
 * bounded context, so an adapter is tested against the kernel alone.
 */

export const CustomerRegistered = tagged('CustomerRegistered', { customerId: t.string, name: t.string });
export const PointsEarned = tagged('PointsEarned', { customerId: t.string, points: t.number });
export const OrderPlaced = tagged('OrderPlaced', { orderId: t.string, customerId: t.string, total: Fen });
export const ConformanceEvent = t.union([CustomerRegistered, PointsEarned, OrderPlaced]);
export type ConformanceEvent = t.TypeOf<typeof ConformanceEvent>;

/** Every conformance event at schema version 1. */
export const conformanceRegistry = (): EventRegistry => new EventRegistry().registerAll(ConformanceEvent);

/** `PointsEarned` data at schema version 2: it now says why the points were earned. */
export const PointsEarnedV2 = t.type({ customerId: t.string, points: t.number, reason: t.string });

/** What the v1 → v2 upcaster fills in for events written before `reason` existed. */
export const UNRECORDED_REASON = 'unrecorded';

const pointsV2: EventTypeOptions = {
  schemaVersion: 2,
  upcasters: { 1: (data) => ({ ...(data as object), reason: UNRECORDED_REASON }) },
};

/** The next release of the same code: `PointsEarned` at schema version 2 with an upcaster from 1. */
export const upcastingRegistry = (): EventRegistry =>
  new EventRegistry()
    .register('CustomerRegistered', CustomerRegistered.props.data)
    .register('PointsEarned', PointsEarnedV2, pointsV2)
    .register('OrderPlaced', OrderPlaced.props.data);

/** A release that dropped `CustomerRegistered`: stored events of that type no longer decode. */
export const forgetfulRegistry = (): EventRegistry =>
  new EventRegistry().register('PointsEarned', PointsEarned.props.data).register('OrderPlaced', OrderPlaced.props.data);

/**
 * A registry whose definitions can be replaced while a store holds it. `create` can only
 * give the suite a fresh, empty store, so a redeploy (new codecs, same stored rows) is
 * simulated by switching what the store's registry answers. An adapter that consults its
 * registry on every read, as the port requires, sees the new release.
 */
export class SwitchableRegistry extends EventRegistry {
  constructor(private current: EventRegistry) {
    super();
  }

  /** Added to the current registry's generation, so a switch always moves the generation on. */
  private offset = 0;

  /** From now on, answer as `next` does. The generation moves, so stores drop what they decoded. */
  switchTo(next: EventRegistry): void {
    this.offset = this.generation + 1 - next.generation;
    this.current = next;
  }

  override get generation(): number {
    return this.offset + this.current.generation;
  }

  override include(events: t.Mixed): this {
    this.current.include(events);
    return this;
  }

  override readsBackAsWritten(type: string, schemaVersion: number): boolean {
    return this.current.readsBackAsWritten(type, schemaVersion);
  }

  override register(type: string, data: t.Mixed, options?: EventTypeOptions): this {
    this.current.register(type, data, options);
    return this;
  }

  override registerAll(events: t.Mixed, options?: Readonly<Record<string, EventTypeOptions>>): this {
    this.current.registerAll(events, options);
    return this;
  }

  override has(type: string): boolean {
    return this.current.has(type);
  }

  override schemaVersionOf(type: string): number {
    return this.current.schemaVersionOf(type);
  }

  override get types(): string[] {
    return this.current.types;
  }

  override checkAppend(events: readonly NewEvent[]): { ok: true; events: NewEvent[] } | { ok: false; issues: ValidationIssue[] } {
    return this.current.checkAppend(events);
  }

  override decode<E extends StoredEvent>(stored: E): E {
    return this.current.decode(stored);
  }
}

/** A clock the test sets by hand, so recordedAt can be checked exactly. */
export interface ManualClock extends Clock {
  set(at: string): void;
}

export const manualClock = (start: string): ManualClock => {
  let now = start as IsoInstant;
  return {
    now: () => now,
    set: (at) => {
      now = at as IsoInstant;
    },
  };
};

/** Where a batch comes from: one command of one tenant. */
export interface BatchOrigin {
  readonly commandId: string;
  readonly tenantId?: string;
  readonly schemaVersion?: number;
}

export const CONFORMANCE_TENANT = 'shop_a';
export const OCCURRED_AT = '2026-03-01T08:00:00.000Z';

/**
 * The events of one command, ready to append. Event ids derive from the commandId, so a
 * repeated batch is byte-for-byte the same batch.
 */
export const batchOf = (origin: BatchOrigin, events: readonly { type: string; data: unknown }[]): NewEvent[] =>
  events.map((e, i) => ({
    type: e.type,
    data: e.data,
    metadata: {
      eventId: deriveId('conformance', origin.commandId, String(i)),
      occurredAt: OCCURRED_AT as IsoInstant,
      tenantId: (origin.tenantId ?? CONFORMANCE_TENANT) as NewEvent['metadata']['tenantId'],
      actor: { kind: 'user', id: 'conformance' } as NewEvent['metadata']['actor'],
      commandId: origin.commandId as NewEvent['metadata']['commandId'],
      correlationId: origin.commandId as NewEvent['metadata']['correlationId'],
      causationId: origin.commandId as NewEvent['metadata']['causationId'],
      schemaVersion: origin.schemaVersion ?? 1,
    },
  }));

export const registered = (customerId: string, name = `customer ${customerId}`) => ({
  type: 'CustomerRegistered' as const,
  data: { customerId, name },
});
export const earned = (customerId: string, points: number) => ({ type: 'PointsEarned' as const, data: { customerId, points } });
export const placed = (orderId: string, customerId: string, total: number) => ({
  type: 'OrderPlaced' as const,
  data: { orderId, customerId, total },
});
