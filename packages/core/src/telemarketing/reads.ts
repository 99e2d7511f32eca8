import type { ReadModelStore } from '../kernel/readModelStore.js';
import { rateOf, type Rate } from '../shared/rate.js';
import { addCounts, customerListCalls, NO_CALLS, type CallCounts, type CustomerListCalls } from './conversion.js';
import { defaultTelemarketingPolicy } from './policy.js';
import { customerCalls, type CustomerCallsDoc } from './projections/customerCalls.js';
import { callListProgress, type CallListProgressDoc } from './projections/listProgress.js';

/** One agent's calls on one list, with the reach and conversion rates (exact fraction + percentage; null when nothing to divide by). */
export interface AgentCallStats extends CallCounts {
  readonly listId: string;
  readonly agentId: string;
  /** reached ÷ attempts. */
  readonly reachRate: Rate | null;
  /** converted ÷ reached. */
  readonly conversionRate: Rate | null;
}

/** A customer's telemarketing: the facts, and per list what the calls came to under the policy's window. */
export interface CustomerCallsView extends CustomerCallsDoc {
  readonly byList: Readonly<Record<string, CustomerListCalls>>;
}

/**
 * Every agent of the list (those without a call too), by agent id, with counts summed
 * from the list's customers; a call converts with a paid order within `days` × 24 h.
 */
export const agentStatsOf = (list: CallListProgressDoc, customers: readonly CustomerCallsDoc[], days: number): AgentCallStats[] => {
  const byAgent = new Map<string, CallCounts>(list.agents.map((a) => [a, NO_CALLS]));
  for (const c of customers) {
    const l = customerListCalls(c, list.listId, days);
    if (l) byAgent.set(l.agentId, addCounts(byAgent.get(l.agentId) ?? NO_CALLS, l));
  }
  return [...byAgent.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([agentId, n]) => ({
      listId: list.listId,
      agentId,
      attempts: n.attempts,
      reached: n.reached,
      interested: n.interested,
      converted: n.converted,
      reachRate: rateOf(n.reached, n.attempts),
      conversionRate: rateOf(n.converted, n.reached),
    }));
};

/** The telemarketing read functions for the read API (over its projections, caught up by the caller). */
export const telemarketingReads = (readModels: ReadModelStore, policy: { readonly conversionWindowDays: number } = defaultTelemarketingPolicy) => ({
  /** A list's progress: size, called, remaining, calls by outcome, each customer's line. */
  list: (tenantId: string, listId: string): Promise<CallListProgressDoc | undefined> => readModels.get<CallListProgressDoc>(callListProgress.name, tenantId, listId),
  /** Per agent on a list: attempts, reached, interested, converted (a reached call followed by a paid order within 7 × 24 h), rates. */
  agents: async (tenantId: string, listId: string): Promise<AgentCallStats[] | undefined> => {
    const list = await readModels.get<CallListProgressDoc>(callListProgress.name, tenantId, listId);
    if (!list) return undefined;
    const customers: CustomerCallsDoc[] = [];
    for await (const d of readModels.query<CustomerCallsDoc>(customerCalls.name, tenantId, { where: { [`lists.${listId}.onList`]: true } })) customers.push(d);
    return agentStatsOf(list, customers, policy.conversionWindowDays);
  },
  /** One customer's lists, calls and payments, and per list the counts and which order converted which call. */
  customer: async (tenantId: string, customerId: string): Promise<CustomerCallsView | undefined> => {
    const doc = await readModels.get<CustomerCallsDoc>(customerCalls.name, tenantId, customerId);
    if (!doc) return undefined;
    const byList = Object.fromEntries(Object.keys(doc.lists).map((listId) => [listId, customerListCalls(doc, listId, policy.conversionWindowDays)!]));
    return { ...doc, byList };
  },
});
export type TelemarketingReads = ReturnType<typeof telemarketingReads>;
