import { EventStoreDBClient } from '@eventstore/db-client';
import { isRapportError, StoreUnavailable } from '@rapport/core';
import { startTestServer, type TestServer } from '@rapport/eventstoredb/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { documentStream, EsdbReadModelStore } from './esdbReadModelStore.js';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.stop());

/** A client that dies (fails every write) after the commit record reached the checkpoint stream. */
const crashingAfterCommitRecord = (client: EventStoreDBClient): EventStoreDBClient =>
  new Proxy(client, {
    get(target, key, receiver) {
      if (key === 'appendToStream')
        return (stream: string, ...rest: unknown[]) =>
          stream.startsWith('rapport_rm-') ? Promise.reject(new Error('connection lost')) : (target.appendToStream as (...a: unknown[]) => unknown)(stream, ...rest);
      const v = Reflect.get(target, key, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });

describe('EsdbReadModelStore on the test server', () => {
  it('after a crash between the commit record and the documents, the next store redoes the documents: checkpoint and documents agree', async () => {
    const first = new EsdbReadModelStore({ client: server.url });
    await first.commit('customers', [{ op: 'put', tenantId: 'shop_a', id: 'c1', document: { points: 1 } }], { position: 10n, version: 1 });
    const client = EventStoreDBClient.connectionString(server.url);
    const crashing = new EsdbReadModelStore({ client: crashingAfterCommitRecord(client) });
    const failure = await crashing
      .commit('customers', [{ op: 'put', tenantId: 'shop_a', id: 'c1', document: { points: 3 } }, { op: 'put', tenantId: 'shop_a', id: 'c2', document: { points: 2 } }], { position: 20n, version: 1 })
      .catch((e: unknown) => e);
    expect(isRapportError(failure, StoreUnavailable.code)).toBe(true);
    await client.dispose();
    const next = new EsdbReadModelStore({ client: server.url });
    // the runner resumes after 20, so events up to 20 are not applied again; the documents already show them
    expect(await next.checkpoint('customers')).toEqual({ position: 20n, version: 1 });
    expect(await next.get('customers', 'shop_a', 'c1')).toEqual({ points: 3 });
    expect(await next.get('customers', 'shop_a', 'c2')).toEqual({ points: 2 });
    await Promise.all([first.close(), next.close()]);
  });

  it('a document is the latest event of a $maxCount: 1 stream, and a reset hides every earlier document after a restart', async () => {
    const store = new EsdbReadModelStore({ client: server.url });
    for (let i = 1; i <= 3; i++) await store.commit('orders', [{ op: 'put', tenantId: 'shop_a', id: 'o1', document: { n: i } }], { position: BigInt(i), version: 1 });
    const client = EventStoreDBClient.connectionString(server.url);
    const events = [];
    for await (const e of client.readStream(documentStream('orders', 'shop_a', 'o1'))) events.push(e);
    expect(events).toHaveLength(1);
    expect((await client.getStreamMetadata(documentStream('orders', 'shop_a', 'o1'))).metadata?.maxCount).toBe(1);
    await store.reset('orders');
    await store.close();
    const reopened = new EsdbReadModelStore({ client });
    expect(await reopened.get('orders', 'shop_a', 'o1')).toBeUndefined();
    expect(await reopened.checkpoint('orders')).toBeUndefined();
    await reopened.commit('orders', [{ op: 'put', tenantId: 'shop_a', id: 'o2', document: { n: 9 } }], { position: 4n, version: 2 });
    const again = new EsdbReadModelStore({ client });
    expect(await again.get('orders', 'shop_a', 'o2')).toEqual({ n: 9 });
    expect(await again.get('orders', 'shop_a', 'o1')).toBeUndefined();
    await client.dispose();
  });
});
