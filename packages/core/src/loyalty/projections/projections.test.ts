import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import type { IsoInstant } from '../../kernel/codecs.js';
import type { StoredEvent } from '../../kernel/envelope.js';
import { foldProjection } from '../../kernel/projection.js';
import { explainPoints } from '../explain.js';
import { loyaltyKernel } from '../kernelFixture.js';
import { defaultLoyaltyPolicy } from '../policy.js';
import { memberScoreAt, type ScoreFacts } from '../score.js';
import { C, command, drive, earn, monthly, redeem, reverse, stored } from '../testFixtures.js';
import { loyaltyAccount, type LoyaltyAccountView } from './account.js';
import { loyaltyScoreFacts } from './scoreFacts.js';

const parties = { customerId: C, sellerId: 's1' };
const completed = (orderId: string, netPaid: number, at: string) => ({ type: 'OrderCompleted', data: { ...parties, orderId, by: 'buyer', netPaid, at } });
const refunded = (orderId: string, netPaid: number, completedFlag: boolean, at: string) => ({
  type: 'OrderRefunded',
  data: { ...parties, orderId, amount: 1, refundedTotal: 1, netPaid, completed: completedFlag, at },
});
const rated = (orderId: string, line: number, by: 'buyer' | 'seller', rating: string, at: string, text?: string) => ({
  type: 'OrderLineRated',
  data: { ...parties, orderId, line, productId: 'p', by, rating, placedAt: at, paidAt: at, completedAt: at, at, ...(text !== undefined ? { text } : {}) },
});

describe('loyalty.scoreFacts', () => {
  const events = [
    completed('o1', 100_000, '2026-01-10T02:00:00.000Z'),
    refunded('o1', 40_000, true, '2026-02-01T00:00:00.000Z'),
    refunded('o9', 5, false, '2026-01-01T00:00:00.000Z'), // before completion: already in netPaid, no fact
    rated('o1', 1, 'buyer', 'good', '2026-01-11T00:00:00.000Z', '好茶'),
    rated('o1', 2, 'buyer', 'good', '2026-01-11T00:00:00.000Z', ''), // empty text: not a review
    rated('o1', 3, 'buyer', 'good', '2026-01-11T00:00:00.000Z'),
    rated('o1', 1, 'seller', 'bad', '2026-01-12T00:00:00.000Z'), // received as a buyer: record unclean
    rated('o1', 2, 'seller', 'neutral', '2026-01-12T00:00:00.000Z'),
    ...drive([
      command({ type: 'RecordShare', data: { customerId: C, shareId: 's1', at: '2026-01-13T00:00:00.000Z' } }),
      command({ type: 'BindFamilyAccount', data: { customerId: C, familyAccountId: 'f1', at: '2026-01-14T00:00:00.000Z' } }),
      monthly('2026-02', 500, '2026-02-07T16:00:00.000Z'),
    ]).events,
  ];
  const doc = foldProjection(loyaltyScoreFacts, stored(events as never)).get(`shop1/${C}`) as ScoreFacts;
  it('keeps completed orders with their net paid over time, buyer reviews with text, bad ratings received, activities', () => {
    expect(doc).toMatchObject({
      customerId: C,
      orders: { o1: { completedAt: '2026-01-10T02:00:00.000Z', netPaid: [{ netPaidFen: 100_000 }, { at: '2026-02-01T00:00:00.000Z', netPaidFen: 40_000 }] } },
      reviews: [{ id: 'o1:1' }],
      badRatings: [{ id: 'o1:1' }],
      shares: [{ id: 's1' }],
      family: [{ familyAccountId: 'f1', bound: true }],
      lastScoredMonth: '2026-02',
      firstFactAt: '2026-01-10T02:00:00.000Z',
    });
    expect(Object.keys(doc.orders)).toEqual(['o1']);
  });
  it('scores from it: the order at its net paid at T', () => {
    const s = memberScoreAt(doc, '2026-03-07T16:00:00.000Z' as IsoInstant, defaultLoyaltyPolicy);
    expect(s).toMatchObject({ clean: false, spend12m: 40_000, components: { spend: 40, orderBonus: 5, rewards: 3, family: 20, base: 200 }, score: 268 });
    expect(memberScoreAt(doc, '2026-01-31T16:00:00.000Z' as IsoInstant, defaultLoyaltyPolicy).components.spend).toBe(100);
  });
});

describe('loyalty.account and explainPoints', () => {
  const { events } = drive([
    earn('o1', 10_000, '2026-01-01T00:00:00.000Z'),
    earn('o2', 20_000, '2026-02-01T00:00:00.000Z'),
    redeem('r1', 150, '2026-02-02T00:00:00.000Z'),
    reverse('o1', 0, '2026-02-03T00:00:00.000Z'),
    monthly('2026-03', 2600, '2026-03-07T16:00:00.000Z', { spend12m: 30_000_000 }),
    command({ type: 'InviteKeyAccount', data: { customerId: C, at: '2026-03-09T00:00:00.000Z' } }),
  ]);
  const doc = foldProjection(loyaltyAccount, stored(events)).get(`shop1/${C}`) as LoyaltyAccountView;
  it('holds balance, live lots, tier, value class, latest score with components and the tier history', () => {
    expect(doc).toMatchObject({
      balance: 50,
      lots: [{ orderId: 'o2', points: 200, remaining: 50, usableUntil: '2027-02-28T15:59:59.999Z' }],
      tier: 'keyAccount',
      valueClass: 'key',
      keyAccount: true,
      score: { month: '2026-03', score: 2600, components: { spend: 2200, base: 400 } },
      tierHistory: [
        { from: 'regular', to: 'super', reason: 'monthlyScore' },
        { from: 'super', to: 'keyAccount', reason: 'keyAccountInvited' },
      ],
      totals: { earned: 300, redeemed: 150, reversed: 100, expired: 0, writtenOff: 0 },
    });
  });
  it('explains the balance line by line', () => {
    const x = explainPoints(doc);
    expect(x).toMatchObject({ balance: 50, adds: true });
    expect(x.lines.map((l) => [l.kind, l.ref, l.change])).toEqual([
      ['earned', 'o1', 100],
      ['earned', 'o2', 200],
      ['redeemed', 'r1', -150],
      ['reversed', 'o1', -100],
    ]);
    expect(x.lines[3]!.text).toBe('order o1 refunded to 0 fen: 100 → 0 points; took 100 from o2');
  });
});

