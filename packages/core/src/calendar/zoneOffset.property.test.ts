import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { civilDateOf, zoneOffsetAt } from './zoned.js';

/** The offset read straight from Intl, no cache: the reference. */
const reference = (ms: number, timeZone: string): number => {
  const whole = ms - (((ms % 1000) + 1000) % 1000);
  const p: Record<string, number> = {};
  const f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  for (const part of f.formatToParts(new Date(whole))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour! % 24, p.minute!, p.second!) - whole;
};

// DST zones, a half-hour DST (Lord Howe), a quarter-hour offset (Kathmandu), China's 1986–1991 DST
const ZONES = ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC'];

describe('zone offsets, cached by 15-minute slot', () => {
  it('equal the uncached offset at any instant, transitions included (1900–2100)', () =>
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }), fc.constantFrom(...ZONES), (ms, zone) => {
        expect(zoneOffsetAt(ms, zone)).toBe(reference(ms, zone));
      }),
      { numRuns: 3000 },
    ));

  it('around every DST switch of 2026 in Berlin and of 1988 in Shanghai, second by second', () => {
    const around = (iso: string, zone: string) => {
      const t = Date.parse(iso);
      for (let ms = t - 20 * 60_000; ms <= t + 20 * 60_000; ms += 1000) expect(zoneOffsetAt(ms, zone)).toBe(reference(ms, zone));
    };
    around('2026-03-29T01:00:00Z', 'Europe/Berlin');
    around('2026-10-25T01:00:00Z', 'Europe/Berlin');
    around('1988-04-09T18:00:00Z', 'Asia/Shanghai');
    expect(civilDateOf(Date.parse('2026-03-29T00:59:59.999Z'), 'Europe/Berlin')).toEqual({ year: 2026, month: 3, day: 29 });
  });
});
