/**
 * @rapport/memory: the in-memory EventStore and ReadModelStore. For tests, demos and
 * single-process embeddings; everything is lost when the process ends.
 */
export { MemoryEventStore, type MemoryEventStoreOptions } from './memoryEventStore.js';
/** The in-memory read models live in the core (as-of replays build on them); re-exported here. */
export { MemoryReadModelStore } from '@rapport/core';
export { MemoryVault, type MemoryVaultOptions } from './memoryVault.js';
export { memoryStores } from './memoryStores.js';
