/**
 * Partners (合作伙伴): resellers, campus agents and partner sites, each granted a scope — the
 * customers it brought or was granted and the opportunities assigned to it. Reads through
 * `crm.as(partner)` see only that scope (anything else reads as not found) and each one is
 * recorded in the partner's access log. Streams `partner-<tenant>.<partnerId>` and
 * `partnerAccess-<tenant>.<partnerId>`.
 */
export * from './ids.js';
export * from './values.js';
export * from './events.js';
export * from './commands.js';
export * from './decider.js';
export * from './streams.js';
export * from './projections/scope.js';
export * from './access.js';
export * from './accessLog.js';
export * from './module.js';
