import * as t from 'io-ts';
import { IsoInstant, ShortText, tagged } from '../kernel/codecs.js';
import { AgentId } from '../shared/ids.js';
import { nullable } from '../customers/values.js';
import { ActivityScheduled, TaskAdded } from './events.js';
import { CalendarActivityId } from './ids.js';

/**
 * Put an activity on one agent's calendar. A meeting with several agents goes through
 * {@link bookActivity}, which schedules it on every participant's calendar.
 */
export const ScheduleActivity = tagged('ScheduleActivity', ActivityScheduled.props.data.props);
export const AddTask = tagged('AddTask', TaskAdded.props.data.props);
const target = { agentId: AgentId, activityId: CalendarActivityId, at: IsoInstant };
export const RescheduleActivity = tagged('RescheduleActivity', { ...target, start: IsoInstant, end: IsoInstant });
export const ConfirmActivity = tagged('ConfirmActivity', target);
export const CompleteActivity = tagged('CompleteActivity', target);
export const ReopenTask = tagged('ReopenTask', target);
export const CancelActivity = tagged('CancelActivity', { ...target, reason: nullable(ShortText) });
/** Sent by `runDue` when a reminder falls due; `start` is the start it reminds of. */
export const SendActivityReminder = tagged('SendActivityReminder', { agentId: AgentId, activityId: CalendarActivityId, start: IsoInstant, remindAt: IsoInstant });

export const ActivityCommand = t.union([ScheduleActivity, AddTask, RescheduleActivity, ConfirmActivity, CompleteActivity, ReopenTask, CancelActivity, SendActivityReminder]);
export type ActivityCommand = t.TypeOf<typeof ActivityCommand>;
