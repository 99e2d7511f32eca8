import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { conversionsOf, countCalls, withinConversionWindow, type CallFact, type PaymentFact } from './conversion.js';
import { CALL_OUTCOMES, isReached } from './values.js';

const T = '2026-06-02T02:00:00.000Z';
const c = (callId: string, at: string, outcome: CallFact['outcome'] = 'interested'): CallFact => ({ listId: 'L1', callId, agentId: 'a-1', outcome, at });
const p = (orderId: string, at: string): PaymentFact => ({ orderId, at });

describe('conversion', () => {
  it('the window is 7 × 24 h, both ends inclusive', () => {
    expect(withinConversionWindow(T, T, 7)).toBe(true);
    expect(withinConversionWindow(T, '2026-06-09T02:00:00.000Z', 7)).toBe(true);
    expect(withinConversionWindow(T, '2026-06-09T02:00:00.001Z', 7)).toBe(false);
    expect(withinConversionWindow(T, '2026-06-02T01:59:59.999Z', 7)).toBe(false);
  });

  it('an order converts the latest reached call before it; unreached calls never convert', () => {
    const calls = [c('k1', '2026-06-01T02:00:00.000Z'), c('k2', '2026-06-02T02:00:00.000Z'), c('k3', '2026-06-02T03:00:00.000Z', 'noAnswer')];
    expect(conversionsOf(calls, [p('o1', '2026-06-03T00:00:00.000Z')], 7)).toEqual({ k2: 'o1' });
    // k2 is out of the window of a later order, so the order goes unattributed
    expect(conversionsOf(calls, [p('o2', '2026-06-09T02:00:00.001Z')], 7)).toEqual({});
  });

  it('a call counts once: the first order after it is the one shown', () =>
    expect(conversionsOf([c('k1', T)], [p('o2', '2026-06-04T00:00:00.000Z'), p('o1', '2026-06-03T00:00:00.000Z')], 7)).toEqual({ k1: 'o1' }));

  it('does not depend on the order the facts arrived in; converted ≤ reached ≤ attempts', () =>
    fc.assert(
      fc.property(
        fc.array(fc.record({ h: fc.integer({ min: 0, max: 400 }), outcome: fc.constantFrom(...CALL_OUTCOMES) }), { maxLength: 8 }),
        fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 6 }),
        fc.integer({ min: 1, max: 14 }),
        (cs, ps, days) => {
          const at = (h: number) => new Date(Date.parse(T) + h * 3_600_000).toISOString();
          const calls = cs.map((x, i) => c(`k${i}`, at(x.h), x.outcome));
          const payments = ps.map((h, i) => p(`o${i}`, at(h)));
          const conv = conversionsOf(calls, payments, days);
          expect(conversionsOf([...calls].reverse(), [...payments].reverse(), days)).toEqual(conv);
          const n = countCalls(calls, conv);
          expect(n.converted).toBeLessThanOrEqual(n.reached);
          expect(n.reached).toBeLessThanOrEqual(n.attempts);
          for (const [callId, orderId] of Object.entries(conv)) {
            const k = calls.find((x) => x.callId === callId)!;
            expect(isReached(k.outcome)).toBe(true);
            expect(withinConversionWindow(k.at, payments.find((x) => x.orderId === orderId)!.at, days)).toBe(true);
          }
          // every order with a reached call in its window converts one
          for (const pay of payments) {
            const candidates = calls.filter((k) => isReached(k.outcome) && withinConversionWindow(k.at, pay.at, days));
            if (candidates.length > 0) expect(Object.keys(conv).some((id) => candidates.some((k) => k.callId === id))).toBe(true);
          }
        },
      ),
    ));
});
