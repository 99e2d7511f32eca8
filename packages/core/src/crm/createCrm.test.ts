import { describe, expect, it } from 'vitest';
import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { MemoryEventStore, MemoryReadModelStore } from '@rapport/memory';
import {
  deriveId,
  domainError,
  EventRegistry,
  Fen,
  fixedClock,
  IsoInstant,
  streamName,
  tagged,
  type Command,
  type Decider,
  type DomainError,
  type Projection,
  type Reactor,
} from '../index.js';
import { createCrmKernel } from './createCrm.js';
import type { CrmModule } from './module.js';

// A toy shop: an order is delivered; 10 days later it auto-completes (due work);
// completion earns points (a reactor into a second aggregate).
const Id = t.string;
const OrderEvent = t.union([
  tagged('Delivered', { orderId: Id, customerId: Id, amount: Fen, at: IsoInstant }),
  tagged('Completed', { orderId: Id, customerId: Id, amount: Fen, at: IsoInstant }),
]);
type OrderEvent = t.TypeOf<typeof OrderEvent>;
const OrderCommand = t.union([
  tagged('Deliver', { orderId: Id, customerId: Id, amount: Fen, at: IsoInstant }),
  tagged('Complete', { orderId: Id, at: IsoInstant }),
]);
type OrderCommand = t.TypeOf<typeof OrderCommand>;
type Order = { s: 'none' } | { s: 'delivered' | 'completed'; customerId: string; amount: Fen };
const order: Decider<Order, OrderCommand, OrderEvent, DomainError> = {
  initialState: () => ({ s: 'none' }),
  decide: (c, o) => {
    if (c.type === 'Deliver') return o.s === 'none' ? E.right([{ type: 'Delivered', data: c.data }]) : E.left(domainError('ORDER_EXISTS', 'exists', ['data', 'orderId']));
    if (o.s !== 'delivered') return E.left(domainError('ORDER_NOT_DELIVERED', `order is ${o.s}`, ['data', 'orderId']));
    return E.right([{ type: 'Completed', data: { orderId: c.data.orderId, customerId: o.customerId, amount: o.amount, at: c.data.at } }]);
  },
  evolve: (_, e) => ({ s: e.type === 'Delivered' ? 'delivered' : 'completed', customerId: e.data.customerId, amount: e.data.amount }),
};
const PointsEvent = tagged('PointsEarned', { customerId: Id, orderId: Id, points: t.number });
const PointsCommand = tagged('EarnPoints', { customerId: Id, orderId: Id, points: t.number });
const points: Decider<number, t.TypeOf<typeof PointsCommand>, t.TypeOf<typeof PointsEvent>, DomainError> = {
  initialState: () => 0,
  decide: (c) => E.right([{ type: 'PointsEarned', data: c.data }]),
  evolve: (s, e) => s + e.data.points,
};
const openOrders: Projection<{ orderId: string; deliveredAt: string } | null, OrderEvent> = {
  name: 'toy.openOrders', version: 1, events: OrderEvent, init: () => null,
  keyOf: (e) => e.data.orderId,
  apply: (_, e) => (e.type === 'Delivered' ? { orderId: e.data.orderId, deliveredAt: e.data.at } : null),
};
const balance: Projection<number, t.TypeOf<typeof PointsEvent>> = {
  name: 'toy.balance', version: 1, events: ['PointsEarned'], init: () => 0,
  keyOf: (e) => e.data.customerId, apply: (s, e) => s + e.data.points,
};
const earnOnCompletion: Reactor<OrderEvent> = {
  name: 'toy.earnOnCompletion', events: ['Completed'],
  react: (e) => (e.type === 'Completed' ? [{ type: 'EarnPoints', data: { customerId: e.data.customerId, orderId: e.data.orderId, points: Math.floor(e.data.amount / 100) } }] : []),
};
const TEN_DAYS = 10 * 24 * 3600 * 1000;
const toy: CrmModule = {
  name: 'toy',
  events: [OrderEvent, PointsEvent],
  deciders: [
    { name: 'toy.order', commands: OrderCommand, decider: order, streamOf: (c: OrderCommand, tenant: string) => streamName('order', tenant, c.data.orderId) },
    { name: 'toy.points', commands: PointsCommand, decider: points, streamOf: (c: t.TypeOf<typeof PointsCommand>, tenant: string) => streamName('points', tenant, c.data.customerId) },
  ],
  projections: [openOrders, balance],
  reactors: [earnOnCompletion],
  due: async (now, { tenantId, readModels }) => {
    const out: Command[] = [];
    for await (const o of readModels.query<{ orderId: string; deliveredAt: string }>('toy.openOrders', tenantId)) {
      const at = new Date(Date.parse(o.deliveredAt) + TEN_DAYS).toISOString();
      if (at <= now)
        out.push({ type: 'Complete', data: { orderId: o.orderId, at }, metadata: { commandId: deriveId('autoComplete', o.orderId), tenantId, actor: { kind: 'system', id: 'runDue' } } });
    }
    return out;
  },
};

