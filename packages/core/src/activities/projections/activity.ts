import type { StoredEvent } from '../../kernel/envelope.js';
import type { Projection } from '../../kernel/projection.js';
import type { ReadModelStore } from '../../kernel/readModelStore.js';
import { ActivityEvent } from '../events.js';
import type { ActivityKind, ActivityLinks, ActivityStatus } from '../values.js';

/** One activity on one agent's calendar (`activities.entry`, keyed `<agentId>:<activityId>`). */
export interface ActivityDoc {
  readonly tenantId: string;
  readonly agentId: string;
  readonly activityId: string;
  readonly kind: ActivityKind;
  readonly title: string;
  /** A task's start and end are its due time. */
  readonly start: string;
  readonly end: string;
  readonly tentative: boolean;
  readonly status: ActivityStatus;
  readonly participants: readonly string[];
  readonly links: ActivityLinks;
  readonly remindedFor: string | null;
}

const EMPTY: ActivityDoc = {
  tenantId: '',
  agentId: '',
  activityId: '',
  kind: 'task',
  title: '',
  start: '',
  end: '',
  tentative: false,
  status: 'scheduled',
  participants: [],
  links: {},
  remindedFor: null,
};

const apply = (d: ActivityDoc, e: StoredEvent<ActivityEvent>): ActivityDoc => {
  const tenantId = e.metadata.tenantId;
  switch (e.type) {
    case 'ActivityScheduled': {
      const { agentId, activityId, kind, title, start, end, tentative, participants, links } = e.data;
      return { ...EMPTY, tenantId, agentId, activityId, kind, title, start, end, tentative, participants, links };
    }
    case 'TaskAdded': {
      const { agentId, activityId, title, dueAt, links } = e.data;
      return { ...EMPTY, tenantId, agentId, activityId, kind: 'task', title, start: dueAt, end: dueAt, participants: [agentId], links };
    }
    case 'ActivityRescheduled':
      return { ...d, start: e.data.start, end: e.data.end };
    case 'ActivityConfirmed':
      return { ...d, tentative: false };
    case 'ActivityCompleted':
      return { ...d, status: 'done' };
    case 'TaskReopened':
      return { ...d, status: 'scheduled' };
    case 'ActivityCancelled':
      return { ...d, status: 'cancelled' };
    case 'ActivityReminderSent':
      return { ...d, remindedFor: e.data.start };
  }
};

/** The document id of an activity on an agent's calendar. */
export const activityKey = (agentId: string, activityId: string): string => `${agentId}:${activityId}`;

/** Every activity on every agent's calendar: what the day calendars, task lists and reminders read. */
export const activityEntries: Projection<ActivityDoc, ActivityEvent> = {
  name: 'activities.entry',
  version: 1,
  events: ActivityEvent,
  init: () => EMPTY,
  keyOf: (e) => activityKey(e.data.agentId, e.data.activityId),
  apply,
};

/** One shop's activity documents (optionally only one status). */
export const readActivities = async (readModels: ReadModelStore, tenantId: string, status?: ActivityStatus): Promise<ActivityDoc[]> => {
  const out: ActivityDoc[] = [];
  for await (const d of readModels.query<ActivityDoc>(activityEntries.name, tenantId, status ? { where: { status } } : {})) out.push(d);
  return out;
};
