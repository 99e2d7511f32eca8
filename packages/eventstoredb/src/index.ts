export { EsdbEventStore, type EsdbEventStoreOptions } from './esdbEventStore.js';


export { CHECKPOINT_PREFIX, DOCUMENT_PREFIX, isHiddenStream } from './internalStreams.js';