const setup = () => {
  const registry = new EventRegistry();
  const clock = fixedClock('2026-05-01T00:00:00.000Z');
  const eventStore = new MemoryEventStore({ registry, clock });
  const readModels = new MemoryReadModelStore();
  const crm = createCrmKernel({ eventStore, readModels, registry, modules: [toy], clock });
  return { crm, eventStore, readModels };
};
const meta = (commandId: string) => ({ commandId, tenantId: 'shop1', actor: { kind: 'user' as const, id: 'u1' } });
const deliver = (orderId: string, at: string, amount = 12_345) =>
  ({ type: 'Deliver', data: { orderId, customerId: 'c1', amount, at }, metadata: meta(`deliver-${orderId}`) });

describe('createCrmKernel', () => {
  it('registers every module event in the store registry', () => {
    const { eventStore } = setup();
    expect(eventStore).toBeDefined();
    const registry = new EventRegistry();
    createCrmKernel({ eventStore, readModels: new MemoryReadModelStore(), registry, modules: [toy] });
    expect(registry.types.sort()).toEqual(['Completed', 'Delivered', 'PointsEarned']);
  });

  it('settles projections and the reactions they cause', async () => {
    const { crm, readModels } = setup();
    await crm.handle(deliver('o1', '2026-04-01T00:00:00.000Z'));
    expect(E.isRight(await crm.handle({ type: 'Complete', data: { orderId: 'o1', at: '2026-04-02T00:00:00.000Z' }, metadata: meta('complete-o1') }))).toBe(true);
    await crm.settle();
    expect(await readModels.get('toy.balance', 'shop1', 'c1')).toBe(123);
    expect(await readModels.get('toy.openOrders', 'shop1', 'o1')).toBeUndefined();
  });

  it('runDue issues what is due at exactly 10 days, once', async () => {
    const { crm, readModels, eventStore } = setup();
    await crm.handle(deliver('o1', '2026-04-01T00:00:00.000Z'));
    await crm.handle(deliver('o2', '2026-04-05T00:00:00.000Z'));
    const early = await crm.runDue('2026-04-10T23:59:59.999Z', 'shop1');
    expect(E.isRight(early) && early.right.issued).toBe(0);
    const first = await crm.runDue('2026-04-11T00:00:00.000Z', 'shop1');
    expect(E.isRight(first) && first.right).toEqual({ issued: 1, repeated: 0, refused: [] });
    expect(await readModels.get('toy.balance', 'shop1', 'c1')).toBe(123);
    const size = eventStore.size;
    const again = await crm.runDue('2026-04-11T00:00:00.000Z', 'shop1');
    expect(E.isRight(again) && again.right.issued).toBe(0);
    expect(eventStore.size).toBe(size);
  });

  it('runDue refuses a malformed now with its path', async () => {
    const { crm } = setup();
    const r = await crm.runDue('yesterday', 'shop1');
    expect(E.isLeft(r) && r.left.kind === 'ValidationError' && r.left.issues[0]!.path).toEqual(['now']);
  });

  it('runDue is idempotent for any now and any delivery times (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 60 }),
        async (deliveryDays, nowDay) => {
          const { crm, eventStore, readModels } = setup();
          const day = (d: number) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString();
          for (const [i, d] of deliveryDays.entries()) await crm.handle(deliver(`o${i}`, day(d), 100));
          await crm.runDue(day(nowDay), 'shop1');
          const size = eventStore.size;
          const second = await crm.runDue(day(nowDay), 'shop1');
          expect(E.isRight(second) && second.right.issued).toBe(0);
          expect(eventStore.size).toBe(size);
          const due = deliveryDays.filter((d) => d + 10 <= nowDay).length;
          expect((await readModels.get<number>('toy.balance', 'shop1', 'c1')) ?? 0).toBe(due);
        },
      ),
      { numRuns: 40 },
    );
  });
});
