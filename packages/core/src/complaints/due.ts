import type { Command } from '../kernel/command.js';
import type { IsoInstant } from '../kernel/codecs.js';
import { deriveId } from '../kernel/ids.js';
import { missesSla } from './sla.js';
import type { SlaClock } from './events.js';
import type { ComplaintDetail } from './projections/complaintDetail.js';

/** The actor of SLA commands issued by `runDue`. */
export const SLA_ACTOR = { kind: 'system', id: 'complaints.sla' } as const;

/**
 * The SLA work due at `now`: for each open complaint whose running clock passed its due
 * time without a recorded breach, a `RecordComplaintSlaBreach` (which also escalates one
 * level). The commandId is derived from tenant, complaint and clock, so running it again —
 * for the same `now` or a later one — has no second effect.
 */
export const dueComplaintWork = (now: IsoInstant, details: Iterable<ComplaintDetail>): Command[] => {
  const out: Command[] = [];
  for (const d of details) {
    if (!d.open) continue;
    const clocks: SlaClock[] = d.status === 'filed' ? ['firstResponse', 'resolution'] : ['resolution'];
    for (const clock of clocks) {
      if (d.breaches[clock] !== null || !missesSla(d.timers, clock, now).missed) continue;
      out.push({
        type: 'RecordComplaintSlaBreach',
        data: { complaintId: d.complaintId, clock, at: now },
        metadata: {
          commandId: deriveId('complaints.slaBreach', d.tenantId, d.complaintId, clock),
          tenantId: d.tenantId,
          actor: SLA_ACTOR,
          occurredAt: now,
        },
      });
    }
  }
  return out.sort((a, b) => (a.metadata.commandId < b.metadata.commandId ? -1 : a.metadata.commandId > b.metadata.commandId ? 1 : 0));
};
