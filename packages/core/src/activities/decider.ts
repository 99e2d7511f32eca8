import * as E from 'fp-ts/lib/Either.js';
import { absurd } from 'fp-ts/lib/function.js';
import type { IsoInstant } from '../kernel/codecs.js';
import type { Decider } from '../kernel/decider.js';
import { domainError, type DomainError, type FieldPath } from '../kernel/errors.js';
import type { ActivityCommand } from './commands.js';
import type { ActivityEvent } from './events.js';
import type { ActivitiesPolicy } from './policy.js';
import { holdsTime, overlaps, type ActivityKind, type ActivityStatus } from './values.js';

export const ACTIVITY_ERROR_CODES = [
  'ACTIVITY_EXISTS',
  'ACTIVITY_NOT_FOUND',
  'ACTIVITY_CONFLICT',
  'ACTIVITY_ENDS_BEFORE_START',
  'ACTIVITY_UNKNOWN_AGENT',
  'ACTIVITY_NOT_A_PARTICIPANT',
  'ACTIVITY_ILLEGAL_MOVE',
] as const;
export type ActivityErrorCode = (typeof ACTIVITY_ERROR_CODES)[number];

/** One entry of an agent's calendar (a task's start and end are its due time). */
export interface CalendarEntry {
  readonly kind: ActivityKind;
  readonly start: IsoInstant;
  readonly end: IsoInstant;
  readonly tentative: boolean;
  readonly status: ActivityStatus;
  /** The start the last reminder was sent for. */
  readonly remindedFor: string | null;
}

/** One agent's calendar: every activity on it, by id. */
export interface AgentCalendar {
  readonly entries: Readonly<Record<string, CalendarEntry>>;
}

type Decision = E.Either<DomainError<ActivityErrorCode>, readonly ActivityEvent[]>;
const no = (code: ActivityErrorCode, message: string, path: FieldPath, details?: Record<string, unknown>): Decision => E.left(domainError(code, message, path, details));

/** Whether an entry holds the agent's time: a confirmed appointment or meeting that is not cancelled. */
export const holdsAgentTime = (e: CalendarEntry): boolean => holdsTime(e.kind) && !e.tentative && e.status !== 'cancelled';

/** The first entry (earliest start, then id) holding time that overlaps `[start, end)`, other than `except`. */
export const firstConflict = (cal: AgentCalendar, interval: { start: string; end: string }, except?: string): string | undefined =>
  Object.entries(cal.entries)
    .filter(([id, e]) => id !== except && holdsAgentTime(e) && overlaps(e, interval))
    .sort(([a, x], [b, y]) => (x.start !== y.start ? (x.start < y.start ? -1 : 1) : a < b ? -1 : a > b ? 1 : 0))[0]?.[0];

const conflict = (id: string, field: string): Decision =>
  no('ACTIVITY_CONFLICT', `the agent already holds ${id} at that time`, ['data', field], { conflictingActivityId: id });

/** Interval checks: end not before start; an appointment or meeting must last. */
const badInterval = (kind: ActivityKind, start: string, end: string): Decision | undefined => {
  if (end < start) return no('ACTIVITY_ENDS_BEFORE_START', `end ${end} is before start ${start}`, ['data', 'end']);
  if (end === start && holdsTime(kind)) return no('ACTIVITY_ENDS_BEFORE_START', `an ${kind} must end after it starts`, ['data', 'end']);
  return undefined;
};

