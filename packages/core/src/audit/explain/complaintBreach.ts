import { complaintDetailProjection, type ComplaintDetail } from '../../complaints/projections/complaintDetail.js';
import type { ExplainedStep, Explainer } from './explainer.js';

type Doc = ComplaintDetail | null;

const effect = (before: Doc, after: ComplaintDetail): string => {
  for (const clock of ['firstResponse', 'resolution'] as const) {
    const b = after.breaches[clock];
    if (b && !before?.breaches[clock]) return `${clock} breached (due ${b.dueAt})`;
  }
  const due = (d: Doc): string => `${d?.firstResponseDueAt ?? '-'}|${d?.resolutionDueAt ?? '-'}`;
  if (due(before) !== due(after))
    return `due: first response ${after.firstResponseDueAt ?? 'paused'}, resolution ${after.resolutionDueAt ?? 'paused'}`;
  return 'no SLA effect';
};

/**
 * Complaint SLA breaches (DOMAIN §5): each event of the complaint with what it did to the
 * SLA clocks (due times set, paused, breached). The value is the breaches recorded.
 */
export const complaintBreachExplainer: Explainer<Doc> = {
  what: 'complaintBreach',
  projection: () => complaintDetailProjection.name,
  explain(steps, doc) {
    const lines: ExplainedStep<Doc>[] = [];
    for (const step of steps) {
      if (!step.after) continue;
      const entry = step.after.history.at(-1);
      lines.push({ step, contribution: effect(step.before, step.after), text: `${step.event.type}${entry?.note ? `: ${entry.note}` : ''}` });
    }
    return { value: doc ? { breaches: doc.breaches, firstResponseDueAt: doc.firstResponseDueAt, resolutionDueAt: doc.resolutionDueAt, status: doc.status } : null, lines };
  },
};
