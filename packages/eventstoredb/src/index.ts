export { EsdbEventStore, type EsdbEventStoreOptions } from './esdbEventStore.js';
export { EsdbReadModelStore, checkpointStream, documentStream, type EsdbReadModelStoreOptions } from './esdbReadModelStore.js';
export { esdbStores } from './esdbStores.js';
export { CHECKPOINT_PREFIX, DOCUMENT_PREFIX, isHiddenStream } from './internalStreams.js';
