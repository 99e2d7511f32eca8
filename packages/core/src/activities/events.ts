import * as t from 'io-ts';
import { IsoInstant, ShortText, tagged } from '../kernel/codecs.js';
import { AgentId } from '../shared/ids.js';
import { nullable } from '../customers/values.js';
import { CalendarActivityId } from './ids.js';
import { ActivityLinks, TimedKind } from './values.js';

/**
 * Events of one agent's calendar, stream `calendar-<tenant>.<agentId>`: every activity the
 * agent takes part in, so the overlap check sees all of the agent's appointments at once.
 */
export const ActivityScheduled = tagged('ActivityScheduled', {
  agentId: AgentId,
  activityId: CalendarActivityId,
  kind: TimedKind,
  title: ShortText,
  start: IsoInstant,
  end: IsoInstant,
  tentative: t.boolean,
  /** Every agent taking part (this one included). */
  participants: t.array(AgentId),
  links: ActivityLinks,
  at: IsoInstant,
});
export const TaskAdded = tagged('TaskAdded', { agentId: AgentId, activityId: CalendarActivityId, title: ShortText, dueAt: IsoInstant, links: ActivityLinks, at: IsoInstant });
export const ActivityRescheduled = tagged('ActivityRescheduled', {
  agentId: AgentId,
  activityId: CalendarActivityId,
  start: IsoInstant,
  end: IsoInstant,
  previousStart: IsoInstant,
  previousEnd: IsoInstant,
  at: IsoInstant,
});
/** A tentative appointment or meeting now holds the agent's time. */
export const ActivityConfirmed = tagged('ActivityConfirmed', { agentId: AgentId, activityId: CalendarActivityId, at: IsoInstant });
/** Done (a task) or held (anything else). */
export const ActivityCompleted = tagged('ActivityCompleted', { agentId: AgentId, activityId: CalendarActivityId, at: IsoInstant });
export const TaskReopened = tagged('TaskReopened', { agentId: AgentId, activityId: CalendarActivityId, at: IsoInstant });
export const ActivityCancelled = tagged('ActivityCancelled', { agentId: AgentId, activityId: CalendarActivityId, reason: nullable(ShortText), at: IsoInstant });
export const ActivityReminderSent = tagged('ActivityReminderSent', {
  agentId: AgentId,
  activityId: CalendarActivityId,
  /** The start the reminder was for (a rescheduled activity is reminded again). */
  start: IsoInstant,
  remindAt: IsoInstant,
});

export const ActivityEvent = t.union([
  ActivityScheduled,
  TaskAdded,
  ActivityRescheduled,
  ActivityConfirmed,
  ActivityCompleted,
  TaskReopened,
  ActivityCancelled,
  ActivityReminderSent,
]);
export type ActivityEvent = t.TypeOf<typeof ActivityEvent>;
