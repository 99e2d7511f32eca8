import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { make, IsoInstant } from '../kernel/codecs.js';
import {
  addBusinessTime,
  addElapsedTime,
  BusinessHours,
  businessTimeBetween,
  clockCountedBetween,
  clockDueAt,
  defaultBusinessHours,
  elapsedTimeBetween,
  localDateOf,
  type ClockPause,
} from './index.js';
import { isTimeZone, TimeZoneName } from './businessHours.js';

const at = make(IsoInstant);
const H = 3_600_000;
const M = 60_000;
const shanghai = defaultBusinessHours;
const berlin = make(BusinessHours)({ timeZone: 'Europe/Berlin', opensAt: '08:30', closesAt: '23:30' });
const iso = (n: number) => new Date(n).toISOString() as IsoInstant;

describe('business hours in Asia/Shanghai (no DST)', () => {
  it('a normal complaint filed at 23:00 is due for first response at 09:00 next day', () => {
    // 23:00 local = 15:00Z; 30 business minutes before close, 30 after open (08:30 = 00:30Z)
    expect(addBusinessTime(at('2026-03-02T15:00:00.000Z'), H, shanghai)).toBe('2026-03-03T01:00:00.000Z');
  });

  it('filed outside hours, the clock starts at the next 08:30', () => {
    expect(addBusinessTime(at('2026-03-02T16:10:00.000Z'), 15 * M, shanghai)).toBe('2026-03-03T00:45:00.000Z');
    expect(addBusinessTime(at('2026-03-02T22:00:00.000Z'), 15 * M, shanghai)).toBe('2026-03-03T00:45:00.000Z');
  });

  it('72 business hours span 4.8 business days of 15 h', () => {
    const start = at('2026-03-01T00:30:00.000Z'); // 08:30 local on the 1st
    // 4 whole days (60 h) then 12 h on the 5th: 20:30 local on the 5th
    const due = addBusinessTime(start, 72 * H, shanghai)!;
    expect(due).toBe('2026-03-05T12:30:00.000Z');
    expect(businessTimeBetween(start, due, shanghai)).toBe(72 * H);
    expect(businessTimeBetween(start, due, shanghai) / (15 * H)).toBe(4.8);
  });

  it('a target reached exactly at closing time is due at closing time', () => {
    expect(addBusinessTime(at('2026-03-02T14:30:00.000Z'), H, shanghai)).toBe('2026-03-02T15:30:00.000Z');
  });

  it('a pause inside business hours moves the due time by its length', () => {
    const pauses: ClockPause[] = [{ from: at('2026-03-02T02:00:00.000Z'), to: at('2026-03-02T03:00:00.000Z') }];
    expect(addBusinessTime(at('2026-03-02T01:00:00.000Z'), 2 * H, shanghai, pauses)).toBe('2026-03-02T04:00:00.000Z');
  });

  it('a pause outside business hours changes nothing', () => {
    const pauses: ClockPause[] = [{ from: at('2026-03-02T16:00:00.000Z'), to: at('2026-03-02T23:00:00.000Z') }];
    expect(addBusinessTime(at('2026-03-02T15:00:00.000Z'), H, shanghai, pauses)).toBe('2026-03-03T01:00:00.000Z');
  });

  it('a pause across closing and opening removes only the business time inside it', () => {
    // paused 23:00 → 09:00 local: the 30 min before close and 30 min after open do not count
    const pauses: ClockPause[] = [{ from: at('2026-03-02T15:00:00.000Z'), to: at('2026-03-03T01:00:00.000Z') }];
    expect(addBusinessTime(at('2026-03-02T14:00:00.000Z'), 2 * H, shanghai, pauses)).toBe('2026-03-03T02:00:00.000Z');
    expect(businessTimeBetween(at('2026-03-02T14:00:00.000Z'), at('2026-03-03T02:00:00.000Z'), shanghai, pauses)).toBe(2 * H);
  });

  it('while a pause is open the due time is unknown, unless reached before it began', () => {
    const open: ClockPause[] = [{ from: at('2026-03-02T02:00:00.000Z'), to: null }];
    expect(addBusinessTime(at('2026-03-02T01:00:00.000Z'), 2 * H, shanghai, open)).toBeNull();
    expect(addBusinessTime(at('2026-03-02T01:00:00.000Z'), H, shanghai, open)).toBe('2026-03-02T02:00:00.000Z');
    expect(businessTimeBetween(at('2026-03-02T01:00:00.000Z'), at('2026-03-09T01:00:00.000Z'), shanghai, open)).toBe(H);
  });

  it('urgent targets are elapsed 24×7 time', () => {
    expect(addElapsedTime(at('2026-03-02T17:00:00.000Z'), 3 * M)).toBe('2026-03-02T17:03:00.000Z');
    expect(addElapsedTime(at('2026-03-02T17:00:00.000Z'), 24 * H)).toBe('2026-03-03T17:00:00.000Z');
    const pauses: ClockPause[] = [{ from: at('2026-03-02T18:00:00.000Z'), to: at('2026-03-02T19:00:00.000Z') }];
    expect(addElapsedTime(at('2026-03-02T17:00:00.000Z'), 2 * H, pauses)).toBe('2026-03-02T20:00:00.000Z');
    expect(elapsedTimeBetween(at('2026-03-02T17:00:00.000Z'), at('2026-03-02T20:00:00.000Z'), pauses)).toBe(2 * H);
  });
});

