/** The leads context (潜在客户): capture, qualify, assign, convert, lose (DOMAIN §1). */
export { LossReason, type LeadStage } from './values.js';
export * from './events.js';
export * from './commands.js';
export * from './decider.js';
export * from './streams.js';
export * from './handlers.js';
export * from './projections/leadFunnel.js';
export * from './module.js';
