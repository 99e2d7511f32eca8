/** Sales territories (地域): matching by postcode, city, province, industry; reps in turn; moves on redefinition. */
export * from './values.js';
export * from './events.js';
export * from './commands.js';
export * from './decider.js';
export * from './match.js';
export * from './streams.js';
export * from './workflows.js';
export * from './book.js';
