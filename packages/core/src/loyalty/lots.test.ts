import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { balanceAt, byAge, lotExpiry, pointsFor, takeFromLots, type Lot } from './lots.js';

describe('pointsFor: ⌊⌊net paid fen ÷ 100⌋ × multiplier⌋ in hundredths', () => {
  it.each([
    [99, 100, 0], // less than a whole CNY earns nothing
    [100, 100, 1],
    [12_345, 100, 123],
    [12_345, 150, 184], // ⌊123 × 1.5⌋ = ⌊184.5⌋
    [6_172, 150, 91], // ⌊61 × 1.5⌋ = ⌊91.5⌋
    [99_999, 200, 1_998],
    [10_001, 333, 333], // ⌊100 × 3.33⌋
  ])('%i fen at ×%i/100 → %i points', (net, m, points) => expect(pointsFor(net, m)).toBe(points));

  it('never exceeds the exact product and is below it by less than 1 (no float drift)', () =>
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), fc.integer({ min: 0, max: 100_000 }), (net, m) => {
        const p = pointsFor(net, m);
        const exact = BigInt(Math.floor(net / 100)) * BigInt(m);
        return BigInt(p) * 100n <= exact && exact < (BigInt(p) + 1n) * 100n;
      }),
    ));
});

describe('lotExpiry (Asia/Shanghai)', () => {
  it('earned 2025-11-15: usable through 2026-11-30T15:59:59.999Z, gone at 16:00:00.000Z', () =>
    expect(lotExpiry('2025-11-15T04:00:00.000Z', 'Asia/Shanghai')).toEqual({
      usableUntil: '2026-11-30T15:59:59.999Z',
      expiresAt: '2026-11-30T16:00:00.000Z',
    }));
  it('reads the month locally: 2025-11-30T16:30Z is 1 December in Shanghai', () =>
    expect(lotExpiry('2025-11-30T16:30:00.000Z', 'Asia/Shanghai').expiresAt).toBe('2026-12-31T16:00:00.000Z'));
  it('the first local instant of a month still belongs to it', () =>
    expect(lotExpiry('2025-10-31T16:00:00.000Z', 'Asia/Shanghai').expiresAt).toBe('2026-11-30T16:00:00.000Z'));
  it('follows the policy zone and life', () => {
    expect(lotExpiry('2025-11-15T04:00:00.000Z', 'UTC').expiresAt).toBe('2026-12-01T00:00:00.000Z');
    expect(lotExpiry('2025-11-15T04:00:00.000Z', 'Asia/Shanghai', 1).expiresAt).toBe('2025-12-31T16:00:00.000Z');
  });
});

const lot = (orderId: string, earnedAt: string, remaining: number, expiresAt = '2030-01-01T00:00:00.000Z'): Lot => ({ orderId, earnedAt, remaining, expiresAt }) as Lot;

describe('takeFromLots', () => {
  const lots = [lot('o3', '2026-03-01T00:00:00.000Z', 300), lot('o1', '2026-01-01T00:00:00.000Z', 100), lot('o2', '2026-02-01T00:00:00.000Z', 200)];
  it('takes oldest earned first', () =>
    expect(takeFromLots(lots, 250, '2026-04-01T00:00:00.000Z')).toEqual({ taken: [{ orderId: 'o1', points: 100 }, { orderId: 'o2', points: 150 }], short: 0 }));
  it('takes the named lot first, then oldest', () =>
    expect(takeFromLots(lots, 350, '2026-04-01T00:00:00.000Z', 'o3')).toEqual({ taken: [{ orderId: 'o3', points: 300 }, { orderId: 'o1', points: 50 }], short: 0 }));
  it('ties on time go by order id', () =>
    expect([lot('b', '2026-01-01T00:00:00.000Z', 1), lot('a', '2026-01-01T00:00:00.000Z', 1)].sort(byAge).map((l) => l.orderId)).toEqual(['a', 'b']));
  it('skips expired lots and reports what is short', () => {
    const withOld = [...lots, lot('o0', '2025-01-01T00:00:00.000Z', 500, '2026-02-01T00:00:00.000Z')];
    expect(balanceAt(withOld, '2026-01-31T23:59:59.999Z')).toBe(1100);
    expect(balanceAt(withOld, '2026-02-01T00:00:00.000Z')).toBe(600);
    expect(takeFromLots(withOld, 700, '2026-02-01T00:00:00.000Z').short).toBe(100);
  });
});
