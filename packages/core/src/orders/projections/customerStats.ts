import type { Projection } from '../../kernel/projection.js';
import { OrderEvent } from '../events.js';

/** A customer's orders in numbers, for customer 360. Money in fen. */
export interface CustomerOrderStats {
  readonly customerId: string;
  /** Orders placed (cancelled ones too). */
  readonly orderCount: number;
  readonly completedCount: number;
  /** Σ net paid (paid − refunds) of completed orders, refunds after completion included. */
  readonly netSpend: number;
  /** The latest order by placing time (ties: the greater id). */
  readonly lastOrderId: string | null;
  readonly lastOrderAt: string | null;
  /** Net paid per completed order: what `netSpend` adds up. */
  readonly completedNetPaid: Readonly<Record<string, number>>;
}

const sum = (r: Readonly<Record<string, number>>): number => Object.values(r).reduce((a, b) => a + b, 0);

const withNet = (d: CustomerOrderStats, orderId: string, netPaid: number): CustomerOrderStats => {
  const completedNetPaid = { ...d.completedNetPaid, [orderId]: netPaid };
  return { ...d, completedNetPaid, netSpend: sum(completedNetPaid) };
};

/** `orders.customerStats`: one document per customer. */
export const customerOrderStats: Projection<CustomerOrderStats, OrderEvent> = {
  name: 'orders.customerStats',
  version: 1,
  events: ['OrderPlaced', 'OrderCompleted', 'OrderRefunded'],
  init: () => ({ customerId: '', orderCount: 0, completedCount: 0, netSpend: 0, lastOrderId: null, lastOrderAt: null, completedNetPaid: {} }),
  keyOf: (e) => e.data.customerId,
  apply: (d, e) => {
    switch (e.type) {
      case 'OrderPlaced': {
        const { customerId, orderId, at } = e.data;
        const later = d.lastOrderAt === null || at > d.lastOrderAt || (at === d.lastOrderAt && orderId > (d.lastOrderId ?? ''));
        return { ...d, customerId, orderCount: d.orderCount + 1, ...(later ? { lastOrderId: orderId, lastOrderAt: at } : {}) };
      }
      case 'OrderCompleted':
        return { ...withNet(d, e.data.orderId, e.data.netPaid), completedCount: d.completedCount + 1 };
      case 'OrderRefunded':
        return e.data.completed ? withNet(d, e.data.orderId, e.data.netPaid) : d;
      default:
        return d;
    }
  },
};
