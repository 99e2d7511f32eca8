import type { Projection } from '../../kernel/projection.js';
import type { OrderEvent } from '../events.js';
import { addDays, defaultOrdersPolicy, type OrdersPolicy } from '../policy.js';

/** A delivered order the buyer has not confirmed yet, and when it completes itself. */
export interface OrderDueForAutoCompletion {
  readonly tenantId: string;
  readonly orderId: string;
  readonly deliveredAt: string;
  /** deliveredAt + autoCompleteDays × 24 h. */
  readonly dueAt: string;
}

/**
 * `orders.dueForAutoCompletion`: a document per delivered, not yet completed order;
 * completion deletes it. `runDue` reads these with {@link dueAutoCompletions}.
 */
export const makeOrdersDueForAutoCompletion = (
  policy: OrdersPolicy = defaultOrdersPolicy,
): Projection<OrderDueForAutoCompletion | null, OrderEvent> => ({
  name: 'orders.dueForAutoCompletion',
  version: 1,
  events: ['OrderDelivered', 'OrderCompleted'],
  init: () => null,
  keyOf: (e) => e.data.orderId,
  apply: (_, e) =>
    e.type === 'OrderDelivered'
      ? { tenantId: e.metadata.tenantId, orderId: e.data.orderId, deliveredAt: e.data.at, dueAt: addDays(e.data.at, policy.autoCompleteDays) }
      : null,
});

/** The projection with the default policy (10 days). */
export const ordersDueForAutoCompletion = makeOrdersDueForAutoCompletion();
