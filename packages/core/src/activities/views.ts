import { localDateOf } from '../calendar/localDate.js';
import type { ActivityDoc } from './projections/activity.js';
import type { ActivityLinks } from './values.js';

const byStartThenId = (a: ActivityDoc, b: ActivityDoc): number =>
  a.start !== b.start ? (a.start < b.start ? -1 : 1) : a.activityId < b.activityId ? -1 : a.activityId > b.activityId ? 1 : 0;

export interface AgentDay {
  readonly agentId: string;
  /** The agent's activities (not cancelled) that touch the local date, by start then id. */
  readonly activities: readonly ActivityDoc[];
}

/**
 * The team calendar for a local date (`YYYY-MM-DD` in `timeZone`): each agent's activities
 * from the first local date of its start to the local date of its end, agents by id. A
 * task shows on the date it is due. Cancelled ones are left out.
 */
export const teamDayOf = (docs: Iterable<ActivityDoc>, date: string, timeZone: string, agents?: readonly string[]): AgentDay[] => {
  const days = new Map<string, ActivityDoc[]>();
  for (const a of agents ?? []) days.set(a, []);
  for (const d of docs) {
    if (d.status === 'cancelled') continue;
    if (agents && !agents.includes(d.agentId)) continue;
    // an activity ending exactly at local midnight does not touch the next date
    const last = d.end > d.start ? localDateOf(new Date(Date.parse(d.end) - 1).toISOString(), timeZone) : localDateOf(d.start, timeZone);
    if (localDateOf(d.start, timeZone) > date || last < date) continue;
    days.set(d.agentId, [...(days.get(d.agentId) ?? []), d]);
  }
  return [...days.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([agentId, activities]) => ({ agentId, activities: [...activities].sort(byStartThenId) }));
};

/** Open tasks by due time (then id), optionally one agent's. */
export const openTasksOf = (docs: Iterable<ActivityDoc>, agentId?: string): ActivityDoc[] =>
  [...docs].filter((d) => d.kind === 'task' && d.status === 'scheduled' && (agentId === undefined || d.agentId === agentId)).sort(byStartThenId);

/**
 * A customer 360 section (or a lead's, opportunity's, complaint's): the activities linked
 * to it, once per activity (a meeting is on several calendars), by start then id.
 * Cancelled ones are left out (a meeting released by `bookActivity` never happened).
 */
export const activitiesLinkedTo = (docs: Iterable<ActivityDoc>, link: keyof ActivityLinks, id: string): ActivityDoc[] => {
  const seen = new Map<string, ActivityDoc>();
  for (const d of docs) if (d.links[link] === id && d.status !== 'cancelled' && !seen.has(d.activityId)) seen.set(d.activityId, d);
  return [...seen.values()].sort(byStartThenId);
};
