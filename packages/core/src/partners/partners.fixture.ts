// A shop for the partner tests: three customers with orders, complaints, loyalty accounts and
// opportunities, and one campus agent that will be granted some of them.
import * as E from 'fp-ts/lib/Either.js';
import { memoryStores } from '@rapport/memory';
import { sequentialIds, steppingClock } from '../index.js';
import { createCrm } from '../crm/crm.js';

export const shop = { tenantId: 'shop1', actor: { kind: 'agent' as const, id: 'a1' } };
export const agent = { tenantId: 'shop1', partnerId: 'campus-pku' };

export const ok = <T>(r: E.Either<unknown, T>): T => {
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  return r.right;
};

export const customers = ['c1', 'c2', 'c3'] as const;
/** Each customer's orders. */
export const ordersOf: Readonly<Record<string, readonly string[]>> = { c1: ['o1', 'o2'], c2: ['o3'], c3: ['o4'] };
export const complaintsOf: Readonly<Record<string, readonly string[]>> = { c1: ['k1'], c2: [], c3: ['k3'] };
export const opportunities = { opp1: 'c1', opp2: 'c3' } as const;

/** A CRM on memory stores holding the three customers and what belongs to them; no partner yet. */
export const partnerShop = async () => {
  const stores = memoryStores({ clock: steppingClock('2026-03-01T00:00:00.000Z', 1000) });
  const crm = createCrm({ ...stores, clock: steppingClock('2026-03-01T00:00:00.000Z', 1000), ids: sequentialIds('cmd') });
  for (const [i, customerId] of customers.entries()) {
    ok(await crm.customers.register(shop, { customerId, name: `客户${i + 1}`, phone: `1380013800${i}`, channel: i < 2 ? 'campusAgent' : 'ownSite' }));
    ok(await crm.loyalty.buyMembership(shop, { customerId, pricePaidFen: 88_800, at: '2026-03-01T00:00:00.000Z' }));
    for (const orderId of ordersOf[customerId]!)
      ok(await crm.orders.place(shop, {
        orderId, customerId, sellerId: 's1', couponAmount: 0, at: '2026-03-01T02:00:00.000Z',
        lines: [{ sku: 'tee-m', productId: 'tee', category: 'apparel', quantity: 1, unitPrice: 9_900 }],
      }));
    for (const complaintId of complaintsOf[customerId]!)
      ok(await crm.complaints.file(shop, { complaintId, customerId, category: 'logistics', channel: 'chat', severity: 'major', customerTier: 'regular', at: '2026-03-02T02:00:00.000Z' }));
  }
  for (const [opportunityId, customerId] of Object.entries(opportunities))
    ok(await crm.sales.open(shop, {
      opportunityId, title: '班服', amount: 50_000, expectedCloseDate: '2026-04-30', ownerId: 'rep-1', territoryId: null, leadId: null, customerId, at: '2026-03-03T02:00:00.000Z',
    }));
  return { crm, ...stores };
};
