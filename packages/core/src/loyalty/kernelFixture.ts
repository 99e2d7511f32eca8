import * as E from 'fp-ts/lib/Either.js';
import { memoryStores } from '@rapport/memory';
import { fixedClock } from '../kernel/clock.js';
import { createCrmKernel } from '../crm/createCrm.js';
import { ordersModuleFor } from '../crm/modules.js';
import { resolveCrmPolicy } from '../crm/policy.js';
import { loyaltyModuleFor } from './module.js';
import { defaultLoyaltyPolicy, type LoyaltyPolicy } from './policy.js';

/** Test helper: a kernel with the orders and loyalty modules on memory stores, and order shortcuts. */
export const loyaltyKernel = (policy: LoyaltyPolicy = defaultLoyaltyPolicy) => {
  const crmPolicy = resolveCrmPolicy();
  if (E.isLeft(crmPolicy)) throw new Error(crmPolicy.left.message);
  const clock = fixedClock('2026-01-01T00:00:00.000Z');
  const stores = memoryStores({ clock });
  const kernel = createCrmKernel({ ...stores, clock, modules: [ordersModuleFor(crmPolicy.right), loyaltyModuleFor(policy)] });
  let n = 0;
  const send = async (type: string, data: Record<string, unknown>, tenantId = 'shop1') => {
    const r = await kernel.handle({ type, data, metadata: { commandId: `cmd-${++n}`, tenantId, actor: { kind: 'agent', id: 'a1' } } });
    return r;
  };
  const ok = async (type: string, data: Record<string, unknown>, tenantId = 'shop1') => {
    const r = await send(type, data, tenantId);
    if (E.isLeft(r)) throw new Error(`${type}: ${r.left.message}`);
    return r.right;
  };
  const hours = (at: string, h: number) => new Date(Date.parse(at) + h * 3_600_000).toISOString();
  /** Place, pay, ship, deliver and complete an order of one line; completed `completedAt`. */
  const completeOrder = async (orderId: string, customerId: string, paidFen: number, completedAt: string, tenantId = 'shop1') => {
    const placed = hours(completedAt, -72);
    await ok('PlaceOrder', { orderId, customerId, sellerId: 's1', couponAmount: 0, at: placed, lines: [{ sku: 'tea', productId: 'tea', category: 'tea', quantity: 1, unitPrice: paidFen }] }, tenantId);
    await ok('PayOrder', { orderId, method: 'alipay', amount: paidFen, at: hours(placed, 1) }, tenantId);
    await ok('ShipOrder', { orderId, at: hours(placed, 2) }, tenantId);
    await ok('DeliverOrder', { orderId, at: hours(placed, 3) }, tenantId);
    await ok('CompleteOrder', { orderId, by: 'buyer', at: completedAt }, tenantId);
  };
  return { ...stores, kernel, send, ok, completeOrder };
};
