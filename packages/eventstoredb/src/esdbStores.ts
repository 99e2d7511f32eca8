import { EventStoreDBClient } from '@eventstore/db-client';
import { EventRegistry, type Clock } from '@rapport/core';
import { EsdbEventStore } from './esdbEventStore.js';
import { EsdbReadModelStore } from './esdbReadModelStore.js';

/**
 * The event store and read-model store for `createCrm`, on one EventStoreDB connection:
 * `createCrm({ ...esdbStores(url), vault })`. `close()` disposes the connection.
 */
export const esdbStores = (connectionString: string, options: { clock?: Clock } = {}) => {
  const client = EventStoreDBClient.connectionString(connectionString);
  const registry = new EventRegistry();
  const eventStore = new EsdbEventStore({ registry, client, ...(options.clock ? { clock: options.clock } : {}) });
  const readModels = new EsdbReadModelStore({ client });
  return {
    registry,
    eventStore,
    readModels,
    /** Close both stores and the connection. */
    close: async () => {
      await eventStore.close();
      await readModels.close();
      await client.dispose();
    },
  };
};
