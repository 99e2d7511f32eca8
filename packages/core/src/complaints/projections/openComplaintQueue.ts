import type { IsoInstant } from '../../kernel/codecs.js';
import type { AgentId, ComplaintId } from '../../shared/ids.js';
import type { ComplaintStatus } from '../decider.js';
import type { ComplaintCategory, EscalationLevel, SlaClock } from '../events.js';
import type { ComplaintPriority } from '../policy.js';
import type { ComplaintDetail } from './complaintDetail.js';

/** One line of the open complaints queue. */
export interface OpenComplaintLine {
  readonly complaintId: ComplaintId;
  readonly priority: ComplaintPriority;
  readonly category: ComplaintCategory;
  readonly status: ComplaintStatus;
  readonly level: EscalationLevel;
  readonly assignee: AgentId | null;
  readonly filedAt: IsoInstant;
  readonly dueAt: IsoInstant | null;
  readonly dueClock: SlaClock | null;
  /** A breach is recorded, or the running clock's due time has passed at `now`. */
  readonly pastSla: boolean;
}

const PRIORITY_RANK: Record<ComplaintPriority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

/**
 * The open complaints as of `now`, soonest due first. A complaint whose due time is unknown
 * (held by a pause) goes after every known one; ties by priority, filing time, then id.
 * Read from `complaints.detail` documents (e.g. `query(..., { where: { open: true } })`).
 */
export const openComplaintQueue = (details: Iterable<ComplaintDetail>, now: IsoInstant): OpenComplaintLine[] =>
  [...details]
    .filter((d) => d.open)
    .map((d) => ({
      complaintId: d.complaintId,
      priority: d.priority,
      category: d.category,
      status: d.status,
      level: d.level,
      assignee: d.assignee,
      filedAt: d.filedAt,
      dueAt: d.nextDueAt,
      dueClock: d.nextDueClock,
      pastSla: d.breaches.firstResponse !== null || d.breaches.resolution !== null || (d.nextDueAt !== null && now > d.nextDueAt),
    }))
    .sort((a, b) => {
      if (a.dueAt !== b.dueAt) {
        if (a.dueAt === null) return 1;
        if (b.dueAt === null) return -1;
        return a.dueAt < b.dueAt ? -1 : 1;
      }
      if (a.priority !== b.priority) return PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority];
      if (a.filedAt !== b.filedAt) return a.filedAt < b.filedAt ? -1 : 1;
      return a.complaintId < b.complaintId ? -1 : a.complaintId > b.complaintId ? 1 : 0;
    });
