/** The sales context (销售管理): opportunities, their documents and reports (DOMAIN §12). */
export * from './ids.js';
export * from './values.js';
export * from './policy.js';
export * from './events.js';
export * from './commands.js';
export * from './decider.js';
export * from './streams.js';
export * from './projections/opportunity.js';
export * from './reports.js';
export * from './reads.js';
export * from './openFromLead.js';
export * from './territories/index.js';
export * from './module.js';
