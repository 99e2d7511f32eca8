import { streamName } from '../kernel/streams.js';

/** Stream category of orders: `order-<tenantId>.<orderId>`. */
export const ORDER_CATEGORY = 'order';

/** The stream of one order. */
export const orderStream = (tenantId: string, orderId: string): string => streamName(ORDER_CATEGORY, tenantId, orderId);