type Step =
  | { kind: 'order'; id: number; customer: string; tenant: string; paid: number; day: number; refund: number | null; review: boolean; bad: boolean }
  | { kind: 'share' | 'bind' | 'redeem'; customer: string; tenant: string; day: number; n: number }
  | { kind: 'due'; tenant: string; day: number };

const BASE = Date.parse('2025-10-01T00:00:00.000Z');
const dayAt = (d: number, h = 4) => new Date(BASE + d * 86_400_000 + h * 3_600_000).toISOString();
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('order' as const), id: fc.nat(1_000_000), customer: fc.constantFrom('c1', 'c2'), tenant: fc.constantFrom('shop1', 'shop2'),
    paid: fc.integer({ min: 100, max: 300_000 }), day: fc.integer({ min: 0, max: 500 }), refund: fc.option(fc.integer({ min: 1, max: 100 })), review: fc.boolean(), bad: fc.boolean(),
  }),
  fc.record({ kind: fc.constantFrom('share' as const, 'bind' as const, 'redeem' as const), customer: fc.constantFrom('c1', 'c2'), tenant: fc.constantFrom('shop1', 'shop2'), day: fc.integer({ min: 0, max: 500 }), n: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('due' as const), tenant: fc.constantFrom('shop1', 'shop2'), day: fc.integer({ min: 0, max: 900 }) }),
);

describe('rebuild equals incremental', () => {
  it('for loyalty.account and loyalty.scoreFacts, with catch-ups at random points (orders, reactor and due work included)', async () => {
    const projections = [loyaltyAccount, loyaltyScoreFacts] as const;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(stepArb, fc.boolean()), { minLength: 1, maxLength: 12 }), async (steps) => {
        const { kernel, eventStore, readModels, completeOrder, send } = loyaltyKernel();
        for (const [i, [s, pause]] of steps.entries()) {
          if (s.kind === 'order') {
            const orderId = `o${i}-${s.id}`;
            await completeOrder(orderId, s.customer, s.paid, dayAt(s.day), s.tenant);
            if (s.refund !== null) await send('RefundOrder', { orderId, amount: Math.max(1, Math.floor((s.paid * s.refund) / 100)), at: dayAt(s.day, 6) }, s.tenant);
            if (s.review) await send('RateOrderLine', { orderId, line: 1, by: 'buyer', rating: 'good', text: '好', at: dayAt(s.day, 7) }, s.tenant);
            if (s.bad) await send('RateOrderLine', { orderId, line: 1, by: 'seller', rating: 'bad', at: dayAt(s.day, 8) }, s.tenant);
          } else if (s.kind === 'share') await send('RecordShare', { customerId: s.customer, shareId: `s${i}`, at: dayAt(s.day) }, s.tenant);
          else if (s.kind === 'bind') await send('BindFamilyAccount', { customerId: s.customer, familyAccountId: `f${s.n}`, at: dayAt(s.day) }, s.tenant);
          else if (s.kind === 'redeem') await send('RedeemPoints', { customerId: s.customer, redemptionId: `r${i}`, points: s.n * 50, at: dayAt(s.day) }, s.tenant);
          else if (E.isLeft(await kernel.runDue(dayAt(s.day), s.tenant))) throw new Error('runDue refused its now');
          if (pause) await kernel.settle();
        }
        await kernel.settle();
        const events: StoredEvent[] = [];
        for await (const e of eventStore.readAll()) events.push(e);
        const check = async () => {
          for (const p of projections) {
            const folded = foldProjection(p as typeof loyaltyAccount, events as never);
            let count = 0;
            for (const tenant of ['shop1', 'shop2']) for await (const _ of readModels.query(p.name, tenant)) count++;
            expect(count).toBe(folded.size);
            for (const [key, doc] of folded) {
              const [tenant, id] = key.split('/') as [string, string];
              expect(await readModels.get(p.name, tenant, id)).toEqual(doc);
              if (p.name === loyaltyAccount.name) {
                // what due work relies on: the next expiry is the earliest of the live lots
                const { lots, nextExpiresAt, balance } = doc as unknown as LoyaltyAccountView;
                expect(nextExpiresAt).toBe(lots.length === 0 ? null : lots.map((l) => l.expiresAt).sort()[0]);
                expect(balance).toBe(lots.reduce((sum, l) => sum + l.remaining, 0));
              }
            }
          }
        };
        await check();
        await kernel.projections.rebuild();
        await check();
      }),
      { numRuns: 30 },
    );
  });
});
