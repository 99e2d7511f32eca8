import type { CommandHandlerDefinition } from '../kernel/commandHandler.js';
import { OrderCommand } from './commands.js';
import { makeOrderDecider } from './decider.js';
import type { OrderEvent } from './events.js';
import { defaultOrdersPolicy, type OrdersPolicy } from './policy.js';
import type { Order } from './state.js';
import { orderStream } from './streams.js';

/** How the command bus runs order commands for a shop's policy: one stream per order. */
export const makeOrdersHandler = (
  policy: OrdersPolicy = defaultOrdersPolicy,
): CommandHandlerDefinition<Order, OrderCommand, OrderEvent, unknown> => ({
  name: 'orders.order',
  commands: OrderCommand,
  decider: makeOrderDecider(policy),
  streamOf: (c, tenantId) => orderStream(tenantId, c.data.orderId),
});

/** The orders handler with the default policy. */
export const ordersHandler = makeOrdersHandler();
