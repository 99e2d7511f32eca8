import type { ReadModelStore } from '../kernel/readModelStore.js';
import { defaultActivitiesPolicy, type ActivitiesPolicy } from './policy.js';
import { readActivities } from './projections/activity.js';
import type { ActivityLinks } from './values.js';
import { activitiesLinkedTo, openTasksOf, teamDayOf } from './views.js';

/** The activities read functions for the read API (over `activities.entry`, caught up by the caller). */
export const activitiesReads = (readModels: ReadModelStore, policy: ActivitiesPolicy = defaultActivitiesPolicy) => ({
  /** Each agent's day for a local date in the policy zone (`agents`: the team to show, empty days included). */
  teamDay: async (tenantId: string, date: string, agents?: readonly string[]) => teamDayOf(await readActivities(readModels, tenantId), date, policy.timeZone, agents),
  openTasks: async (tenantId: string, agentId?: string) => openTasksOf(await readActivities(readModels, tenantId, 'scheduled'), agentId),
  linkedTo: async (tenantId: string, link: keyof ActivityLinks, id: string) => activitiesLinkedTo(await readActivities(readModels, tenantId), link, id),
});
