import { canonicalJson } from '../kernel/canonicalJson.js';
import type { StoredEvent } from '../kernel/envelope.js';
import { foldProjection, type Projection } from '../kernel/projection.js';
import type { ReadModelStore } from '../kernel/readModelStore.js';

/** One way a read-model store differs from folding the events in memory. */
export interface FoldMismatch {
  readonly projection: string;
  readonly tenantId: string;
  /** The document id, or `'*'` when the stores hold different numbers of documents. */
  readonly id: string;
  readonly stored: unknown;
  readonly folded: unknown;
}

/**
 * Compare what `readModels` holds for each projection with `foldProjection` over `events`
 * (the reference fold): the document count per tenant and every document. An empty list
 * means they agree — the check behind "rebuild equals incremental" property tests:
 * `expect(await foldMismatches(readModels, projections, events, tenants)).toEqual([])`.
 */
export const foldMismatches = async (
  readModels: ReadModelStore,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  projections: readonly Projection<any, any>[],
  events: readonly StoredEvent[],
  tenants: readonly string[],
): Promise<FoldMismatch[]> => {
  const out: FoldMismatch[] = [];
  for (const p of projections) {
    const folded = foldProjection(p, events);
    for (const tenantId of tenants) {
      const expected = [...folded].filter(([key]) => key.startsWith(`${tenantId}/`));
      let stored = 0;
      for await (const _ of readModels.query(p.name, tenantId)) stored++;
      if (stored !== expected.length) out.push({ projection: p.name, tenantId, id: '*', stored, folded: expected.length });
      for (const [key, doc] of expected) {
        const id = key.slice(tenantId.length + 1);
        const actual = await readModels.get(p.name, tenantId, id);
        // key order is not meaningful (a SQL store returns jsonb keys sorted)
        if (actual === undefined || canonicalJson(actual) !== canonicalJson(doc)) out.push({ projection: p.name, tenantId, id, stored: actual, folded: doc });
      }
    }
  }
  return out;
};
