import type { Command } from '../kernel/command.js';
import type { ReadModelStore } from '../kernel/readModelStore.js';
import { deriveId } from '../kernel/ids.js';
import { ordersDueForAutoCompletion, type OrderDueForAutoCompletion } from './projections/dueForAutoCompletion.js';

/** The command `runDue` sends to complete an order whose time has run out. */
export type AutoCompleteCommand = Command<'CompleteOrder', { readonly orderId: string; readonly by: 'auto'; readonly at: string }>;

/**
 * The orders whose auto-completion time is at or before `now`, as `CompleteOrder`
 * commands (earliest due first, ties by order id). Each completes at its own due
 * instant, and its commandId is derived from the tenant, the order and that instant,
 * so calling this twice (or after a crash) issues nothing new.
 */
export const dueAutoCompletions = (now: string, docs: Iterable<OrderDueForAutoCompletion>): AutoCompleteCommand[] =>
  [...docs]
    .filter((d) => d.dueAt <= now)
    .sort((a, b) => (a.dueAt !== b.dueAt ? (a.dueAt < b.dueAt ? -1 : 1) : a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0))
    .map((d) => ({
      type: 'CompleteOrder',
      data: { orderId: d.orderId, by: 'auto', at: d.dueAt },
      metadata: {
        commandId: deriveId('orders.autoComplete', d.tenantId, d.orderId, d.dueAt),
        tenantId: d.tenantId,
        actor: { kind: 'system', id: 'runDue' },
        occurredAt: d.dueAt,
      },
    }));

/**
 * {@link dueAutoCompletions} over one shop's `orders.dueForAutoCompletion` documents as
 * stored by the projection runner (what a module's `due(now, { tenantId, readModels })` reads).
 */
export const readDueAutoCompletions = async (
  now: string,
  context: { readonly tenantId: string; readonly readModels: ReadModelStore },
  projectionName: string = ordersDueForAutoCompletion.name,
): Promise<AutoCompleteCommand[]> => {
  const docs: OrderDueForAutoCompletion[] = [];
  for await (const d of context.readModels.query<OrderDueForAutoCompletion>(projectionName, context.tenantId)) docs.push(d);
  return dueAutoCompletions(now, docs);
};
