import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MemoryEventStore, MemoryReadModelStore } from '@rapport/memory';
import { createCommandBus, eventRegistry, fixedClock, foldProjection, ProjectionRunner, type StoredEvent } from '../../index.js';
import { ReferralEvent } from '../events.js';
import { explainCommission } from '../explain.js';
import { clawBack, drive, earn, join, payoutCommand, T0 as JOINED } from '../fixtures.js';
import { makeReferralNetworkDecider } from '../network.js';
import { makePayoutDecider } from '../payout.js';
import { defaultReferralPolicy } from '../policy.js';
import { referralNetworkHandler, referralPayoutHandler } from '../streams.js';
import { commissionLedger, type CommissionLedger } from './commissionLedger.js';
import { referralTree } from './referralTree.js';

const policy = defaultReferralPolicy;
const T0 = '2026-03-01T00:00:00.000Z';

/** Stored-looking envelopes for a fold (only what the projections read). */
const stored = (events: readonly { type: string; data: unknown }[]): StoredEvent<ReferralEvent>[] =>
  events.map((e, i) => ({ ...e, metadata: { tenantId: 'shop1', globalPosition: BigInt(i + 1), streamPosition: BigInt(i), occurredAt: T0 } }) as unknown as StoredEvent<ReferralEvent>);

const network = drive(makeReferralNetworkDecider(policy), [
  join('a', null),
  join('b', 'a'),
  join('c', 'b'),
  join('c2', 'b'),
  join('d', 'c'),
  join('e', 'd'),
  earn('o1', 'e', 99_999),
  clawBack('o1', 'e', 49_999),
  clawBack('o1', 'e', 39_999, '2026-04-02T02:00:00.000Z'),
]).events;

describe('referrals.tree', () => {
  const docs = foldProjection(referralTree, stored(network));
  it('lists each customer’s direct and indirect referrals by level (3 levels down)', () => {
    expect(docs.get('shop1/a')).toEqual({ customerId: 'a', referrerId: null, joinedAt: JOINED, levels: [['b'], ['c', 'c2'], ['d']] });
    expect(docs.get('shop1/b')).toEqual({ customerId: 'b', referrerId: 'a', joinedAt: JOINED, levels: [['c', 'c2'], ['d'], ['e']] });
    expect(docs.get('shop1/e')).toEqual({ customerId: 'e', referrerId: 'd', joinedAt: JOINED, levels: [[], [], []] });
    expect(docs.get('shop1/a')?.levels.flat()).not.toContain('e'); // four levels down is not in a's tree
  });
});

describe('referrals.commissionLedger and explainCommission', () => {
  const docs = foldProjection(commissionLedger, stored(network));
  const d = docs.get('shop1/d')!;
  it('keeps each beneficiary’s commissions and clawbacks, by month', () => {
    expect(d.commissions.map((c) => [c.orderId, c.level, c.amount, c.net])).toEqual([['o1', 1, 9_999, 99_999]]);
    expect(d.clawbacks.map((c) => [c.level, c.netBefore, c.net, c.amount, c.commissionAfter, c.month])).toEqual([
      [1, 99_999, 49_999, 5_000, 4_999, '2026-03'],
      [1, 49_999, 39_999, 1_000, 3_999, '2026-04'],
    ]);
    expect(d.months).toEqual({ '2026-03': { commissions: 9_999, clawbacks: 5_000 }, '2026-04': { commissions: 0, clawbacks: 1_000 } });
    expect(d.totals).toMatchObject({ commissions: 9_999, clawbacks: 6_000 });
    expect(docs.get('shop1/a')).toBeUndefined(); // four levels up: never a beneficiary of e's order
    expect(docs.get('shop1/b')?.commissions.map((c) => [c.level, c.amount])).toEqual([[3, 999]]);
  });

  it('explains what a beneficiary holds on an order, step by step', () => {
    const x = explainCommission(docs.get('shop1/c')!, 'o1');
    expect(x).toMatchObject({ orderId: 'o1', beneficiaryId: 'c', earned: 1_999, clawedBack: 1_200, held: 799 });
    expect(x?.levels[0]?.steps).toEqual([
      'L2 = ⌊L1 9999 × 20%⌋ = 1999 fen (order completed 2026-03-10T02:00:00.000Z)',
      'refund 2026-03-20T02:00:00.000Z: net 99999 → 49999; L2 = ⌊L1 4999 × 20%⌋ = 999 fen; clawed back 1999 − 999 = 1000 fen',
      'refund 2026-04-02T02:00:00.000Z: net 49999 → 39999; L2 = ⌊L1 3999 × 20%⌋ = 799 fen; clawed back 999 − 799 = 200 fen',
    ]);
    expect(explainCommission(docs.get('shop1/c')!, 'o-unknown')).toBeUndefined();
  });
});