const decideFor =
  (policy: Pick<ActivitiesPolicy, 'agents'>) =>
  (c: ActivityCommand, s: AgentCalendar): Decision => {
    const { agentId, activityId } = c.data;
    const known = (a: string) => policy.agents.length === 0 || policy.agents.includes(a as never);
    if (!known(agentId)) return no('ACTIVITY_UNKNOWN_AGENT', `${agentId} is not one of the shop's agents`, ['data', 'agentId']);
    const entry = s.entries[activityId];
    if (c.type === 'ScheduleActivity' || c.type === 'AddTask') {
      if (entry) return no('ACTIVITY_EXISTS', `${activityId} is already on ${agentId}'s calendar`, ['data', 'activityId']);
      if (c.type === 'AddTask') return E.right([{ type: 'TaskAdded', data: c.data }]);
      const { kind, start, end, tentative, participants } = c.data;
      const unknown = participants.findIndex((p) => !known(p));
      if (unknown >= 0) return no('ACTIVITY_UNKNOWN_AGENT', `${participants[unknown]} is not one of the shop's agents`, ['data', 'participants', unknown]);
      if (!participants.includes(agentId)) return no('ACTIVITY_NOT_A_PARTICIPANT', `${agentId} is not among the participants`, ['data', 'participants']);
      const bad = badInterval(kind, start, end);
      if (bad) return bad;
      if (holdsTime(kind) && !tentative) {
        const first = firstConflict(s, { start, end });
        if (first) return conflict(first, 'start');
      }
      return E.right([{ type: 'ActivityScheduled', data: c.data }]);
    }
    if (!entry) return no('ACTIVITY_NOT_FOUND', `${activityId} is not on ${agentId}'s calendar`, ['data', 'activityId']);
    const illegal = (what: string) =>
      no('ACTIVITY_ILLEGAL_MOVE', `activity is ${entry.status === 'scheduled' && entry.kind === 'task' ? 'open' : entry.status}: ${what}`, ['data', 'activityId'], {
        status: entry.status,
        command: c.type,
      });
    switch (c.type) {
      case 'RescheduleActivity': {
        if (entry.status !== 'scheduled') return illegal('only a scheduled activity can be rescheduled');
        if (entry.kind === 'task') return illegal('a task has a due time, not a start and end');
        const bad = badInterval(entry.kind, c.data.start, c.data.end);
        if (bad) return bad;
        if (c.data.start === entry.start && c.data.end === entry.end) return E.right([]);
        if (holdsAgentTime(entry)) {
          const first = firstConflict(s, c.data, activityId);
          if (first) return conflict(first, 'start');
        }
        return E.right([
          { type: 'ActivityRescheduled', data: { agentId, activityId, start: c.data.start, end: c.data.end, previousStart: entry.start, previousEnd: entry.end, at: c.data.at } },
        ]);
      }
      case 'ConfirmActivity': {
        if (entry.status !== 'scheduled' || !holdsTime(entry.kind)) return illegal('only a scheduled appointment or meeting can be confirmed');
        if (!entry.tentative) return E.right([]);
        const first = firstConflict(s, entry, activityId);
        if (first) return conflict(first, 'activityId');
        return E.right([{ type: 'ActivityConfirmed', data: { agentId, activityId, at: c.data.at } }]);
      }
      case 'CompleteActivity':
        if (entry.status !== 'scheduled') return illegal('only a scheduled activity or open task can be completed');
        return E.right([{ type: 'ActivityCompleted', data: { agentId, activityId, at: c.data.at } }]);
      case 'ReopenTask':
        if (entry.kind !== 'task' || entry.status !== 'done') return illegal('only a done task can be reopened');
        return E.right([{ type: 'TaskReopened', data: { agentId, activityId, at: c.data.at } }]);
      case 'CancelActivity':
        if (entry.status !== 'scheduled') return illegal('only a scheduled activity or open task can be cancelled');
        return E.right([{ type: 'ActivityCancelled', data: { agentId, activityId, reason: c.data.reason, at: c.data.at } }]);
      case 'SendActivityReminder':
        // a stale due list (moved, cancelled, already reminded) is not an error: nothing to do
        if (entry.status !== 'scheduled' || entry.kind === 'task' || entry.start !== c.data.start || entry.remindedFor === c.data.start) return E.right([]);
        return E.right([{ type: 'ActivityReminderSent', data: c.data }]);
      default:
        return absurd(c);
    }
  };

const evolve = (s: AgentCalendar, e: ActivityEvent): AgentCalendar => {
  const id = e.data.activityId;
  const entry = s.entries[id];
  const put = (next: CalendarEntry): AgentCalendar => ({ entries: { ...s.entries, [id]: next } });
  switch (e.type) {
    case 'ActivityScheduled':
      return put({ kind: e.data.kind, start: e.data.start, end: e.data.end, tentative: e.data.tentative, status: 'scheduled', remindedFor: null });
    case 'TaskAdded':
      return put({ kind: 'task', start: e.data.dueAt, end: e.data.dueAt, tentative: false, status: 'scheduled', remindedFor: null });
    default:
      if (!entry) return s;
  }
  switch (e.type) {
    case 'ActivityRescheduled':
      return put({ ...entry, start: e.data.start, end: e.data.end });
    case 'ActivityConfirmed':
      return put({ ...entry, tentative: false });
    case 'ActivityCompleted':
      return put({ ...entry, status: 'done' });
    case 'TaskReopened':
      return put({ ...entry, status: 'scheduled' });
    case 'ActivityCancelled':
      return put({ ...entry, status: 'cancelled' });
    case 'ActivityReminderSent':
      return put({ ...entry, remindedFor: e.data.start });
    default:
      return absurd(e);
  }
};

/**
 * One agent's calendar. An agent cannot hold two overlapping confirmed appointments or
 * meetings (`[start, end)`: touching ones do not overlap); the second is refused with the
 * id of the first. Tentative ones are allowed and are checked again when confirmed.
 */
export const agentCalendarDeciderFor = (
  policy: Pick<ActivitiesPolicy, 'agents'>,
): Decider<AgentCalendar, ActivityCommand, ActivityEvent, DomainError<ActivityErrorCode>> => ({
  initialState: () => ({ entries: {} }),
  decide: decideFor(policy),
  evolve,
});
