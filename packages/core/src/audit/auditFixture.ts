import * as E from 'fp-ts/lib/Either.js';
import { memoryStores } from '@rapport/memory';
import type { Clock } from '../kernel/clock.js';
import type { IsoInstant } from '../kernel/codecs.js';
import type { StoredEvent } from '../kernel/envelope.js';
import { sequentialIds } from '../kernel/ids.js';
import { createCrm, type Crm } from '../crm/crm.js';
import type { CommandContext } from '../crm/context.js';

/** Test helpers for the audit: a clock the test moves, a CRM on memory stores, an order story. */

/** A clock that moves 1 s per reading and can be set (to record a fact late). */
export const settableClock = (start: string): Clock & { set(at: string): void } => {
  let t = Date.parse(start);
  return {
    set: (at) => {
      t = Date.parse(at);
    },
    now: () => {
      const s = new Date(t).toISOString() as IsoInstant;
      t += 1000;
      return s;
    },
  };
};

export const shop: CommandContext = { tenantId: 'shop1', actor: { kind: 'agent', id: 'a1' } };

export const ok = <T>(r: E.Either<unknown, T>): T => {
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  return r.right;
};

export const auditSetup = (start = '2026-03-01T00:00:00.000Z') => {
  const clock = settableClock(start);
  const stores = memoryStores({ clock });
  const crm = createCrm({ ...stores, clock, ids: sequentialIds('cmd') });
  return { crm, clock, ...stores };
};

/** Place, pay, ship, deliver and complete an order of one line on `day` (YYYY-MM-DD), hours apart. */
export const completedOrder = async (
  crm: Crm,
  o: { orderId: string; customerId: string; day: string; price: number; sellerId?: string; productId?: string },
): Promise<void> => {
  const at = (h: number) => `${o.day}T0${h}:00:00.000Z`;
  const productId = o.productId ?? 'tea';
  ok(await crm.orders.place(shop, { orderId: o.orderId, customerId: o.customerId, sellerId: o.sellerId ?? 's1', couponAmount: 0, at: at(1), lines: [{ sku: productId, productId, category: 'tea', quantity: 1, unitPrice: o.price }] }));
  ok(await crm.orders.pay(shop, { orderId: o.orderId, method: 'alipay', amount: o.price, at: at(2) }));
  ok(await crm.orders.ship(shop, { orderId: o.orderId, at: at(3) }));
  ok(await crm.orders.deliver(shop, { orderId: o.orderId, at: at(4) }));
  ok(await crm.orders.complete(shop, { orderId: o.orderId, by: 'buyer', at: at(5) }));
};

/**
 * Test-only: replace the `index`-th stored event of a memory store (in append order) with
 * `tamper(event)`, as someone editing the store behind its back would.
 */
export const tamperStoredEvent = (eventStore: object, index: number, tamper: (e: StoredEvent) => StoredEvent): StoredEvent => {
  const log = (eventStore as { log: StoredEvent[] }).log;
  const tampered = tamper(log[index]!);
  log[index] = tampered;
  return tampered;
};
