import { EventStoreDBClient } from '@eventstore/db-client';
import type { StoredEvent } from '@rapport/core';
import { conformanceEvents } from '@rapport/core/testing';
import { startTestServer, type TestServer } from '@rapport/eventstoredb/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EsdbEventStore } from './esdbEventStore.js';

const { batchOf, conformanceRegistry, earned, placed, registered } = conformanceEvents;

let server: TestServer;
let client: EventStoreDBClient;
let store: EsdbEventStore;
/** What the server sent through filtered subscriptions: the filter asked for and every event received. */
let subscriptions: { filter: unknown; received: number }[];

beforeEach(async () => {
  server = await startTestServer();
  client = EventStoreDBClient.connectionString(server.url);
  subscriptions = [];
  const subscribeToAll = client.subscribeToAll.bind(client);
  client.subscribeToAll = ((options?: Parameters<typeof subscribeToAll>[0]) => {
    const sub = subscribeToAll(options);
    const seen = { filter: options?.filter, received: 0 };
    subscriptions.push(seen);
    sub.on('data', () => void seen.received++);
    return sub;
  }) as typeof client.subscribeToAll;
  store = new EsdbEventStore({ registry: conformanceRegistry(), client });
});
afterEach(async () => {
  await store.close();
  await client.dispose();
  await server.stop();
});

let command = 0;
const append = (stream: string, events: { type: string; data: unknown }[], tenantId?: string) =>
  store.appendToStream(stream, batchOf({ commandId: `cmd-${++command}`, ...(tenantId ? { tenantId } : {}) }, events), { expectedVersion: 'any' });

const collect = async (it: AsyncIterable<StoredEvent>): Promise<StoredEvent[]> => {
  const out: StoredEvent[] = [];
  for await (const x of it) out.push(x);
  return out;
};

describe('readAll with a filter on EventStoreDB', () => {
  it('is filtered by the server: only the matching events travel', async () => {
    await append('customer-shop_a.c1', [registered('c1')]);
    for (let i = 0; i < 30; i++) await append(`order-shop_a.o${i}`, Array.from({ length: 10 }, (_, k) => placed(`o${i}`, 'c1', k + 1)));
    await append('customer-shop_a.c2', [registered('c2'), earned('c2', 3)]);

    const customers = await collect(store.readAll({ filter: { categories: ['customer'] } }));

    expect(customers.map((e) => [e.metadata.streamName, e.type])).toEqual([
      ['customer-shop_a.c1', 'CustomerRegistered'],
      ['customer-shop_a.c2', 'CustomerRegistered'],
      ['customer-shop_a.c2', 'PointsEarned'],
    ]);
    expect(subscriptions).toHaveLength(1);
    expect(subscriptions[0]!.filter).toMatchObject({ filterOn: 'streamName', prefixes: ['customer-'] });
    // 303 events in the log, 3 of them customers': the other 300 never left the server
    expect(subscriptions[0]!.received).toBe(3);
  });

  it('filters event types on the server and the tenant in process', async () => {
    await append('customer-shop_a.c1', [registered('c1'), earned('c1', 5)]);
    await append('order-shop_a.o1', [placed('o1', 'c1', 100)]);
    await append('customer-shop_b.c3', [registered('c3'), earned('c3', 2)], 'shop_b');

    const earnedInB = await collect(store.readAll({ filter: { eventTypes: ['PointsEarned'], tenantId: 'shop_b' } }));

    expect(earnedInB.map((e) => [e.metadata.streamName, e.type])).toEqual([['customer-shop_b.c3', 'PointsEarned']]);
    expect(subscriptions[0]!.filter).toMatchObject({ filterOn: 'eventType' });
    expect(subscriptions[0]!.received).toBe(2);
  });

  it('reads from a position inclusively, between positions from the next event, and past the head nothing', async () => {
    await append('customer-shop_a.c1', [registered('c1')]);
    await append('order-shop_a.o1', [placed('o1', 'c1', 100)]);
    await append('customer-shop_a.c2', [registered('c2')]);
    await append('customer-shop_a.c3', [registered('c3')]);
    const all = await collect(store.readAll({ filter: { categories: ['customer'] } }));
    const [, second, third] = all.map((e) => e.metadata.globalPosition);

    const fromSecond = await collect(store.readAll({ filter: { categories: ['customer'] }, from: second! }));
    expect(fromSecond.map((e) => e.data)).toEqual([all[1]!.data, all[2]!.data]);
    const between = await collect(store.readAll({ filter: { categories: ['customer'] }, from: second! + 1n }));
    expect(between.map((e) => e.metadata.globalPosition)).toEqual([third]);
    expect(await collect(store.readAll({ filter: { categories: ['customer'] }, from: third! + 1_000_000n }))).toEqual([]);
    const limited = await collect(store.readAll({ filter: { categories: ['customer'] }, limit: 2 }));
    expect(limited.map((e) => e.metadata.globalPosition)).toEqual(all.slice(0, 2).map((e) => e.metadata.globalPosition));
  });

  it('ends at the head as it was when the read began, and on an empty log at once', async () => {
    expect(await collect(store.readAll({ filter: { categories: ['customer'] } }))).toEqual([]);
    await append('customer-shop_a.c1', [registered('c1')]);
    await append('customer-shop_a.c2', [registered('c2')]);
    const read: StoredEvent[] = [];
    for await (const e of store.readAll({ filter: { categories: ['customer'] } })) {
      read.push(e);
      if (read.length === 1) await append('customer-shop_a.c9', [registered('c9')]);
    }
    expect(read.map((e) => e.metadata.streamName)).toEqual(['customer-shop_a.c1', 'customer-shop_a.c2']);
  });
});
