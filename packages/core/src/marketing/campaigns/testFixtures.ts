import * as E from 'fp-ts/lib/Either.js';
import { memoryStores } from '@rapport/memory';
import { sequentialIds, steppingClock } from '../../index.js';
import { createCrm } from '../../crm/crm.js';
import type { CrmPolicyInput } from '../../crm/policy.js';

/** Test fixtures for campaigns: a whole CRM on memory stores, customers with consent, paid orders. */
export const DAY = 86_400_000;
export const T0 = Date.parse('2026-08-01T02:00:00.000Z');
export const iso = (ms: number): string => new Date(T0 + ms).toISOString();
export const shop = { tenantId: 'shop1', actor: { kind: 'agent' as const, id: 'a-1' } };
export const as = (commandId: string) => ({ ...shop, commandId });

export const ok = <T>(r: E.Either<unknown, T>): T => {
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  return r.right;
};

export const campaignCrm = (policy?: CrmPolicyInput) => {
  const stores = memoryStores({ clock: steppingClock('2026-07-01T00:00:00.000Z', 1000) });
  const crm = createCrm({ ...stores, clock: steppingClock('2026-07-01T00:00:00.000Z', 1000), ids: sequentialIds('cmd'), ...(policy ? { policy } : {}) });
  /** Register a customer (phone derived from the id's number) who consents to `channels` from 60 days before T0. */
  const customer = async (customerId: string, channels: readonly ('sms' | 'email' | 'push' | 'phone')[] = ['sms']) => {
    const n = [...customerId].reduce((s, c) => s * 31 + c.charCodeAt(0), 7) % 100_000_000;
    ok(await crm.customers.register(shop, { customerId, name: `客户${customerId}`, phone: `138${String(n).padStart(8, '0')}`, channel: 'ownSite' }));
    for (const channel of channels) ok(await crm.customers.giveConsent(shop, { customerId, channel, at: iso(-60 * DAY) }));
  };
  /** Place and pay an order of `amount` fen at `ms` after T0. */
  const paidOrder = async (orderId: string, customerId: string, ms: number, amount = 35_000) => {
    ok(await crm.orders.place(shop, { orderId, customerId, sellerId: 's-1', couponAmount: 0, at: iso(ms - 60_000), lines: [{ sku: 'tee', productId: 'tee', category: 'apparel', quantity: 1, unitPrice: amount }] }));
    ok(await crm.orders.pay(shop, { orderId, method: 'alipay', amount, at: iso(ms) }));
  };
  /** Every event type in the store, in order (to check that a refusal wrote nothing). */
  const eventCount = () => stores.eventStore.size;
  return { crm, ...stores, customer, paidOrder, eventCount };
};
