/** The customers context: registration, profile, contact log, consent, erasure (DOMAIN §1, §8). */
export { AcquisitionChannel, BodySize, CONSENT_CHANNELS, ConsentChannel, ContactType, Gender, HouseholdMember } from './values.js';
export * from './events.js';
export * from './commands.js';
export * from './decider.js';
export * from './streams.js';
export * from './handlers.js';
export * from './contactClaims/events.js';
export * from './contactClaims/commands.js';
export * from './contactClaims/decider.js';
export * from './input.js';
export { type CustomerWorkflowDeps } from './workflow.js';
export * from './registration.js';
export * from './profileUpdate.js';
export * from './erasure.js';
export * from './projections/customerProfile.js';
export * from './projections/readCustomerProfile.js';
export * from './module.js';
