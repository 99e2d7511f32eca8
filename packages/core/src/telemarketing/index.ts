/**
 * Telemarketing (电话营销, DOMAIN §12): call lists from a segment or query (phone consent
 * only, checked again at dial time), numbers spread over the agents in turn, call
 * outcomes, callbacks as call activities, "do not call" withdrawing phone consent at once,
 * conversion = a paid order within 7 × 24 h of a reached call. Stream `call_list-<tenantId>.<listId>`.
 */
export * from './ids.js';
export * from './values.js';
export * from './events.js';
export * from './commands.js';
export * from './errors.js';
export * from './policy.js';
export * from './decider.js';
export * from './streams.js';
export * from './conversion.js';
export * from './buildCallList.js';
export * from './checkDial.js';
export * from './recordCall.js';
export * from './projections/listProgress.js';
export * from './projections/customerCalls.js';
export * from './reads.js';
export * from './module.js';