describe('business hours in Europe/Berlin (DST)', () => {
  it('follows the shift of 08:30 local from 07:30Z to 06:30Z over the spring change', () => {
    // Saturday 28 March 2026 22:30 CET = 21:30Z: 1 h until 23:30, then Sunday 08:30 CEST = 06:30Z
    expect(addBusinessTime(at('2026-03-28T21:30:00.000Z'), 2 * H, berlin)).toBe('2026-03-29T07:30:00.000Z');
    // and back over the autumn change: Sunday 25 October 08:30 CET = 07:30Z
    expect(addBusinessTime(at('2026-10-24T20:30:00.000Z'), 2 * H, berlin)).toBe('2026-10-25T08:30:00.000Z');
  });

  it('a DST jump inside business hours shortens or lengthens that day', () => {
    const early = make(BusinessHours)({ timeZone: 'Europe/Berlin', opensAt: '01:00', closesAt: '23:00' });
    // a whole UTC day covers the local business day in each case
    expect(businessTimeBetween(at('2026-03-27T22:00:00.000Z'), at('2026-03-28T22:00:00.000Z'), early)).toBe(22 * H);
    expect(businessTimeBetween(at('2026-03-28T22:00:00.000Z'), at('2026-03-29T22:00:00.000Z'), early)).toBe(21 * H);
    expect(businessTimeBetween(at('2026-10-24T21:00:00.000Z'), at('2026-10-25T23:00:00.000Z'), early)).toBe(23 * H);
    // an ordinary summer day: 01:00–23:00 CEST = 23:00Z the evening before to 21:00Z
    expect(businessTimeBetween(at('2026-05-31T22:30:00.000Z'), at('2026-06-01T21:30:00.000Z'), early)).toBe(22 * H);
  });

  it('names local dates in the policy zone', () => {
    expect(localDateOf('2026-03-02T16:30:00.000Z', 'Asia/Shanghai')).toBe('2026-03-03');
    expect(localDateOf('2026-03-02T16:30:00.000Z', 'Europe/Berlin')).toBe('2026-03-02');
  });

  it('refuses business hours that close before they open, and unknown zones', () => {
    expect(E.isLeft(BusinessHours.decode({ timeZone: 'Asia/Shanghai', opensAt: '23:30', closesAt: '08:30' }))).toBe(true);
    expect(E.isLeft(BusinessHours.decode({ timeZone: 'Mars/Olympus', opensAt: '08:30', closesAt: '23:30' }))).toBe(true);
    expect(E.isLeft(BusinessHours.decode({ timeZone: 'UTC', opensAt: '8:30', closesAt: '23:30' }))).toBe(true);
  });
});

