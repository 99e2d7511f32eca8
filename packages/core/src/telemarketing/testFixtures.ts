import * as E from 'fp-ts/lib/Either.js';
import { memoryStores } from '@rapport/memory';
import { sequentialIds, steppingClock } from '../index.js';
import { createCrm, type Crm } from '../crm/crm.js';
import type { EventStore } from '../kernel/eventStore.js';

/** A CRM on memory stores for the telemarketing tests, with the shop's actor. */
export const shop = { tenantId: 'shop1', actor: { kind: 'agent' as const, id: 'sup-1' } };
export const BUILT = '2026-06-01T02:00:00.000Z';

export const setupCrm = (policy?: Parameters<typeof createCrm>[0]['policy']): { crm: Crm; eventStore: EventStore } => {
  const stores = memoryStores({ clock: steppingClock('2026-06-01T00:00:00.000Z', 1000) });
  const crm = createCrm({ ...stores, clock: steppingClock('2026-06-01T00:00:00.000Z', 1000), ids: sequentialIds('cmd'), ...(policy ? { policy } : {}) });
  return { crm, eventStore: stores.eventStore };
};

export const ok = <T>(r: E.Either<unknown, T>): T => {
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  return r.right;
};

/** Register customers; those in `phone` give phone consent on 2026-05-01. */
export const customers = async (crm: Crm, ids: readonly string[], phone: readonly string[] = ids): Promise<void> => {
  for (const [i, customerId] of ids.entries()) {
    ok(await crm.customers.register(shop, { customerId, name: `客户${i}`, phone: `1380013${String(8000 + i).padStart(4, '0')}`, channel: 'ownSite' }));
    if (phone.includes(customerId)) ok(await crm.customers.giveConsent(shop, { customerId, channel: 'phone', at: '2026-05-01T00:00:00.000Z' }));
  }
};

/** Place and pay a 99 CNY order for a customer at `at`. */
export const paidOrder = async (crm: Crm, orderId: string, customerId: string, at: string): Promise<void> => {
  ok(await crm.orders.place(shop, { orderId, customerId, sellerId: 's1', couponAmount: 0, at, lines: [{ sku: 'tee-m', productId: 'tee', category: 'apparel', quantity: 1, unitPrice: 9_900 }] }));
  ok(await crm.orders.pay(shop, { orderId, method: 'alipay', amount: 9_900, at }));
};

/** How many events the store holds. */
export const eventCount = async (eventStore: EventStore): Promise<number> => {
  let n = 0;
  for await (const _ of eventStore.readAll()) n++;
  return n;
};
