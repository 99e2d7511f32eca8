import type { Reactor } from '../kernel/reactor.js';
import type { OrderEvent } from '../orders/events.js';
import { campaignsModuleFor } from '../marketing/campaigns/module.js';
import type { CampaignsPolicy } from '../marketing/campaigns/policy.js';
import type { CrmModule } from './module.js';

/**
 * Payments and refunds reach the campaigns (营销管理): an order paid may be a campaign's
 * attributed order; money paid back (a refund, or a cancellation after payment) lowers
 * that order's net revenue. The contexts don't import each other; this reactor is the glue.
 */
export const ordersToCampaigns: Reactor<OrderEvent> = {
  name: 'crm.ordersToCampaigns',
  events: ['OrderPaid', 'OrderRefunded', 'OrderCancelled'],
  react: (e) => {
    const { customerId, orderId } = e.data;
    switch (e.type) {
      case 'OrderPaid':
        return [{ type: 'NoteCampaignOrderPaid', data: { customerId, orderId, amount: e.data.amount, at: e.data.at } }];
      case 'OrderRefunded':
        return [{ type: 'NoteCampaignOrderRefund', data: { customerId, orderId, amount: e.data.amount, at: e.data.at } }];
      case 'OrderCancelled':
        return e.data.refunded > 0 ? [{ type: 'NoteCampaignOrderRefund', data: { customerId, orderId, amount: e.data.refunded, at: e.data.at } }] : [];
      default:
        return [];
    }
  },
};

/** The campaigns module with the orders glue, as `createCrm` wires it. */
export const campaignsWithOrdersFor = (policy: CampaignsPolicy): CrmModule => campaignsModuleFor(policy, { reactors: [ordersToCampaigns] });
