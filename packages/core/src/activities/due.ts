import type { Command } from '../kernel/command.js';
import { deriveId } from '../kernel/ids.js';
import type { ActivityDoc } from './projections/activity.js';

/** The command `runDue` sends when a reminder falls due. */
export type SendActivityReminderCommand = Command<'SendActivityReminder', { readonly agentId: string; readonly activityId: string; readonly start: string; readonly remindAt: string }>;

/**
 * Reminders due at `now`: scheduled activities with a start (not tasks) whose reminder time
 * `start − minutesBefore` has come and whose start has not (a reminder after the start is
 * no use). The commandId derives from agent, activity and start, so any later `now` issues
 * the same command and the calendar records one reminder; a rescheduled activity gets a new one.
 */
export const dueActivityReminders = (now: string, docs: Iterable<ActivityDoc>, minutesBefore: number): SendActivityReminderCommand[] =>
  [...docs]
    .filter((d) => d.status === 'scheduled' && d.kind !== 'task' && d.remindedFor !== d.start && now < d.start)
    .map((d) => ({ d, remindAt: new Date(Date.parse(d.start) - minutesBefore * 60_000).toISOString() }))
    .filter(({ remindAt }) => remindAt <= now)
    .sort((a, b) => (a.remindAt !== b.remindAt ? (a.remindAt < b.remindAt ? -1 : 1) : a.d.agentId + a.d.activityId < b.d.agentId + b.d.activityId ? -1 : 1))
    .map(({ d, remindAt }) => ({
      type: 'SendActivityReminder',
      data: { agentId: d.agentId, activityId: d.activityId, start: d.start, remindAt },
      metadata: {
        commandId: deriveId('activities.remind', d.tenantId, d.agentId, d.activityId, d.start),
        tenantId: d.tenantId,
        actor: { kind: 'system', id: 'runDue' },
        occurredAt: remindAt,
      },
    }));
