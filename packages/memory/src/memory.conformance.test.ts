import { eventStoreConformance, readModelStoreConformance } from '@rapport/core/testing';
import { MemoryEventStore } from './memoryEventStore.js';
import { MemoryReadModelStore } from './index.js';

/** The in-memory stores pass the same conformance suites every adapter must pass. */
eventStoreConformance('MemoryEventStore', {
  create: async ({ registry, clock }) => new MemoryEventStore({ registry, clock }),
  destroy: (store) => store.close(),
});

readModelStoreConformance('MemoryReadModelStore', {
  create: async () => new MemoryReadModelStore(),
  destroy: (store) => store.close(),
});
