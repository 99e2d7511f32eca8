/**
 * Customer service (客服中心): inquiries (询单) with response times, their conversion into
 * paid orders within 24 h, agent shifts, agent KPIs per day and shift, the shop summary.
 */
export * from './policy.js';
export * from './shifts.js';
export * from './kpiMath.js';
export * from './inquiries/events.js';
export * from './inquiries/commands.js';
export * from './inquiries/decider.js';
export * from './inquiries/streams.js';
export * from './conversions/events.js';
export * from './conversions/commands.js';
export * from './conversions/decider.js';
export * from './conversions/streams.js';
export * from './conversions/reactor.js';
export * from './projections/agentKpi.js';
export * from './projections/shopServiceSummary.js';
export * from './module.js';
