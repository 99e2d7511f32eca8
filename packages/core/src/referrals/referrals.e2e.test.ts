import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { memoryStores } from '@rapport/memory';
import { steppingClock } from '../kernel/clock.js';
import { createCrmKernel } from '../crm/createCrm.js';
import { ordersModuleFor } from '../crm/modules.js';
import { resolveCrmPolicy } from '../crm/policy.js';
import { customersModule } from '../customers/module.js';
import { registerCustomer } from '../customers/registration.js';
import { explainCommission } from './explain.js';
import { referralsModuleFor } from './module.js';
import { referralReads } from './read.js';
import { referralPolicy } from './policy.js';
import { commissionLedger, type CommissionLedger } from './projections/commissionLedger.js';
import { referralTree, type ReferralTree } from './projections/referralTree.js';

const ok = <T>(r: E.Either<unknown, T>): T => {
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  return r.right;
};

const setup = () => {
  const clock = steppingClock('2026-03-01T00:00:00.000Z', 1000);
  const stores = memoryStores({ clock });
  const crmPolicy = ok(resolveCrmPolicy());
  const kernel = createCrmKernel({
    ...stores,
    clock,
    modules: [customersModule, ordersModuleFor(crmPolicy), referralsModuleFor(ok(referralPolicy({})))],
  });
  let n = 0;
  const metadata = () => ({ commandId: `cmd-${++n}`, tenantId: 'shop1', actor: { kind: 'agent' as const, id: 'a1' } });
  const send = (type: string, data: Record<string, unknown>) => kernel.handle({ type, data, metadata: metadata() });
  const register = (customerId: string, referrerId: string | null) =>
    registerCustomer({ handle: kernel.handle, vault: stores.vault }, { data: { customerId, name: `客户${customerId}`, email: `${customerId}@example.com`, channel: referrerId ? 'referral' : 'ownSite', referrerId }, metadata: metadata() });
  const order = async (orderId: string, customerId: string, price: number, completedAt: string) => {
    ok(await send('PlaceOrder', { orderId, customerId, sellerId: 's1', couponAmount: 0, at: '2026-03-02T02:00:00.000Z', lines: [{ sku: 'tea', productId: 'tea', category: 'tea', quantity: 1, unitPrice: price }] }));
    ok(await send('PayOrder', { orderId, method: 'alipay', amount: price, at: '2026-03-02T02:05:00.000Z' }));
    ok(await send('ShipOrder', { orderId, at: '2026-03-03T02:00:00.000Z' }));
    ok(await send('DeliverOrder', { orderId, at: '2026-03-04T02:00:00.000Z' }));
    ok(await send('CompleteOrder', { orderId, by: 'buyer', at: completedAt }));
  };
  const ledger = async (id: string) => stores.readModels.get<CommissionLedger>(commissionLedger.name, 'shop1', id);
  return { kernel, stores, send, register, order, ledger };
};