describe('statements in the ledger', () => {
  it('records each statement, what it covered and the deficit it carries', () => {
    const payouts = drive(makePayoutDecider(policy), [
      payoutCommand({ type: 'IssuePayoutStatement', data: { beneficiaryId: 'd', month: '2026-03', commissions: 9_999, clawbacks: 5_000, at: '2026-03-31T16:00:00.000Z' } }),
      payoutCommand({ type: 'IssuePayoutStatement', data: { beneficiaryId: 'd', month: '2026-04', commissions: 0, clawbacks: 6_000, at: '2026-04-30T16:00:00.000Z' } }),
    ]).events;
    const l = foldProjection(commissionLedger, stored([...network, ...payouts])).get('shop1/d')!;
    // March: G = 4,999 → tax ⌊249.95 + ½⌋ = 250, fee 250, retained ⌊499.9 + ½⌋ = 500, paid out 3,999
    expect(l.statements.map((s) => [s.month, s.gross, s.tax, s.fee, s.retained, s.paidOut, s.carriedOut])).toEqual([
      ['2026-03', 4_999, 250, 250, 500, 3_999, 0],
      ['2026-04', -6_000, 0, 0, 0, 0, -6_000],
    ]);
    expect(l).toMatchObject({ lastStatementMonth: '2026-04', carried: -6_000, stated: { commissions: 9_999, clawbacks: 11_000 } });
    expect(l.totals).toMatchObject({ paidOut: 3_999, tax: 250, fee: 250, retained: 500 });
  });
});

type Step = { readonly type: string; readonly data: Record<string, unknown>; readonly tenantId: string };

/** Joins (each to an earlier member or none), completed orders, refunds and statements, in random order per shop. */
const scenarioArb = fc
  .record({
    referrers: fc.array(fc.option(fc.nat(), { nil: null }), { minLength: 1, maxLength: 8 }),
    orders: fc.array(fc.record({ buyer: fc.nat(), net: fc.nat(200_000), refunds: fc.array(fc.nat(100_000), { maxLength: 3 }), day: fc.nat(80) }), { maxLength: 8 }),
    statements: fc.array(fc.record({ who: fc.nat(), month: fc.integer({ min: 3, max: 6 }), commissions: fc.nat(20_000), clawbacks: fc.nat(20_000) }), { maxLength: 4 }),
    tenantId: fc.constantFrom('shop1', 'shop2'),
  })
  .map(({ referrers, orders, statements, tenantId }): Step[] => {
    const ids = referrers.map((_, i) => `m${i}`);
    const step = (type: string, data: Record<string, unknown>): Step => ({ type, data, tenantId });
    const out: Step[] = referrers.map((r, i) => step('JoinReferralNetwork', { customerId: ids[i], referrerId: r === null || i === 0 ? null : ids[r % i], at: T0 }));
    for (const [n, o] of orders.entries()) {
      const buyer = ids[o.buyer % ids.length]!;
      const at = new Date(Date.parse('2026-03-02T00:00:00.000Z') + o.day * 86_400_000).toISOString();
      out.push(step('EarnReferralCommissions', { orderId: `o${n}`, customerId: buyer, netPaid: o.net, at }));
      let net = o.net;
      for (const r of o.refunds) out.push(step('ClawBackReferralCommissions', { orderId: `o${n}`, customerId: buyer, netPaid: (net = Math.max(0, net - r)), at }));
    }
    for (const s of statements)
      out.push(step('IssuePayoutStatement', { beneficiaryId: ids[s.who % ids.length], month: `2026-0${s.month}`, commissions: s.commissions, clawbacks: s.clawbacks, at: T0 }));
    return out;
  });

describe('rebuild equals incremental', () => {
  it('for the tree and the ledger, with catch-ups at random points and small batches', async () => {
    const projections = [referralTree, commissionLedger];
    await fc.assert(
      fc.asyncProperty(fc.array(scenarioArb, { minLength: 1, maxLength: 2 }), fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), fc.integer({ min: 1, max: 7 }), async (shops, pauses, batchSize) => {
        const registry = eventRegistry(ReferralEvent);
        const store = new MemoryEventStore({ registry, clock: fixedClock(T0) });
        const bus = createCommandBus([referralNetworkHandler(policy), referralPayoutHandler(policy)], { eventStore: store, registry, clock: fixedClock(T0) });
        const readModels = new MemoryReadModelStore();
        const runner = new ProjectionRunner({ eventStore: store, readModels, projections, batchSize });
        for (const [i, s] of shops.flat().entries()) {
          await bus.handle({ type: s.type, data: s.data, metadata: { commandId: `cmd-${i}`, tenantId: s.tenantId, actor: { kind: 'user', id: 'u' } } });
          if (pauses[i % pauses.length]) await runner.catchUp();
        }
        await runner.catchUp();
        const events: StoredEvent<ReferralEvent>[] = [];
        for await (const e of store.readAll()) events.push(e as StoredEvent<ReferralEvent>);
        const check = async () => {
          for (const p of projections) {
            const folded = foldProjection(p as typeof commissionLedger, events) as Map<string, CommissionLedger>;
            let count = 0;
            for (const tenant of ['shop1', 'shop2']) for await (const _ of readModels.query(p.name, tenant)) count++;
            expect(count).toBe(folded.size);
            for (const [key, doc] of folded) {
              const [tenant, id] = key.split('/') as [string, string];
              expect(await readModels.get(p.name, tenant, id)).toEqual(doc);
            }
          }
        };
        await check();
        await runner.rebuild();
        await check();
      }),
      { numRuns: 40 },
    );
  });
});
