/**
 * @rapport/memory: the in-memory EventStore and ReadModelStore. For tests, demos and
 * single-process embeddings; everything is lost when the process ends.
 */
export { MemoryEventStore, type MemoryEventStoreOptions } from './memoryEventStore.js';
export { MemoryReadModelStore } from './memoryReadModelStore.js';
export { MemoryVault, type MemoryVaultOptions } from './memoryVault.js';
export { memoryStores } from './memoryStores.js';
