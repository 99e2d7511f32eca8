import type { Reactor } from '../kernel/reactor.js';
import type { OrderEvent } from '../orders/events.js';

/**
 * Orders → points: a completed order earns a lot; a refund of a completed order
 * (`OrderRefunded.completed`) reverses the difference. A refund before completion needs
 * nothing: `OrderCompleted.netPaid` is already net of it, so it is not a reversal.
 */
export const loyaltyPointsReactor: Reactor<OrderEvent> = {
  name: 'loyalty.pointsFromOrders',
  events: ['OrderCompleted', 'OrderRefunded'],
  react: (e) => {
    switch (e.type) {
      case 'OrderCompleted':
        return [{ type: 'EarnPoints', data: { customerId: e.data.customerId, orderId: e.data.orderId, netPaidFen: e.data.netPaid, at: e.data.at } }];
      case 'OrderRefunded':
        return e.data.completed
          ? [{ type: 'ReversePoints', data: { customerId: e.data.customerId, orderId: e.data.orderId, netPaidFen: e.data.netPaid, at: e.data.at } }]
          : [];
      default:
        return [];
    }
  },
};
