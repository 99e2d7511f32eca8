import { describe, expect, it } from 'vitest';
import type { IsoInstant } from './codecs.js';
import type { NewEvent, StoredEvent } from './envelope.js';
import { isRapportError, WrongExpectedVersion } from './errors.js';
import type { ExpectedVersion } from './eventStore.js';
import { GENESIS_HASH, hashEnvelope, verifyStreamChain } from './hashChain.js';
import { deriveId } from './ids.js';
import { AccountEvent, accountStream, T0 } from './loyaltyAccount.fixture.js';
import { eventRegistry } from './registry.js';
import { checkAppend, checkExpectedVersion, sealEvents, type StreamHead } from './storeSupport.js';

const registry = eventRegistry(AccountEvent);
const stream = accountStream('a1');
const earned = (points: number, commandId: string, i = 0): NewEvent => ({
  type: 'PointsEarned',
  data: { accountId: 'a1', points },
  metadata: {
    eventId: deriveId(stream, commandId, String(i)),
    occurredAt: T0,
    tenantId: 'shop_a',
    actor: { kind: 'user', id: 'clerk-1' },
    commandId,
    correlationId: commandId,
    causationId: commandId,
    schemaVersion: 1,
  },
});

const thrown = (f: () => unknown): unknown => {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
};

describe('checkExpectedVersion', () => {
  const head: StreamHead = { version: 2n, hash: 'h' };
  // [expected, head, accepted]
  const matrix: [ExpectedVersion, StreamHead | undefined, boolean][] = [
    ['any', undefined, true],
    ['any', head, true],
    ['no_stream', undefined, true],
    ['no_stream', head, false],
    ['stream_exists', undefined, false],
    ['stream_exists', head, true],
    [0n, undefined, false],
    [1n, head, false],
    [2n, head, true],
    [3n, head, false],
    [2n, undefined, false],
  ];
  it.each(matrix)('expected %s with head %o: accepted %s', (expected, h, accepted) => {
    if (accepted) {
      expect(() => checkExpectedVersion(stream, expected, h)).not.toThrow();
      return;
    }
    const e = thrown(() => checkExpectedVersion(stream, expected, h));
    expect(isRapportError(e, WrongExpectedVersion.code)).toBe(true);
    expect(e).toMatchObject({ stream, expected: typeof expected === 'bigint' ? expected.toString() : expected, actual: h ? 2n : 'no_stream' });
  });
});

describe('checkAppend', () => {
  it('returns the validated events', () => {
    const events = [earned(5, 'c1'), earned(6, 'c1', 1)];
    expect(checkAppend(registry, stream, events, 'any')).toEqual(events);
  });

  it.each([
    ['a $ stream', '$all', 'any' as ExpectedVersion, /stream name/],
    ['an empty stream name', '', 'any' as ExpectedVersion, /stream name/],
    ['a negative version', stream, -1n, /expectedVersion -1/],
    ['an unknown version word', stream, 'latest' as ExpectedVersion, /expectedVersion latest/],
  ])('refuses %s with InvalidArgument', (_why, s, expected, message) => {
    const e = thrown(() => checkAppend(registry, s, [earned(1, 'c1')], expected));
    expect(isRapportError(e, 'RAPPORT_INVALID_ARGUMENT')).toBe(true);
    expect((e as Error).message).toMatch(message);
  });

  it('refuses an empty batch', () => expect(isRapportError(thrown(() => checkAppend(registry, stream, [], 'any')), 'RAPPORT_INVALID_ARGUMENT')).toBe(true));

  it('refuses an invalid event with InvalidEvent naming its path', () => {
    const e = thrown(() => checkAppend(registry, stream, [earned(1, 'c1'), earned(0, 'c1', 1)], 'any'));
    expect(isRapportError(e, 'RAPPORT_INVALID_EVENT')).toBe(true);
    expect(e).toMatchObject({ stream, issues: [{ path: ['events', 1, 'data', 'points'] }] });
  });

  it('refuses a batch carrying two commands', () => {
    const e = thrown(() => checkAppend(registry, stream, [earned(1, 'c1'), earned(2, 'c2')], 'any'));
    expect(e).toMatchObject({ code: 'RAPPORT_INVALID_EVENT', issues: [{ path: ['events', 1, 'metadata', 'commandId'] }] });
  });
});

describe('sealEvents', () => {
  const at = T0 as IsoInstant;
  const stored = (sealed: ReturnType<typeof sealEvents>, firstGlobal: bigint): StoredEvent[] =>
    sealed.map((e, i) => ({ ...e, metadata: { ...e.metadata, globalPosition: firstGlobal + BigInt(i) } }));

  it('starts a new stream at position 0 from the genesis hash', () => {
    const sealed = sealEvents(stream, undefined, [earned(1, 'c1'), earned(2, 'c1', 1)], at);
    expect(sealed.map((e) => e.metadata.streamPosition)).toEqual([0n, 1n]);
    expect(sealed[0]!.metadata).toMatchObject({ streamName: stream, recordedAt: at, prevHash: GENESIS_HASH });
    expect(sealed[1]!.metadata.prevHash).toBe(sealed[0]!.metadata.hash);
    const { hash, ...rest } = sealed[0]!.metadata;
    expect(hashEnvelope({ type: sealed[0]!.type, data: sealed[0]!.data, metadata: rest })).toBe(hash);
  });

  it('continues a chain from its head, so two appends verify as one stream', async () => {
    const first = sealEvents(stream, undefined, [earned(1, 'c1'), earned(2, 'c1', 1)], at);
    const last = first[first.length - 1]!.metadata;
    const second = sealEvents(stream, { version: last.streamPosition, hash: last.hash }, [earned(3, 'c2'), earned(4, 'c2', 1)], at);
    expect(second.map((e) => e.metadata.streamPosition)).toEqual([2n, 3n]);
    expect(second[0]!.metadata.prevHash).toBe(last.hash);
    expect(await verifyStreamChain([...stored(first, 1n), ...stored(second, 10n)])).toEqual({ intact: true, events: 4 });
  });

  it('is deterministic, and recordedAt is part of the hash', () => {
    const a = sealEvents(stream, undefined, [earned(1, 'c1')], at);
    const b = sealEvents(stream, undefined, [earned(1, 'c1')], at);
    const c = sealEvents(stream, undefined, [earned(1, 'c1')], '2026-03-01T08:00:00.001Z' as IsoInstant);
    expect(a).toEqual(b);
    expect(c[0]!.metadata.hash).not.toBe(a[0]!.metadata.hash);
  });
});

describe('sealEvents and the actor', () => {
  it('hashes and keeps the actor as its schema has it, so an actor with extra properties still verifies', async () => {
    const e = earned(10, 'cmd-extra');
    const withExtra = { ...e, metadata: { ...e.metadata, actor: { kind: 'user', id: 'clerk-1', session: 's-9' } } } as unknown as NewEvent;
    const [sealed] = sealEvents(stream, undefined, checkAppend(registry, stream, [withExtra], 'no_stream'), T0 as IsoInstant);
    expect(sealed!.metadata.actor).toEqual({ kind: 'user', id: 'clerk-1' });
    const [plain] = sealEvents(stream, undefined, checkAppend(registry, stream, [e], 'no_stream'), T0 as IsoInstant);
    expect(sealed!.metadata.hash).toBe(plain!.metadata.hash);
    const stored = { ...sealed!, metadata: { ...sealed!.metadata, globalPosition: 1n } } as StoredEvent;
    expect(await verifyStreamChain([stored])).toEqual({ intact: true, events: 1 });
  });
});
