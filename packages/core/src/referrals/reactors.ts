import type { Reactor } from '../kernel/reactor.js';
import type { CustomerEvent } from '../customers/events.js';
import type { OrderEvent } from '../orders/events.js';

/**
 * Registration → join the network; completion → commissions; a refund of a completed
 * order → clawbacks. One reactor for all three, so a buyer's joining is always handled
 * before their orders (events reach it in global order). A refund before completion needs
 * nothing: `OrderCompleted.netPaid` is already net of it.
 */
export const referralsReactor: Reactor<CustomerEvent | OrderEvent> = {
  name: 'referrals.fromCustomersAndOrders',
  events: ['CustomerRegistered', 'OrderCompleted', 'OrderRefunded'],
  react: (e) => {
    switch (e.type) {
      case 'CustomerRegistered':
        return [{ type: 'JoinReferralNetwork', data: { customerId: e.data.customerId, referrerId: e.data.referrerId, at: e.metadata.occurredAt } }];
      case 'OrderCompleted':
        return [{ type: 'EarnReferralCommissions', data: { orderId: e.data.orderId, customerId: e.data.customerId, netPaid: e.data.netPaid, at: e.data.at } }];
      case 'OrderRefunded':
        return e.data.completed
          ? [{ type: 'ClawBackReferralCommissions', data: { orderId: e.data.orderId, customerId: e.data.customerId, netPaid: e.data.netPaid, at: e.data.at } }]
          : [];
      default:
        return [];
    }
  },
};
