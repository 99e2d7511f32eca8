import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import * as t from 'io-ts';
import { MemoryEventStore } from '@rapport/memory';
import { fixedClock } from './clock.js';
import { tagged } from './codecs.js';
import type { NewEvent, StoredEvent } from './envelope.js';
import { CorruptEvent, isRapportError } from './errors.js';
import { GENESIS_HASH } from './hashChain.js';
import { AccountEvent, PointsEarned, T0 } from './loyaltyAccount.fixture.js';
import { EventRegistry, eventRegistry } from './registry.js';

const metadata = (schemaVersion = 1) => ({
  eventId: 'e-1',
  occurredAt: T0,
  tenantId: 'shop_a',
  actor: { kind: 'user' as const, id: 'clerk-1' },
  commandId: 'c-1',
  correlationId: 'c-1',
  causationId: 'c-1',
  schemaVersion,
});
const newEvent = (type: string, data: unknown, schemaVersion = 1): NewEvent => ({ type, data, metadata: metadata(schemaVersion) });
/** An event as a store would hand it back, at stream position 7. */
const stored = (type: string, data: unknown, schemaVersion = 1): StoredEvent =>
  ({
    type,
    data,
    metadata: {
      ...metadata(schemaVersion),
      streamName: 'customer-shop_a.c1',
      streamPosition: 7n,
      globalPosition: 70n,
      recordedAt: T0,
      prevHash: GENESIS_HASH,
      hash: 'h',
    },
  }) as StoredEvent;

// CustomerRegistered through three releases: v1 { name }, v2 { fullName }, v3 { fullName, tier }
const V3 = t.type({ customerId: t.string, fullName: t.string, tier: t.string });
const upcasters = {
  1: vi.fn((d: unknown) => {
    const { name, ...rest } = d as { name: string };
    return { ...rest, fullName: name };
  }),
  2: vi.fn((d: unknown) => ({ ...(d as object), tier: 'none' })),
};
const customers = () => new EventRegistry().register('CustomerRegistered', V3, { schemaVersion: 3, upcasters });

const corrupt = (f: () => unknown): CorruptEvent => {
  try {
    f();
  } catch (e) {
    if (isRapportError(e, CorruptEvent.code)) return e as CorruptEvent;
    throw e;
  }
  throw new Error('expected CorruptEvent');
};

describe('EventRegistry.checkAppend', () => {
  const r = eventRegistry(AccountEvent);

  it('accepts valid events', () => {
    const e = newEvent('PointsEarned', { accountId: 'a1', points: 5 });
    expect(r.checkAppend([e])).toEqual({ ok: true, events: [e] });
  });

  it('refuses an unknown type at events[i].type', () =>
    expect(r.checkAppend([newEvent('PointsEarned', { accountId: 'a1', points: 5 }), newEvent('PointsStolen', {})])).toEqual({
      ok: false,
      issues: [{ path: ['events', 1, 'type'], message: 'unknown event type "PointsStolen"' }],
    }));

  it('names the data and metadata paths of every problem', () => {
    const bad = { ...newEvent('PointsEarned', { accountId: 'a.1', points: 5 }), metadata: { ...metadata(), occurredAt: '2026-03-01' } };
    const result = r.checkAppend([bad]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((i) => i.path)).toEqual([
      ['events', 0, 'data', 'accountId'],
      ['events', 0, 'metadata', 'occurredAt'],
    ]);
  });

  it('refuses an event written at another schema version than the current one', () => {
    const result = customers().checkAppend([newEvent('CustomerRegistered', { customerId: 'c1', fullName: 'Ann', tier: 'gold' }, 2)]);
    expect(result).toEqual({
      ok: false,
      issues: [{ path: ['events', 0, 'metadata', 'schemaVersion'], message: 'CustomerRegistered is written at schema version 3, got 2' }],
    });
  });

  it('a store refuses such an append and writes nothing', async () => {
    const store = new MemoryEventStore({ registry: customers(), clock: fixedClock(T0) });
    const append = store.appendToStream('customer-shop_a.c1', [newEvent('CustomerRegistered', { customerId: 'c1', fullName: 'Ann', tier: 'gold' }, 1)], {
      expectedVersion: 'any',
    });
    await expect(append).rejects.toMatchObject({ code: 'RAPPORT_INVALID_EVENT', issues: [{ path: ['events', 0, 'metadata', 'schemaVersion'] }] });
    expect(store.size).toBe(0);
  });
});

