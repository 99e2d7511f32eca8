/** The activities context (时间管理): tasks, appointments, meetings, calls and emails on agents' calendars (DOMAIN §12). */
export * from './ids.js';
export * from './values.js';
export * from './policy.js';
export * from './events.js';
export * from './commands.js';
export * from './decider.js';
export * from './streams.js';
export * from './bookActivity.js';
export * from './rescheduleMeeting.js';
export * from './projections/activity.js';
export * from './views.js';
export * from './due.js';
export * from './reads.js';
export * from './module.js';
