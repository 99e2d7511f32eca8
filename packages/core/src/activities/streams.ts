import type * as t from 'io-ts';
import type { CommandHandlerDefinition } from '../kernel/commandHandler.js';
import { streamName } from '../kernel/streams.js';
import { ActivityCommand } from './commands.js';
import { agentCalendarDeciderFor, type AgentCalendar } from './decider.js';
import type { ActivityEvent } from './events.js';
import { defaultActivitiesPolicy, type ActivitiesPolicy } from './policy.js';

/** `calendar-<tenant>.<agentId>`: everything on one agent's calendar. */
export const AGENT_CALENDAR_CATEGORY = 'calendar';
export const agentCalendarStream = (tenantId: string, agentId: string): string => streamName(AGENT_CALENDAR_CATEGORY, tenantId, agentId);

/** The agent calendar aggregate for the command bus (the policy's agent list decides who is known). */
export const agentCalendarHandlerFor = (
  policy: ActivitiesPolicy = defaultActivitiesPolicy,
): CommandHandlerDefinition<AgentCalendar, ActivityCommand, ActivityEvent, t.OutputOf<typeof ActivityCommand>> => ({
  name: 'activities.calendar',
  commands: ActivityCommand,
  decider: agentCalendarDeciderFor(policy),
  streamOf: (c, tenantId) => agentCalendarStream(tenantId, c.data.agentId),
});
