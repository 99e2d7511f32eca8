import type { StoredEvent } from '../../kernel/envelope.js';
import { InvalidArgument } from '../../kernel/errors.js';
import { readAllInPages, type EventStore } from '../../kernel/eventStore.js';
import { projectionEventTypes, type Projection } from '../../kernel/projection.js';
import type { CrmPolicy } from '../../crm/policy.js';
import type { ExplainOptions, ExplainTarget, Explanation } from '../types.js';
import { commissionExplainer } from './commission.js';
import { complaintBreachExplainer } from './complaintBreach.js';
import { creditScoreExplainer } from './creditScore.js';
import type { ExplainStep, Explainer } from './explainer.js';
import { pointsExplainer } from './points.js';
import { tierExplainer } from './tier.js';

/** The built-in explainers, by what they explain. */
export const defaultExplainers: readonly Explainer<never>[] = [
  tierExplainer,
  pointsExplainer,
  creditScoreExplainer,
  commissionExplainer,
  complaintBreachExplainer,
] as unknown as readonly Explainer<never>[];

export interface ExplainDeps {
  readonly eventStore: EventStore;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly projections: readonly Projection<any, any>[];
  readonly policy: CrmPolicy;
  /** Now, when no `asOf` is given. */
  readonly now: () => string;
  readonly explainers?: readonly Explainer<never>[];
}

/**
 * Take a value apart: replay, one by one, the events the projection applies to the
 * document `id` (recorded by `asOf`, when given) and let the projection's explainer say
 * what each did. Undefined when no event concerns `id`. Rejects with `InvalidArgument` for
 * an unknown `what` or a projection the CRM does not run.
 */
export const explainValue = async (
  deps: ExplainDeps,
  tenantId: string,
  what: ExplainTarget,
  id: string,
  options: ExplainOptions = {},
): Promise<Explanation | undefined> => {
  const explainer = (deps.explainers ?? defaultExplainers).find((x) => x.what === what) as Explainer<unknown> | undefined;
  if (!explainer) throw new InvalidArgument(`explain: ${JSON.stringify(what)} cannot be explained; expected one of ${(deps.explainers ?? defaultExplainers).map((x) => x.what).join(', ')}`);
  if (options.role !== undefined && options.role !== 'seller' && options.role !== 'buyer')
    throw new InvalidArgument(`explain: role ${JSON.stringify(options.role)}: expected seller or buyer`);
  const name = explainer.projection(options);
  const p = deps.projections.find((x) => x.name === name) as Projection<unknown> | undefined;
  if (!p) throw new InvalidArgument(`explain: the projection ${name} is not running in this CRM`);
  const types = projectionEventTypes(p);
  const steps: ExplainStep<unknown>[] = [];
  let doc: unknown = null;
  const filter = { tenantId, ...(types ? { eventTypes: types } : {}) };
  for await (const page of readAllInPages(deps.eventStore, { filter })) {
    for (const e of page as readonly StoredEvent[]) {
      if (options.asOf !== undefined && e.metadata.recordedAt > options.asOf) continue;
      const keys = p.keyOf(e);
      if (keys === undefined || !(typeof keys === 'string' ? keys === id : keys.includes(id))) continue;
      const before = doc === null ? p.init() : doc;
      const after = p.apply(before, e);
      steps.push({ event: e, before, after });
      doc = after;
    }
  }
  if (steps.length === 0) return undefined;
  const at = options.asOf ?? deps.now();
  const { value, lines } = explainer.explain(steps, doc === null ? p.init() : doc, { at, policy: deps.policy, options });
  return {
    projection: p.name,
    id,
    value,
    lines: lines.map(({ step: { event: e }, contribution, text }) => ({
      eventId: e.metadata.eventId,
      streamName: e.metadata.streamName,
      streamPosition: e.metadata.streamPosition.toString(),
      type: e.type,
      occurredAt: e.metadata.occurredAt,
      contribution,
      text,
    })),
  };
};
