import { describe, expect, it } from 'vitest';
import { foldMismatches } from '../../testing/foldMismatches.js';
import fc from 'fast-check';
import { MemoryEventStore, MemoryReadModelStore } from '@rapport/memory';
import { createCommandBus, eventRegistry, fixedClock, foldProjection, ProjectionRunner, type Projection, type StoredEvent } from '../../index.js';
import { OrderEvent } from '../../orders/events.js';
import { ordersHandler } from '../../orders/handler.js';
import type { ConsentFact } from '../../marketing/values.js';
import { withinConversionWindow } from '../conversion.js';
import { distributeCallList } from '../decider.js';
import { TelemarketingEvent } from '../events.js';
import { telemarketingReads } from '../reads.js';
import { callListHandlerFor } from '../streams.js';
import { CALL_OUTCOMES } from '../values.js';
import { customerCalls, type CustomerCallsDoc } from './customerCalls.js';
import { callListProgress, type CallListProgressDoc } from './listProgress.js';

const BUILT = Date.parse('2026-06-01T00:00:00.000Z');
const HOUR = 3_600_000;
const iso = (hours: number) => new Date(BUILT + hours * HOUR).toISOString();
const yes: ConsentFact = { status: 'given', since: '2026-01-01T00:00:00.000Z' as never, customerPosition: 1 as never };
const no: ConsentFact = { status: 'withdrawn', since: '2026-01-02T00:00:00.000Z' as never, customerPosition: 2 as never };
const CUSTOMERS = ['c-1', 'c-2', 'c-3', 'c-4', 'c-5'];
const AGENTS = ['a-1', 'a-2', 'a-3'];
const WINDOW_DAYS = 2; // short, so the random hours fall on both sides of it

type Step = { readonly type: string; readonly data: Record<string, unknown>; readonly tenantId: string };

const listArb = (listId: string) =>
  fc
    .record({
      tenantId: fc.constantFrom('shop1', 'shop1', 'shop2'),
      agents: fc.uniqueArray(fc.constantFrom(...AGENTS), { minLength: 1, maxLength: 3 }),
      candidates: fc.array(fc.record({ customerId: fc.constantFrom(...CUSTOMERS), consent: fc.constantFrom(yes, yes, no) }), { minLength: 1, maxLength: 6 }),
      startHour: fc.integer({ min: 0, max: 24 }),
    })
    .map((l): Step => ({ type: 'BuildCallList', tenantId: l.tenantId, data: { listId, name: `list ${listId}`, agents: l.agents, candidates: l.candidates, at: iso(l.startHour) } }));

/** A call to a customer of a list, mostly by their agent (a wrong agent is refused and records nothing). */
const callArb = fc.record({
  list: fc.constantFrom(0, 1),
  pick: fc.nat(),
  wrongAgent: fc.constantFrom(false, false, false, true),
  outcome: fc.constantFrom(...CALL_OUTCOMES),
  hour: fc.integer({ min: 0, max: 240 }),
});
type CallPick = typeof callArb extends fc.Arbitrary<infer A> ? A : never;

const callStep = (lists: readonly Step[], c: CallPick, callId: string): Step => {
  const l = lists[c.list]!;
  const d = l.data as { listId: string; agents: string[]; candidates: { customerId: string; consent: ConsentFact }[]; at: string };
  const { entries } = distributeCallList(d.agents, d.candidates, d.at);
  const entry = entries.length > 0 ? entries[c.pick % entries.length]! : { customerId: CUSTOMERS[c.pick % CUSTOMERS.length]!, agentId: d.agents[0]! };
  const agentId = c.wrongAgent ? AGENTS[(AGENTS.indexOf(entry.agentId) + 1) % AGENTS.length]! : entry.agentId;
  return {
    type: 'RecordCall',
    tenantId: l.tenantId,
    data: { listId: d.listId, callId, customerId: entry.customerId, agentId, outcome: c.outcome, callbackAt: c.outcome === 'callback' ? iso(c.hour + 24) : null, at: iso(c.hour), consent: yes },
  };
};

const orderArb = fc
  .record({ tenantId: fc.constantFrom('shop1', 'shop1', 'shop2'), customerId: fc.constantFrom(...CUSTOMERS), hour: fc.integer({ min: 0, max: 260 }), minutes: fc.constantFrom(0, 0, 1, 59) })
  .map((o): Step[] => {
    const at = new Date(BUILT + o.hour * HOUR + o.minutes * 60_000).toISOString();
    const lines = [{ sku: 'tee-m', productId: 'tee', category: 'apparel', quantity: 1, unitPrice: 9_900 }];
    return [
      { type: 'PlaceOrder', tenantId: o.tenantId, data: { customerId: o.customerId, sellerId: 's1', couponAmount: 0, lines, at } },
      { type: 'PayOrder', tenantId: o.tenantId, data: { method: 'alipay', amount: 9_900, at } },
    ];
  });

