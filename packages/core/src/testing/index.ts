export {};
export { eventStoreConformance, type EventStoreConformanceOptions } from './eventStoreConformance.js';
export { readModelStoreConformance, type ReadModelStoreConformanceOptions } from './readModelStoreConformance.js';
export * as conformanceEvents from './conformanceEvents.js';
export { specFor, type DeciderSpecification, type DeciderThen, type DeciderWhen, type Refusal } from './deciderSpecification.js';
export { foldMismatches, type FoldMismatch } from './foldMismatches.js';
