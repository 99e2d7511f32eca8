import { isRapportError, type ExplainTarget } from '@rapport/core';
import { notFound, usage } from '../errors.js';
import type { Output } from '../output.js';
import { progressBar } from '../progress.js';
import type { OpenedStore } from '../store.js';

const TARGETS: readonly ExplainTarget[] = ['points', 'tier', 'creditScore', 'commission', 'complaintBreach'];

/** The kernel's bad-argument errors are the user's: exit 2, not 1. */
const asUsage = async <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (e) {
    if (isRapportError(e, 'RAPPORT_INVALID_ARGUMENT')) throw usage((e as Error).message);
    throw e;
  }
};

/** `rapport audit timeline <customer>`: every event about the customer, in global order, with who/when/why. */
export const timeline = async (store: OpenedStore, out: Output, tenantId: string, customerId: string, page: { after?: string; limit?: number }) => {
  const result = await asUsage(() => store.crm.audit.timeline(tenantId, customerId, page));
  if (result.entries.length === 0 && page.after === undefined) throw notFound(`no events about customer ${customerId} in shop ${tenantId}`);
  out.result(result, () => {
    for (const e of result.entries)
      out.line(`#${e.globalPosition}  ${e.occurredAt}  ${e.type.padEnd(26)} ${`${e.actor.kind}:${e.actor.id}`.padEnd(22)} ${e.streamName}@${e.streamPosition}  cmd ${e.commandId}${e.causationId ? ` ← ${e.causationId}` : ''}`);
    if (result.next) out.line(`… more: --after ${result.next}`);
  });
};

/** `rapport audit explain <projection> <id> [field]`: the events that produced a value, each with its contribution. */
export const explain = async (store: OpenedStore, out: Output, tenantId: string, what: string, id: string, field: string | undefined, asOf: string | undefined) => {
  if (!TARGETS.includes(what as ExplainTarget)) throw usage(`cannot explain "${what}": choose one of ${TARGETS.join(', ')}`);
  if (field !== undefined && what !== 'creditScore') throw usage(`explain ${what} takes no field (only creditScore takes seller or buyer)`);
  if (field !== undefined && field !== 'seller' && field !== 'buyer') throw usage(`explain creditScore: field "${field}": expected seller or buyer`);
  const result = await asUsage(() =>
    store.crm.audit.explain(tenantId, what as ExplainTarget, id, { ...(asOf ? { asOf } : {}), ...(field ? { role: field as 'seller' | 'buyer' } : {}) }),
  );
  if (!result) throw notFound(`nothing to explain: no ${what} for ${id} in shop ${tenantId}`);
  out.result(result, () => {
    out.line(`${result.projection} of ${result.id} = ${typeof result.value === 'object' ? JSON.stringify(result.value) : String(result.value)}`);
    for (const l of result.lines) out.line(`  ${String(l.contribution).padStart(8)}  ${l.occurredAt}  ${l.type.padEnd(24)} ${l.eventId.slice(0, 8)}…  ${l.text}`);
  });
};

/** `rapport audit verify`: walk every stream's hash chain; name the first event that does not match. */
export const verify = async (store: OpenedStore, out: Output): Promise<boolean> => {
  const bar = progressBar('verify', !out.json);
  const report = await store.crm.audit.verify({ onProgress: (p) => bar.update(p.events) });
  bar.stop();
  out.result(report, () => {
    if (report.intact) out.line(`hash chains intact: ${report.streams} streams, ${report.events} events`);
    else {
      const b = report.firstBroken;
      out.line(`hash chain BROKEN at ${b.streamName} position ${b.streamPosition} (event ${b.eventId}): ${b.reason}`);
      out.line(`(${report.events} events in ${report.streams} streams checked before it)`);
    }
  });
  return report.intact;
};
