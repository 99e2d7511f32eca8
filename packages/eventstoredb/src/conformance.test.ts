import { randomUUID } from 'node:crypto';
import type { EventStore, ReadModelStore } from '@rapport/core';
import { eventStoreConformance, readModelStoreConformance } from '@rapport/core/testing';
import { startTestServer, type TestServer } from '@rapport/eventstoredb/testing';
import { describe } from 'vitest';
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

/**
 * The same conformance suites against a real EventStoreDB when `RAPPORT_ESDB_URL` is set
 * (e.g. `esdb://localhost:2113?tls=false`). Each store gets its own namespace, so the
 * suites' fixed stream names do not meet earlier runs' events on a long-lived server.
 */
const url = process.env.RAPPORT_ESDB_URL;

if (url) {
  describe('against the EventStoreDB at RAPPORT_ESDB_URL', () => {
    eventStoreConformance('EsdbEventStore on a real server', {
      create: async ({ registry, clock }) => new EsdbEventStore({ registry, clock, client: url, namespace: `t${randomUUID().replaceAll('-', '')}` }),
      destroy: (store) => store.close(),
      bigStreamSize: 10_000,
    });
    readModelStoreConformance('EsdbReadModelStore on a real server', {
      create: async () => new EsdbReadModelStore({ client: url, namespace: `t${randomUUID().replaceAll('-', '')}` }),
      destroy: (store) => store.close(),
    });
  });
} else {
  console.info('RAPPORT_ESDB_URL is not set: the conformance suites ran against the in-process test server only.');
}