describe('EventRegistry.decode', () => {
  it('upcasts v1 through v2 to v3, one step at a time', () => {
    upcasters[1].mockClear();
    upcasters[2].mockClear();
    const e = customers().decode(stored('CustomerRegistered', { customerId: 'c1', name: 'Ann' }, 1));
    expect(e.data).toEqual({ customerId: 'c1', fullName: 'Ann', tier: 'none' });
    expect(e.metadata.schemaVersion).toBe(1); // the metadata says how it was written
    expect(upcasters[1]).toHaveBeenCalledTimes(1);
    expect(upcasters[2]).toHaveBeenCalledTimes(1);
  });

  it('upcasts v2 with the v2 → v3 step only', () => {
    upcasters[1].mockClear();
    const e = customers().decode(stored('CustomerRegistered', { customerId: 'c1', fullName: 'Ann' }, 2));
    expect(e.data).toEqual({ customerId: 'c1', fullName: 'Ann', tier: 'none' });
    expect(upcasters[1]).not.toHaveBeenCalled();
  });

  it('returns a current event as it is', () => {
    const e = stored('CustomerRegistered', { customerId: 'c1', fullName: 'Ann', tier: 'gold' }, 3);
    expect(customers().decode(e)).toBe(e);
  });

  it('a stored event that no longer decodes is CorruptEvent with stream, position and path', () => {
    const e = corrupt(() => eventRegistry(AccountEvent).decode(stored('PointsEarned', { accountId: 'a1', points: -5 })));
    expect(e).toMatchObject({ stream: 'customer-shop_a.c1', position: 7n, issues: [{ path: ['data', 'points'] }] });
    expect(e.message).toMatch(/^stream customer-shop_a\.c1 position 7: data\.points: /);
  });

  it('an unknown stored type is CorruptEvent at type', () =>
    expect(corrupt(() => eventRegistry(AccountEvent).decode(stored('PointsStolen', {})))).toMatchObject({
      position: 7n,
      issues: [{ path: ['type'], message: 'unknown event type "PointsStolen"' }],
    }));

  it.each([0, 4, 1.5])('a stored schema version %s the registry does not know is CorruptEvent', (v) =>
    expect(corrupt(() => customers().decode(stored('CustomerRegistered', { customerId: 'c1', fullName: 'Ann', tier: 'x' }, v)))).toMatchObject({
      issues: [{ path: ['metadata', 'schemaVersion'] }],
    }));

  it('an upcast result that does not match the codec is CorruptEvent', () => {
    const r = new EventRegistry().register('CustomerRegistered', V3, { schemaVersion: 2, upcasters: { 1: (d) => d } });
    expect(corrupt(() => r.decode(stored('CustomerRegistered', { customerId: 'c1', name: 'Ann' }, 1))).issues.map((i) => i.path)).toEqual([
      ['data', 'fullName'],
      ['data', 'tier'],
    ]);
  });
});

