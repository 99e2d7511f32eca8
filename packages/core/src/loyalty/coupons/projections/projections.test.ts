import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { foldProjection, type Projection } from '../../../kernel/projection.js';
import type { StoredEvent } from '../../../kernel/envelope.js';
import { couponDecider, type Coupon } from '../decider.js';
import type { CouponCommand } from '../commands.js';
import type { CouponEvent } from '../events.js';
import { couponDetail } from './coupon.js';
import { couponWallet } from './wallet.js';

const base = Date.parse('2026-06-01T00:00:00.000Z');
const iso = (h: number) => new Date(base + h * 3_600_000).toISOString();

const step = fc.record({
  coupon: fc.constantFrom('cp-1', 'cp-2', 'cp-3'),
  owner: fc.constantFrom('c-ann', 'c-bo'),
  kind: fc.constantFrom('issue', 'redeem', 'release', 'expire'),
  order: fc.constantFrom('o-1', 'o-2'),
  hour: fc.integer({ min: 0, max: 24 * 60 }),
  amount: fc.integer({ min: 0, max: 9000 }),
});

type Step = { coupon: string; owner: string; kind: string; order: string; hour: number; amount: number };

const commandOf = (s: Step): CouponCommand => {
  const d = { couponId: s.coupon };
  switch (s.kind) {
    case 'issue':
      return { type: 'IssueCoupon', data: { ...d, ownerId: s.owner, value: 500, minSpend: 3000, validFrom: iso(0), validUntil: iso(24 * 30) } } as never;
    case 'redeem':
      return { type: 'RedeemCoupon', data: { ...d, customerId: s.owner, orderId: s.order, orderAmount: s.amount, at: iso(s.hour) } } as never;
    case 'release':
      return { type: 'ReleaseCouponRedemption', data: { ...d, orderId: s.order, reason: 'refused', at: iso(s.hour) } } as never;
    default:
      return { type: 'ExpireCoupon', data: { ...d, at: iso(s.hour) } } as never;
  }
};

/** Decide every command on its coupon's stream; the accepted events in global order. */
const history = (steps: readonly Step[], tenantId = 'shop1'): StoredEvent<CouponEvent>[] => {
  const states = new Map<string, Coupon>();
  const out: StoredEvent<CouponEvent>[] = [];
  for (const s of steps) {
    const state = states.get(s.coupon) ?? couponDecider.initialState();
    const r = couponDecider.decide(commandOf(s), state);
    if (E.isLeft(r)) continue;
    let next = state;
    for (const e of r.right) {
      next = couponDecider.evolve(next, e);
      out.push({ ...e, metadata: { tenantId, occurredAt: iso(s.hour), globalPosition: BigInt(out.length + 1) } } as unknown as StoredEvent<CouponEvent>);
    }
    states.set(s.coupon, next);
  }
  return out;
};

/** Apply events one by one through a document map, as the runner does in batches. */
const incremental = <S,>(p: Projection<S, CouponEvent>, events: readonly StoredEvent<CouponEvent>[], cut: number) => {
  const first = foldProjection(p, events.slice(0, cut));
  const docs = new Map(first);
  for (const e of events.slice(cut)) {
    const k = `${e.metadata.tenantId}/${p.keyOf(e) as string}`;
    const next = p.apply(docs.has(k) ? docs.get(k)! : p.init(), e);
    if (next === null) docs.delete(k);
    else docs.set(k, next);
  }
  return docs;
};

describe('coupon projections', () => {
  it('rebuild equals incremental for every projection', () =>
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), fc.nat(), (steps, n) => {
        const events = history(steps);
        const cut = events.length === 0 ? 0 : n % (events.length + 1);
        for (const p of [couponDetail, couponWallet] as Projection<unknown, CouponEvent>[]) expect(incremental(p, events, cut)).toEqual(foldProjection(p, events));
      }),
    ));

  it('wallet totals agree with the coupon documents', () =>
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const events = history(steps);
        const coupons = [...foldProjection(couponDetail, events).values()].filter((d) => d !== null);
        for (const w of foldProjection(couponWallet, events).values()) {
          const mine = coupons.filter((c) => c!.ownerId === w.customerId);
          expect(w.open).toBe(mine.filter((c) => c!.status === 'issued').length);
          expect(w.openValue).toBe(mine.filter((c) => c!.status === 'issued').reduce((s, c) => s + c!.value, 0));
          expect(w.redeemed).toBe(mine.filter((c) => c!.status === 'redeemed').length);
          expect(w.expired).toBe(mine.filter((c) => c!.status === 'expired').length);
        }
      }),
    ));

  it('follows one coupon through redeem, release and expiry', () => {
    const events = history([
      { coupon: 'cp-1', owner: 'c-ann', kind: 'issue', order: 'o-1', hour: 0, amount: 0 },
      { coupon: 'cp-1', owner: 'c-ann', kind: 'redeem', order: 'o-1', hour: 1, amount: 3000 },
      { coupon: 'cp-1', owner: 'c-ann', kind: 'release', order: 'o-1', hour: 1, amount: 0 },
      { coupon: 'cp-1', owner: 'c-ann', kind: 'expire', order: 'o-1', hour: 24 * 31, amount: 0 },
    ]);
    expect(foldProjection(couponDetail, events).get('shop1/cp-1')).toMatchObject({ status: 'expired', released: 1, orderId: null, expiredAt: iso(24 * 31) });
    expect(foldProjection(couponWallet, events).get('shop1/c-ann')).toMatchObject({ open: 0, expired: 1, coupons: { 'cp-1': { status: 'expired' } } });
  });
});
