export {};
export { eventStoreConformance, type EventStoreConformanceOptions } from './eventStoreConformance.js';
export { readModelStoreConformance, type ReadModelStoreConformanceOptions } from './readModelStoreConformance.js';
export * as conformanceEvents from './conformanceEvents.js';