describe('EventRegistry.register', () => {
  it('refuses a schema version without an upcaster for every step', () => {
    expect(() => new EventRegistry().register('CustomerRegistered', V3, { schemaVersion: 3, upcasters: { 1: (d) => d } })).toThrow(
      /no upcaster from version 2 to 3/,
    );
    expect(() => new EventRegistry().register('CustomerRegistered', V3, { schemaVersion: 2 })).toThrow(/no upcaster from version 1 to 2/);
  });

  it.each([0, -1, 1.5])('refuses schema version %s', (v) =>
    expect(() => new EventRegistry().register('X', t.unknown, { schemaVersion: v })).toThrow(/schemaVersion must be a positive integer/));

  it('refuses a type registered twice', () =>
    expect(() => eventRegistry(AccountEvent).register('PointsEarned', PointsEarned.props.data)).toThrow(/registered twice/));

  it('registerAll refuses a codec that is not tagged', () =>
    expect(() => new EventRegistry().registerAll(t.union([tagged('A', {}), t.type({ kind: t.string })]))).toThrow(/is not a tagged/));

  it('knows its types and their schema versions', () => {
    const r = customers().registerAll(AccountEvent);
    expect(r.types).toEqual(['CustomerRegistered', 'AccountOpened', 'PointsEarned', 'PointsRedeemed', 'AccountClosed']);
    expect(r.has('PointsEarned')).toBe(true);
    expect(r.has('PointsStolen')).toBe(false);
    expect(r.schemaVersionOf('CustomerRegistered')).toBe(3);
    expect(r.schemaVersionOf('PointsEarned')).toBe(1);
  });

  it('include adds what is missing, accepts the same codec again and refuses another one', () => {
    const r = new EventRegistry().registerAll(PointsEarned);
    r.include(AccountEvent);
    expect(r.types).toHaveLength(4);
    expect(() => r.include(AccountEvent)).not.toThrow();
    expect(() => r.include(tagged('PointsEarned', { accountId: t.string }))).toThrow(/registered with another codec/);
  });
});

describe('EventRegistry.checkAppend, the shortcut past decode', () => {
  // codecs of every kind an event may use: identity ones (plain, branded, unions, optional
  // fields, arrays) take the shortcut; exact ones and ones that transform their input do not
  const Sku = t.brand(t.string, (s): s is t.Branded<string, { readonly Sku: unique symbol }> => /^[a-z-]{1,20}$/.test(s), 'Sku');
  const NumberFromString = new t.Type<number, string, unknown>(
    'NumberFromString',
    (u): u is number => typeof u === 'number',
    (u, c) => (typeof u === 'string' && u !== '' && !Number.isNaN(Number(u)) ? t.success(Number(u)) : t.failure(u, c)),
    String,
  );
  const codecs: Record<string, t.Mixed> = {
    Plain: t.type({ sku: Sku, quantity: t.number }),
    Optional: t.intersection([t.type({ sku: Sku }), t.partial({ note: t.string })]),
    Union: t.type({ line: t.union([t.type({ kind: t.literal('a'), n: t.number }), t.type({ kind: t.literal('b'), s: t.string })]) }),
    Lines: t.type({ lines: t.array(t.type({ sku: Sku, quantity: t.number })) }),
    Exact: t.exact(t.type({ sku: Sku })),
    Transforming: t.type({ amount: NumberFromString }),
  };
  const registry = new EventRegistry();
  for (const [type, codec] of Object.entries(codecs)) registry.register(type, codec);
  const value = fc.oneof(
    fc.constantFrom('tea', 'longjing-250g', 'Tea', '', '12', 'x'.repeat(30)),
    fc.integer(),
    fc.double(),
    fc.constant(null),
    fc.constant(undefined),
    fc.constantFrom('a', 'b'),
  );
  const data = fc.oneof(
    fc.record({ sku: value, quantity: value, note: value, amount: value }, { requiredKeys: [] }),
    fc.record({ line: fc.oneof(fc.record({ kind: value, n: value, s: value }, { requiredKeys: [] }), value) }),
    fc.record({ lines: fc.oneof(fc.array(fc.record({ sku: value, quantity: value }, { requiredKeys: [] }), { maxLength: 3 }), value) }),
    fc.record({ sku: value, extra: value }, { requiredKeys: [] }),
    value,
  );

  it('gives the data decode then encode would give, and the same issues', () =>
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(codecs)), data, (type, d) => {
        const codec = codecs[type]!;
        const decoded = codec.decode(d);
        const got = registry.checkAppend([newEvent(type, d)]);
        expect(got.ok).toBe(decoded._tag === 'Right');
        if (got.ok && decoded._tag === 'Right') expect(got.events[0]!.data).toEqual(codec.encode(decoded.right));
      }),
      { numRuns: 3000 },
    ));
});
