import * as E from 'fp-ts/lib/Either.js';
import { createCrm } from '@rapport/core';
import { esdbStores } from '@rapport/eventstoredb';
import { MemoryVault } from '@rapport/memory';

/**
 * A shop's CRM on EventStoreDB: events and read models both live in the database, and
 * the projections follow a filtered `$all` subscription while the CRM is started.
 *
 * Run it against a real server (`docker run ... eventstore/eventstore:23.10.1-bookworm-slim
 * --insecure --run-projections=All`) with `RAPPORT_ESDB_URL=esdb://localhost:2113?tls=false`,
 * or against `npx rapport-esdb-testserver`.
 */
export const eventStoreDbShop = async (connectionString: string) => {
  const stores = esdbStores(connectionString);
  // personal data stays out of the event log; a real deployment keeps the vault in its own database
  const crm = createCrm({ ...stores, vault: new MemoryVault() });
  await crm.start();
  const shop = { tenantId: 'tea_house', actor: { kind: 'agent' as const, id: 'clerk-1' } };
  const steps = [
    await crm.customers.register(shop, { customerId: 'c1', name: '李雷', phone: '13900139000', channel: 'ownSite' }),
    await crm.orders.place(shop, {
      orderId: 'o1',
      customerId: 'c1',
      sellerId: 'tea_house',
      couponAmount: 0,
      at: '2026-03-01T02:00:00.000Z',
      lines: [{ sku: 'longjing-250g', productId: 'longjing', category: 'green-tea', quantity: 2, unitPrice: 16_800 }],
    }),
    await crm.orders.pay(shop, { orderId: 'o1', method: 'alipay', amount: 33_600, at: '2026-03-01T02:05:00.000Z' }),
  ];
  const refused = steps.find(E.isLeft);
  if (refused) throw new Error(`refused: ${JSON.stringify(refused.left)}`);
  // started, the projections follow the store live: the read models catch up a moment after the append
  let order = await crm.projections.orders.get('tea_house', 'o1');
  for (let waited = 0; order?.state !== 'paid' && waited < 5_000; waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    order = await crm.projections.orders.get('tea_house', 'o1');
  }
  const customer = await crm.projections.customer360.get('tea_house', 'c1');
  await crm.stop();
  await stores.close();
  return { orderState: order?.state, orderCount: customer?.orders?.orderCount };
};

/** `RAPPORT_ESDB_URL=esdb://localhost:2113?tls=false npx tsx examples/src/eventstoredb.ts` */
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/.*\//, '/'))) {
  const url = process.env.RAPPORT_ESDB_URL;
  if (!url) throw new Error('set RAPPORT_ESDB_URL, e.g. esdb://localhost:2113?tls=false');
  console.log(await eventStoreDbShop(url));
}
