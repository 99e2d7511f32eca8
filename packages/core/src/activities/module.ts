import type { CrmModule } from '../crm/module.js';
import { dueActivityReminders } from './due.js';
import { ActivityEvent } from './events.js';
import { defaultActivitiesPolicy, type ActivitiesPolicy } from './policy.js';
import { activityEntries, readActivities } from './projections/activity.js';
import { agentCalendarHandlerFor } from './streams.js';

/**
 * The activities context (时间管理) as `createCrm` assembles it, for a policy: one calendar
 * stream per agent, the `activities.entry` projection, and reminders due
 * `reminderMinutesBefore` the start through `runDue` (idempotent). Book multi-agent
 * meetings with `bookActivity`.
 */
export const activitiesModuleFor = (policy: ActivitiesPolicy = defaultActivitiesPolicy): CrmModule => ({
  name: 'activities',
  events: [ActivityEvent],
  deciders: [agentCalendarHandlerFor(policy)],
  projections: [activityEntries],
  due: async (now, context) => dueActivityReminders(now, await readActivities(context.readModels, context.tenantId, 'scheduled'), policy.reminderMinutesBefore),
});

/** The activities context with the default policy (reminders 15 minutes before). */
export const activitiesModule: CrmModule = activitiesModuleFor();
