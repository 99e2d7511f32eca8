import type { IsoInstant } from '../../kernel/codecs.js';
import type { StoredEvent } from '../../kernel/envelope.js';
import type { Projection } from '../../kernel/projection.js';
import { evolveComplaint, openComplaintStatuses, type FiledComplaint } from '../decider.js';
import { ComplaintEvent, type SlaClock } from '../events.js';
import type { ComplaintPriority } from '../policy.js';
import { closePausesAt, slaDueAt } from '../sla.js';

/** One line of a complaint's history. */
export interface ComplaintHistoryEntry {
  readonly type: ComplaintEvent['type'];
  readonly at: IsoInstant;
  /** Who did it (`<actor kind>:<actor id>`). */
  readonly by: string;
  readonly note: string;
}

/** Everything about one complaint: state, timers, due times, breaches, escalation level, history. */
export interface ComplaintDetail extends FiledComplaint {
  readonly tenantId: string;
  readonly priority: ComplaintPriority;
  readonly filedAt: IsoInstant;
  /** Not yet resolved (or reopened). */
  readonly open: boolean;
  /** When the first response is (was) due; null while a pause holds the clock short. */
  readonly firstResponseDueAt: IsoInstant | null;
  /** When the resolution is (was) due; null while a pause holds the clock short. */
  readonly resolutionDueAt: IsoInstant | null;
  /** The due time of the earliest clock still running; null when none runs or it is held by a pause. */
  readonly nextDueAt: IsoInstant | null;
  readonly nextDueClock: SlaClock | null;
  readonly history: readonly ComplaintHistoryEntry[];
}

const noteOf = (e: ComplaintEvent): string => {
  switch (e.type) {
    case 'ComplaintFiled':
      return `${e.data.category} via ${e.data.channel}, ${e.data.severity} → ${e.data.sla.priority} (tier ${e.data.customerTier})`;
    case 'ComplaintAssigned':
    case 'ComplaintAcknowledged':
    case 'ComplaintWorkStarted':
      return e.data.agentId;
    case 'ComplaintCustomerAsked':
      return e.data.question;
    case 'ComplaintCustomerAnswered':
      return e.data.answer;
    case 'ComplaintResolved':
      return e.data.resolution.kind === 'rejected' ? `rejected: ${e.data.resolution.reason}` : e.data.resolution.kind;
    case 'ComplaintClosed':
      return '';
    case 'ComplaintReopened':
      return e.data.reason;
    case 'ComplaintEscalated':
      return `level ${e.data.fromLevel} → ${e.data.toLevel} (${e.data.trigger}): ${e.data.reason}`;
    case 'ComplaintSlaBreached':
      return `${e.data.clock} was due at ${e.data.dueAt}`;
    case 'ComplaintSatisfactionRated':
      return `${e.data.score} of 5`;
  }
};

/** Due times and the running clock of a complaint state (shared by the read model and `dueComplaintWork`). */
export const complaintDueTimes = (c: FiledComplaint) => {
  const open = openComplaintStatuses.includes(c.status);
  const t = c.timers;
  const firstResponseDueAt = slaDueAt(t, 'firstResponse');
  // once resolved, show the due time that applied at the resolution
  const resolutionDueAt = open ? slaDueAt(t, 'resolution') : slaDueAt(closePausesAt(t, c.resolvedAt ?? c.lastAt), 'resolution');
  const running: SlaClock | null = c.status === 'filed' ? 'firstResponse' : open ? 'resolution' : null;
  const nextDueAt = running === 'firstResponse' ? firstResponseDueAt : running === 'resolution' ? resolutionDueAt : null;
  return { open, firstResponseDueAt, resolutionDueAt, nextDueAt, nextDueClock: running };
};

/** `complaints.detail`: one document per complaint. Needs no policy: SLA terms travel on ComplaintFiled. */
export const complaintDetailProjection: Projection<ComplaintDetail | null, ComplaintEvent> = {
  name: 'complaints.detail',
  version: 1,
  events: ComplaintEvent,
  init: () => null,
  keyOf: (e) => e.data.complaintId,
  apply: (doc, e: StoredEvent<ComplaintEvent>) => {
    const next = evolveComplaint(doc ?? { status: 'none' }, e);
    if (next.status === 'none') return doc;
    const { tenantId, actor } = e.metadata;
    const entry: ComplaintHistoryEntry = { type: e.type, at: e.data.at, by: `${actor.kind}:${actor.id}`, note: noteOf(e) };
    return {
      ...next,
      tenantId,
      priority: next.timers.sla.priority,
      filedAt: next.timers.filedAt,
      ...complaintDueTimes(next),
      history: [...(doc?.history ?? []), entry],
    };
  },
};