/** Lists first (in either order), then calls and paid orders interleaved at random. */
const scenarioArb = fc
  .tuple(listArb('L1'), listArb('L2'), fc.array(fc.oneof(callArb.map((c) => ({ call: c })), orderArb.map((o) => ({ order: o }))), { minLength: 10, maxLength: 30 }))
  .map(([l1, l2, rest]) => {
    let order = 0;
    let call = 0;
    const steps: Step[] = [l1, l2];
    for (const x of rest) {
      if ('call' in x) steps.push(callStep([l1, l2], x.call, `k-${++call}`));
      else {
        const orderId = `o-${++order}`;
        for (const s of x.order) steps.push({ ...s, data: { ...s.data, orderId } });
      }
    }
    return steps;
  });

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const projections: Projection<any, any>[] = [callListProgress, customerCalls];

describe('telemarketing projections', () => {
  it('rebuild equals incremental (random catch-ups, small batches), and the stats keep their invariants', async () => {
    const seen = { calls: 0, paid: 0, converted: 0 };
    await fc.assert(
      fc.asyncProperty(scenarioArb, fc.array(fc.boolean(), { minLength: 50, maxLength: 50 }), fc.integer({ min: 1, max: 5 }), async (steps, pauses, batchSize) => {
        const registry = eventRegistry(TelemarketingEvent, OrderEvent);
        const store = new MemoryEventStore({ registry, clock: fixedClock(iso(0)) });
        const bus = createCommandBus([callListHandlerFor(), ordersHandler], { eventStore: store, registry, clock: fixedClock(iso(0)) });
        const readModels = new MemoryReadModelStore();
        const runner = new ProjectionRunner({ eventStore: store, readModels, projections, batchSize });
        for (const [i, s] of steps.entries()) {
          await bus.handle({ type: s.type, data: s.data, metadata: { commandId: `cmd-${i}`, tenantId: s.tenantId, actor: { kind: 'user', id: 'u' } } });
          if (pauses[i % pauses.length]) await runner.catchUp();
        }
        await runner.catchUp();
        const events: StoredEvent[] = [];
        for await (const e of store.readAll()) events.push(e);
        seen.calls += events.filter((e) => e.type === 'CallRecorded').length;
        seen.paid += events.filter((e) => e.type === 'OrderPaid').length;

        const check = async () => expect(await foldMismatches(readModels, projections, events, ['shop1', 'shop2'])).toEqual([]);
        await check();
        await runner.rebuild();
        await check();

        for (const tenant of ['shop1', 'shop2'])
          for await (const list of readModels.query<CallListProgressDoc>(callListProgress.name, tenant)) {
            const reads = telemarketingReads(readModels, { conversionWindowDays: WINDOW_DAYS });
            const customers: CustomerCallsDoc[] = [];
            for await (const d of readModels.query<CustomerCallsDoc>(customerCalls.name, tenant, { where: { [`lists.${list.listId}.onList`]: true } })) customers.push(d);
            expect(customers.length).toBe(list.size);
            expect(list.called).toBeLessThanOrEqual(list.size);
            expect(list.remaining).toBe(list.size - list.called);
            expect(Object.values(list.outcomes).reduce((a, b) => a + b, 0)).toBe(list.calls);
            const stats = (await reads.agents(tenant, list.listId))!;
            expect(stats.map((s) => s.agentId)).toEqual([...list.agents].sort());
            expect(stats.reduce((n, s) => n + s.attempts, 0)).toBe(list.calls);
            seen.converted += stats.reduce((n, s) => n + s.converted, 0);
            for (const s of stats) {
              expect(s.reached).toBeLessThanOrEqual(s.attempts);
              expect(s.interested).toBeLessThanOrEqual(s.reached);
              expect(s.converted).toBeLessThanOrEqual(s.reached);
            }
            // a longer window only adds conversions: an order's latest reached call in the short window is its latest in the long one too
            const longer = (await telemarketingReads(readModels, { conversionWindowDays: WINDOW_DAYS + 3 }).agents(tenant, list.listId))!;
            longer.forEach((s, i) => expect(s.converted).toBeGreaterThanOrEqual(stats[i]!.converted));
            for (const { customerId } of customers) {
              const c = (await reads.customer(tenant, customerId))!;
              const l = c.byList[list.listId]!;
              const orders = Object.values(l.conversions);
              expect(new Set(orders).size).toBe(orders.length); // an order converts at most one call of a list
              for (const [callId, orderId] of Object.entries(l.conversions)) {
                const called = c.calls.find((k) => k.callId === callId && k.listId === list.listId)!;
                const paid = c.payments.find((p) => p.orderId === orderId)!;
                expect(['callback', 'interested', 'notInterested', 'doNotCall']).toContain(called.outcome);
                expect(withinConversionWindow(called.at, paid.at, WINDOW_DAYS)).toBe(true);
              }
            }
          }
      }),
      { numRuns: 40 },
    );
    // the scenarios do reach calls, payments and conversions (the checks above are not vacuous)
    expect(seen).toMatchObject({ calls: expect.any(Number), paid: expect.any(Number), converted: expect.any(Number) });
    expect(Math.min(seen.calls, seen.paid, seen.converted)).toBeGreaterThan(0);
  });
});
