import { EventRegistry, MemoryReadModelStore, type Clock } from '@rapport/core';
import { MemoryEventStore } from './memoryEventStore.js';
import { MemoryVault } from './memoryVault.js';

/** Everything `createCrm` needs, in memory: `createCrm({ ...memoryStores() })`. */
export const memoryStores = (options: { clock?: Clock } = {}) => {
  const registry = new EventRegistry();
  return {
    registry,
    eventStore: new MemoryEventStore({ registry, ...(options.clock ? { clock: options.clock } : {}) }),
    readModels: new MemoryReadModelStore(),
    vault: new MemoryVault(),
  };
};