describe('business calendar properties', () => {
  const base = Date.parse('2026-01-01T00:00:00.000Z');
  const instant = fc.integer({ min: 0, max: 400 * 24 * 60 }).map((m) => base + m * M); // through Feb 2027
  const zone = fc.constantFrom(shanghai, berlin);
  const target = fc.integer({ min: 1, max: 120 * 60 }).map((m) => m * M);
  const pause = fc.tuple(instant, fc.integer({ min: 1, max: 48 * 60 })).map(([from, len]) => ({ from: iso(from), to: iso(from + len * M) }));

  it('due time is monotonic in filing time', () => {
    fc.assert(
      fc.property(zone, instant, instant, target, fc.constantFrom('business' as const, 'elapsed' as const), (h, a, b, ms, clock) => {
        const [s1, s2] = a <= b ? [a, b] : [b, a];
        const d1 = clockDueAt(iso(s1), ms, clock, h)!;
        const d2 = clockDueAt(iso(s2), ms, clock, h)!;
        return d1 <= d2;
      }),
      { numRuns: 150 },
    );
  });

  it('elapsed business time never exceeds elapsed calendar time, and due time round-trips', () => {
    fc.assert(
      fc.property(zone, instant, fc.integer({ min: 0, max: 20 * 24 * 60 }), target, (h, a, len, ms) => {
        const b = a + len * M;
        expect(businessTimeBetween(iso(a), iso(b), h)).toBeLessThanOrEqual(b - a);
        const due = addBusinessTime(iso(a), ms, h)!;
        expect(businessTimeBetween(iso(a), due, h)).toBe(ms);
        // a moment earlier the target was not yet reached
        expect(businessTimeBetween(iso(a), iso(Date.parse(due) - 1), h)).toBeLessThan(ms);
      }),
      { numRuns: 150 },
    );
  });

  it('paused time never counts', () => {
    fc.assert(
      fc.property(zone, instant, fc.integer({ min: 0, max: 20 * 24 * 60 }), pause, fc.constantFrom('business' as const, 'elapsed' as const), (h, a, len, p, clock) => {
        const b = a + len * M;
        const whole = clockCountedBetween(iso(a), iso(b), clock, h);
        const lo = Math.max(a, Date.parse(p.from));
        const hi = Math.min(b, Date.parse(p.to));
        const inside = hi > lo ? clockCountedBetween(iso(lo), iso(hi), clock, h) : 0;
        expect(clockCountedBetween(iso(a), iso(b), clock, h, [p])).toBe(whole - inside);
      }),
      { numRuns: 150 },
    );
  });

  it('with pauses, the clock has counted exactly the target at the due time', () => {
    fc.assert(
      fc.property(zone, instant, target, fc.array(pause, { maxLength: 3 }), (h, a, ms, ps) => {
        const due = addBusinessTime(iso(a), ms, h, ps)!;
        expect(businessTimeBetween(iso(a), due, h, ps)).toBe(ms);
      }),
      { numRuns: 100 },
    );
  });
});

describe('isTimeZone', () => {
  it('accepts a zone the runtime knows, again and again, and keeps refusing one it does not', () => {
    for (let i = 0; i < 3; i++) {
      expect(isTimeZone('Asia/Shanghai')).toBe(true);
      expect(isTimeZone('Europe/Berlin')).toBe(true);
      expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
      expect(isTimeZone('')).toBe(false);
    }
    expect(E.isRight(TimeZoneName.decode('Asia/Shanghai'))).toBe(true);
    expect(E.isLeft(TimeZoneName.decode('Mars/Olympus_Mons'))).toBe(true);
  });
});
