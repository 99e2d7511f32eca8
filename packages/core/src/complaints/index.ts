/**
 * Complaints (售后): filing with an SLA fixed by severity and tier, acknowledgement, work,
 * awaiting the customer (clocks pause), resolution, closing, reopening, escalation,
 * breaches recorded by `dueComplaintWork`, satisfaction.
 */
export * from './policy.js';
export * from './events.js';
export * from './commands.js';
export * from './sla.js';
export * from './decider.js';
export * from './streams.js';
export * from './due.js';
export * from './projections/complaintDetail.js';
export * from './projections/openComplaintQueue.js';
export * from './module.js';
