import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import type { StoredEvent } from './envelope.js';
import { GENESIS_HASH, hashEnvelope, verifyStreamChain } from './hashChain.js';
import { accountHandler, accountStore, accountStream, collect, earn, open, redeem } from './loyaltyAccount.fixture.js';

/** Three commands, four events, on one account stream; returned as stored (raw). */
const storedStream = async (): Promise<StoredEvent[]> => {
  const { store, registry } = accountStore();
  const h = accountHandler(store, registry);
  for (const c of [open('a1', 100, 'c1'), earn('a1', 25, 'c2'), redeem('a1', 30, 'c3')]) expect(E.isRight(await h.handle(c))).toBe(true);
  return collect(store.readStream(accountStream('a1'), { raw: true }));
};

/** A thawed copy to tamper with (stored events are frozen). */
const copy = (events: StoredEvent[]): StoredEvent[] => events.map((e) => structuredClone(e) as StoredEvent);
const withData = (e: StoredEvent, data: unknown): StoredEvent => ({ ...e, data });
const withMeta = (e: StoredEvent, m: Partial<StoredEvent['metadata']>): StoredEvent => ({ ...e, metadata: { ...e.metadata, ...m } });

describe('verifyStreamChain', () => {
  it('finds an untouched stream intact and links each event to the one before', async () => {
    const events = await storedStream();
    expect(await verifyStreamChain(events)).toEqual({ intact: true, events: 4 });
    expect(events[0]!.metadata.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < events.length; i++) expect(events[i]!.metadata.prevHash).toBe(events[i - 1]!.metadata.hash);
  });

  it('takes an async iterable as well as an array, and an empty stream is intact', async () => {
    const { store } = accountStore();
    expect(await verifyStreamChain(store.readStream(accountStream('nobody'), { raw: true }))).toEqual({ intact: true, events: 0 });
    expect(await verifyStreamChain([])).toEqual({ intact: true, events: 0 });
  });

  it('detects one changed data byte and names stream, position and eventId', async () => {
    const events = copy(await storedStream());
    const target = events[2]!; // PointsEarned 25
    events[2] = withData(target, { accountId: 'a1', points: 26 });
    expect(await verifyStreamChain(events)).toEqual({
      intact: false,
      events: 2,
      firstBreak: { stream: accountStream('a1'), position: 2n, eventId: target.metadata.eventId, reason: 'hash-mismatch' },
    });
  });

  it('detects a changed metadata field covered by the hash', async () => {
    const events = copy(await storedStream());
    events[1] = withMeta(events[1]!, { occurredAt: '2020-01-01T00:00:00.000Z' as StoredEvent['metadata']['occurredAt'] });
    expect(await verifyStreamChain(events)).toMatchObject({ intact: false, firstBreak: { position: 1n, reason: 'hash-mismatch' } });
  });

  it('detects a broken prevHash link even when the event hashes itself consistently', async () => {
    const events = copy(await storedStream());
    // a forger recomputes this event's own hash over a wrong prevHash
    const forged = withMeta(events[3]!, { prevHash: 'f'.repeat(64) });
    const { hash: _h, globalPosition: _g, ...rest } = forged.metadata;
    events[3] = withMeta(forged, { hash: hashEnvelope({ type: forged.type, data: forged.data, metadata: rest }) });
    expect(await verifyStreamChain(events)).toEqual({
      intact: false,
      events: 3,
      firstBreak: { stream: accountStream('a1'), position: 3n, eventId: events[3]!.metadata.eventId, reason: 'prev-hash-mismatch' },
    });
  });

  it('detects a removed event as a position gap', async () => {
    const events = copy(await storedStream());
    const after = events[2]!;
    events.splice(1, 1);
    expect(await verifyStreamChain(events)).toEqual({
      intact: false,
      events: 1,
      firstBreak: { stream: accountStream('a1'), position: 2n, eventId: after.metadata.eventId, reason: 'position-gap' },
    });
  });

  it('detects a stream that does not start at position 0', async () => {
    const events = (await storedStream()).slice(1);
    expect(await verifyStreamChain(events)).toMatchObject({ intact: false, events: 0, firstBreak: { position: 1n, reason: 'position-gap' } });
  });

  it('ignores the global position, which the store assigns and the hash leaves out', async () => {
    const events = copy(await storedStream()).map((e, i) => withMeta(e, { globalPosition: 1000n + BigInt(i) * 7n }));
    expect(await verifyStreamChain(events)).toEqual({ intact: true, events: 4 });
  });
});

describe('hashEnvelope', () => {
  it('is SHA-256 hex, deterministic, and depends on prevHash', async () => {
    const [e] = await storedStream();
    const { hash, globalPosition: _g, ...rest } = e!.metadata;
    const body = { type: e!.type, data: e!.data, metadata: rest };
    expect(hashEnvelope(body)).toBe(hash);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashEnvelope({ ...body, metadata: { ...rest, prevHash: '1'.repeat(64) } })).not.toBe(hash);
  });

  it('does not depend on the key order of data', async () => {
    const [, e] = await storedStream();
    const { hash, globalPosition: _g, ...rest } = e!.metadata;
    const data = e!.data as { accountId: string; points: number };
    expect(hashEnvelope({ type: e!.type, data: { points: data.points, accountId: data.accountId }, metadata: rest })).toBe(hash);
  });
});