describe('referrals end to end (customers + orders + referrals on memory stores)', () => {
  it('registers a chain, pays 3 levels on a completed order, claws back on refunds and issues month-end statements once', async () => {
    const { kernel, stores, send, register, order, ledger } = setup();
    ok(await register('a', null));
    for (const [c, r] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd']] as const) ok(await register(c, r));
    await order('o1', 'e', 100_000, '2026-03-10T02:00:00.000Z');
    await kernel.settle();

    const tree = await stores.readModels.get<ReferralTree>(referralTree.name, 'shop1', 'b');
    expect(tree?.levels).toEqual([['c'], ['d'], ['e']]);
    expect((await ledger('d'))?.totals.commissions).toBe(10_000);
    expect((await ledger('c'))?.totals.commissions).toBe(2_000);
    expect((await ledger('b'))?.totals.commissions).toBe(1_000);
    expect(await ledger('a')).toBeUndefined(); // the 4th level gets nothing

    ok(await send('RefundOrder', { orderId: 'o1', amount: 50_000, at: '2026-03-20T02:00:00.000Z' }));
    await kernel.settle();
    expect((await ledger('d'))?.totals.clawbacks).toBe(5_000);
    expect(explainCommission((await ledger('c'))!, 'o1')).toMatchObject({ earned: 2_000, clawedBack: 1_000, held: 1_000 });
    const reads = referralReads(stores.readModels);
    expect(await reads.explain('shop1', 'c', 'o1')).toEqual(explainCommission((await ledger('c'))!, 'o1'));
    expect(await reads.explain('shop1', 'a', 'o1')).toBeUndefined();
    expect((await reads.tree('shop1', 'a'))?.levels).toEqual([['b'], ['c'], ['d']]);
    expect((await reads.ledger('shop1', 'b'))?.totals).toMatchObject({ commissions: 1_000, clawbacks: 500 });

    // 2026-04-01 00:00 in Shanghai is 2026-03-31T16:00Z: March closes
    expect(ok(await kernel.runDue('2026-03-31T15:59:59.000Z', 'shop1')).issued).toBe(0);
    expect(ok(await kernel.runDue('2026-03-31T16:00:00.000Z', 'shop1'))).toEqual({ issued: 3, repeated: 0, refused: [] });
    const size = stores.eventStore.size;
    expect(ok(await kernel.runDue('2026-04-01T09:00:00.000Z', 'shop1'))).toEqual({ issued: 0, repeated: 0, refused: [] });
    expect(stores.eventStore.size).toBe(size);
    // d: G = 10,000 − 5,000 = 5,000 → tax 250, fee 250, retained 500, paid out 4,000
    expect((await ledger('d'))?.statements).toMatchObject([{ month: '2026-03', gross: 5_000, tax: 250, fee: 250, retained: 500, paidOut: 4_000, carriedOut: 0 }]);

    // April: another 40,000 back → d's level 1 falls to ⌊10,000 × 10%⌋ = 1,000: 4,000 clawed back, G < 0 is carried
    ok(await send('RefundOrder', { orderId: 'o1', amount: 40_000, at: '2026-04-05T02:00:00.000Z' }));
    ok(await kernel.runDue('2026-04-30T16:00:00.000Z', 'shop1'));
    expect((await ledger('d'))?.statements.map((s) => [s.month, s.gross, s.paidOut, s.carriedOut])).toEqual([
      ['2026-03', 5_000, 4_000, 0],
      ['2026-04', -4_000, 0, -4_000],
    ]);
  });

  it('refuses bad referral input with its field path and writes nothing', async () => {
    const { kernel, stores } = setup();
    const size = stores.eventStore.size;
    const meta = { commandId: 'bad-1', tenantId: 'shop1', actor: { kind: 'agent' as const, id: 'a1' } };
    const join = await kernel.handle({ type: 'JoinReferralNetwork', data: { customerId: 'has.dot', referrerId: null, at: '2026-03-01T00:00:00.000Z' }, metadata: meta });
    expect(E.isLeft(join) && join.left.kind === 'ValidationError' && join.left.issues.map((i) => i.path)).toEqual([['data', 'customerId']]);
    const statement = await kernel.handle({
      type: 'IssuePayoutStatement',
      data: { beneficiaryId: 'b', month: '2026-13', commissions: -1, clawbacks: 0, at: '2026-03-01T00:00:00.000Z' },
      metadata: { ...meta, commandId: 'bad-2' },
    });
    expect(E.isLeft(statement) && statement.left.kind === 'ValidationError' && statement.left.issues.map((i) => i.path)).toEqual([
      ['data', 'month'],
      ['data', 'commissions'],
    ]);
    const unknown = await kernel.handle({ type: 'JoinReferralNetwork', data: { customerId: 'x', referrerId: 'ghost', at: '2026-03-01T00:00:00.000Z' }, metadata: { ...meta, commandId: 'bad-3' } });
    expect(E.isLeft(unknown) && unknown.left.kind === 'DomainError' && [unknown.left.code, unknown.left.path]).toEqual(['REFERRAL_UNKNOWN_REFERRER', ['data', 'referrerId']]);
    expect(stores.eventStore.size).toBe(size);
  });
});
