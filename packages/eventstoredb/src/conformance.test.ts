import type { EventStore, ReadModelStore } from '@rapport/core';
import { eventStoreConformance, readModelStoreConformance } from '@rapport/core/testing';
import { startTestServer, type TestServer } from '@rapport/eventstoredb/testing';
import { EsdbEventStore } from './esdbEventStore.js';
import { EsdbReadModelStore } from './esdbReadModelStore.js';

/**
 * The kernel's EventStore conformance suite, against the adapter on the in-process test
 * server. Every test gets a fresh server, as the suite expects an empty store.
 */
const servers = new Map<EventStore | ReadModelStore, TestServer>();

eventStoreConformance('EsdbEventStore on the test server', {
  create: async ({ registry, clock }) => {
    const server = await startTestServer();
    const store = new EsdbEventStore({ registry, clock, client: server.url });
    servers.set(store, server);
    return store;
  },
  destroy: async (store) => {
    await store.close();
    await servers.get(store)?.stop();
    servers.delete(store);
  },
  bigStreamSize: 10_000,
});

readModelStoreConformance('EsdbReadModelStore on the test server', {
  create: async () => {
    const server = await startTestServer();
    const store = new EsdbReadModelStore({ client: server.url });
    servers.set(store, server);
    return store;
  },
  destroy: async (store) => {
    await store.close();
    await servers.get(store)?.stop();
    servers.delete(store);
  },
});
