/** Business calendar: business hours in the policy time zone and SLA clocks. Pure. */
export * from './businessHours.js';
export * from './zoned.js';
export * from './clock.js';
export * from './localDate.js';
