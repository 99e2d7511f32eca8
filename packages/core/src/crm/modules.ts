import { complaintsModuleFor } from '../complaints/module.js';
import { makeCreditProjection } from '../credit/projections/creditProfile.js';
import { customersModule } from '../customers/module.js';
import { leadsModule } from '../leads/module.js';
import { readDueAutoCompletions } from '../orders/due.js';
import { OrderEvent } from '../orders/events.js';
import { makeOrdersHandler } from '../orders/handler.js';
import { customerOrderStats } from '../orders/projections/customerStats.js';
import { makeOrdersDueForAutoCompletion } from '../orders/projections/dueForAutoCompletion.js';
import { orderSummary } from '../orders/projections/summary.js';
import type { Reactor } from '../kernel/reactor.js';
import { serviceModuleFor } from '../service/module.js';
import { couponsModuleFor } from '../loyalty/coupons/module.js';
import { marketingModuleFor } from '../marketing/module.js';
import { campaignsWithOrdersFor } from './campaignAttribution.js';
import { referralsModuleFor } from '../referrals/module.js';
import { loyaltyModuleFor } from '../loyalty/module.js';
import { salesModuleFor } from '../sales/module.js';
import { activitiesModuleFor } from '../activities/module.js';
import { telemarketingModuleFor } from '../telemarketing/module.js';
import { knowledgeModuleFor } from '../knowledge/module.js';
import { analyticsModule } from '../analytics/module.js';
import { monthlyCouponBenefits } from '../loyalty/policy.js';
import { loyaltyReads } from '../loyalty/read.js';
import { partnersModule } from '../partners/module.js';
import type { CrmModule } from './module.js';
import type { CrmPolicy } from './policy.js';

/** Orders: the lifecycle decider, summary, customer stats, and auto-completion as due work. */
export const ordersModuleFor = (policy: CrmPolicy): CrmModule => {
  const due = makeOrdersDueForAutoCompletion(policy.orders);
  return {
    name: 'orders',
    events: [OrderEvent],
    deciders: [makeOrdersHandler(policy.orders)],
    projections: [orderSummary, customerOrderStats, due],
    reactors: [orderPaidToService],
    due: (now, context) => readDueAutoCompletions(now, context, due.name),
  };
};

/** Credit ratings: a read side over the orders' payments and line ratings. */
export const creditModuleFor = (policy: CrmPolicy): CrmModule => ({
  name: 'credit',
  events: [],
  deciders: [],
  projections: [makeCreditProjection('seller', policy.credit), makeCreditProjection('buyer', policy.credit)],
});

/**
 * An order paid tells customer service, so an inquiry that led to it counts as converted
 * (询单转化). The contexts don't import each other; this reactor is the glue.
 */
export const orderPaidToService: Reactor<OrderEvent> = {
  name: 'crm.orderPaidToService',
  events: ['OrderPaid'],
  react: (e) =>
    e.type === 'OrderPaid'
      ? [{ type: 'RecordCustomerPayment', data: { customerId: e.data.customerId, orderId: e.data.orderId, amount: e.data.amount, paidAt: e.data.at } }]
      : [],
};

/** Every built-in context, for a policy. */
export const builtInModules = (policy: CrmPolicy): CrmModule[] => [
  customersModule,
  leadsModule,
  ordersModuleFor(policy),
  creditModuleFor(policy),
  complaintsModuleFor(policy.complaints),
  serviceModuleFor(policy.service),
  loyaltyModuleFor(policy.loyalty),
  // each month's tier coupons go to the customers by the tier their loyalty account holds
  couponsModuleFor(policy.coupons, {
    monthly: { members: (ctx) => loyaltyReads(ctx.readModels).members(ctx.tenantId), benefits: monthlyCouponBenefits(policy.loyalty) },
  }),
  marketingModuleFor(policy.marketing),
  campaignsWithOrdersFor(policy.campaigns),
  referralsModuleFor(policy.referrals),
  salesModuleFor(policy.sales),
  activitiesModuleFor(policy.activities),
  telemarketingModuleFor(policy.telemarketing),
  knowledgeModuleFor(policy.knowledge),
  analyticsModule,
  partnersModule,
];
