import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { isRapportError, WrongExpectedVersion, type StoredEvent, type Subscription } from '@rapport/core';
import { conformanceEvents } from '@rapport/core/testing';
import { startTestServer, type TestServer } from '@rapport/eventstoredb/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EsdbEventStore } from './esdbEventStore.js';
import { EsdbReadModelStore } from './esdbReadModelStore.js';

const { batchOf, conformanceRegistry, earned, placed, registered } = conformanceEvents;

let server: TestServer;
let store: EsdbEventStore;
const subs: Subscription[] = [];

beforeEach(async () => {
  server = await startTestServer();
  store = new EsdbEventStore({ registry: conformanceRegistry(), client: server.url });
});
afterEach(async () => {
  await Promise.allSettled(subs.splice(0).map((s) => s.stop()));
  await store.close();
  await server.stop();
});

let command = 0;
const append = (stream: string, events: { type: string; data: unknown }[], expectedVersion: 'any' | 'no_stream' | bigint = 'any', tenantId?: string) =>
  store.appendToStream(stream, batchOf({ commandId: `cmd-${++command}`, ...(tenantId ? { tenantId } : {}) }, events), { expectedVersion });

const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

/** Wait until `check` holds (polling), or fail after `ms`. */
const until = async (check: () => boolean, ms = 10_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('EsdbEventStore on the test server', () => {
  it('subscriptions filter by category and event type on the server, and by tenant in process', async () => {
    await append('customer-shop_a.c1', [registered('c1'), earned('c1', 5)]);
    await append('customerx-shop_a.c2', [registered('c2')]);
    await append('order-shop_a.o1', [placed('o1', 'c1', 100)]);
    await append('customer-shop_b.c3', [registered('c3')], 'any', 'shop_b');
    const customers: StoredEvent[] = [];
    const types: StoredEvent[] = [];
    const tenantB: StoredEvent[] = [];
    subs.push(store.subscribe({ filter: { categories: ['customer'] } }, (e) => void customers.push(e)));
    subs.push(store.subscribe({ filter: { eventTypes: ['PointsEarned', 'OrderPlaced'] } }, (e) => void types.push(e)));
    subs.push(store.subscribe({ filter: { tenantId: 'shop_b' } }, (e) => void tenantB.push(e)));
    await append('customer-shop_a.c1', [earned('c1', 7)]);
    await until(() => customers.length === 4 && types.length === 3 && tenantB.length === 1);
    expect(customers.map((e) => e.metadata.streamName)).toEqual(['customer-shop_a.c1', 'customer-shop_a.c1', 'customer-shop_b.c3', 'customer-shop_a.c1']);
    expect(types.map((e) => e.type)).toEqual(['PointsEarned', 'OrderPlaced', 'PointsEarned']);
    expect(tenantB.map((e) => e.metadata.streamName)).toEqual(['customer-shop_b.c3']);
  });

  it("the read models' own streams and the server's system events never reach readAll or subscribers", async () => {
    const readModels = new EsdbReadModelStore({ client: server.url });
    await readModels.commit('customers', [{ op: 'put', tenantId: 'shop_a', id: 'c1', document: { points: 1 } }], { position: 1n, version: 1 });
    await readModels.close();
    await append('customer-shop_a.c1', [registered('c1')]);
    const all = await collect(store.readAll());
    expect(all.map((e) => e.metadata.streamName)).toEqual(['customer-shop_a.c1']);
    const seen: string[] = [];
    subs.push(store.subscribe({}, (e) => void seen.push(e.metadata.streamName)));
    await append('order-shop_a.o1', [placed('o1', 'c1', 1)]);
    await until(() => seen.length === 2);
    expect(seen).toEqual(['customer-shop_a.c1', 'order-shop_a.o1']);
  });

  it('resubscribes after the server drops the subscription: no gap, no duplicate', async () => {
    for (let i = 0; i < 100; i++) await append(`customer-shop_a.c${i % 7}`, [earned(`c${i % 7}`, i)]);
    const got: number[] = [];
    let caughtUp = 0;
    subs.push(
      store.subscribe({ filter: { categories: ['customer'] }, onCaughtUp: () => caughtUp++ }, async (e) => {
        got.push((e.data as { points: number }).points);
        if (got.length === 50) server.dropSubscriptions(); // in the middle of the catch-up
      }),
    );
    await until(() => got.length === 100);
    server.dropSubscriptions(); // while live
    await new Promise((r) => setTimeout(r, 100));
    for (let i = 100; i < 150; i++) await append(`customer-shop_a.c${i % 7}`, [earned(`c${i % 7}`, i)]);
    await until(() => got.length === 150);
    await new Promise((r) => setTimeout(r, 100));
    expect(got).toEqual(Array.from({ length: 150 }, (_, i) => i));
    expect(caughtUp).toBe(1);
  });

  it('catches up on 10 000 events, then goes live', async () => {
    for (let b = 0; b < 100; b++)
      await append(
        `customer-shop_a.c${b}`,
        Array.from({ length: 100 }, (_, i) => earned(`c${b}`, b * 100 + i)),
      );
    let count = 0;
    let last = -1n;
    let ordered = true;
    let caughtUpAt = -1;
    subs.push(
      store.subscribe({ onCaughtUp: () => (caughtUpAt = count) }, (e) => {
        if (e.metadata.globalPosition <= last) ordered = false;
        last = e.metadata.globalPosition;
        count++;
      }),
    );
    await until(() => caughtUpAt >= 0, 60_000);
    expect(caughtUpAt).toBe(10_000);
    await append('order-shop_a.o1', [placed('o1', 'c1', 5)]);
    await until(() => count === 10_001);
    expect(ordered).toBe(true);
  });

  it('concurrent appends with one expected revision: exactly one wins, the others get WrongExpectedVersion with the actual version', async () => {
    await append('customer-shop_a.c1', [registered('c1')], 'no_stream');
    // separate stores: separate connections and no shared in-process lock, as separate processes would be
    const writers = Array.from({ length: 5 }, () => new EsdbEventStore({ registry: conformanceRegistry(), client: server.url }));
    try {
      const results = await Promise.allSettled(writers.map((w, i) => w.appendToStream('customer-shop_a.c1', batchOf({ commandId: `race-${i}` }, [earned('c1', i)]), { expectedVersion: 0n })));
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(4);
      for (const l of lost) {
        expect(isRapportError(l.reason, WrongExpectedVersion.code)).toBe(true);
        expect(l.reason).toMatchObject({ stream: 'customer-shop_a.c1', expected: '0', actual: 1n });
      }
      expect(await collect(store.readStream('customer-shop_a.c1'))).toHaveLength(2);
    } finally {
      await Promise.all(writers.map((w) => w.close()));
    }
  });

  it('stores the envelope as event metadata (positions as strings) and the data as JSON, readable by any client', async () => {
    const r = await append('customer-shop_a.c1', [registered('c1')]);
    const client = EventStoreDBClient.connectionString(server.url);
    try {
      const [raw] = await collect(client.readStream('customer-shop_a.c1'));
      expect(raw!.event!.type).toBe('CustomerRegistered');
      expect(raw!.event!.data).toEqual({ customerId: 'c1', name: 'customer c1' });
      expect(raw!.event!.metadata).toMatchObject({ streamName: 'customer-shop_a.c1', streamPosition: '0', tenantId: 'shop_a', commandId: `cmd-${command}` });
      expect(raw!.event!.position!.commit).toBe(r.lastGlobalPosition);
      // an event that is not Rapport's in a Rapport stream is reported, not guessed at
      await client.appendToStream('customer-shop_a.c1', jsonEvent({ type: 'Foreign', data: {} }));
      const e = await collect(store.readStream('customer-shop_a.c1')).catch((err: unknown) => err);
      expect(e).toMatchObject({ code: 'RAPPORT_CORRUPT_EVENT', position: 1n });
    } finally {
      await client.dispose();
    }
  });
});
