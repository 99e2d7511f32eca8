import { describe, expect, it } from 'vitest';
import { IsoInstant } from './codecs.js';
import { fixedClock, steppingClock, systemClock } from './clock.js';

describe('clocks', () => {
  it('fixedClock always says the same instant', () => {
    const c = fixedClock('2026-03-01T08:00:00.000Z');
    expect([c.now(), c.now()]).toEqual(['2026-03-01T08:00:00.000Z', '2026-03-01T08:00:00.000Z']);
  });

  it('steppingClock moves forward on every reading, across days', () => {
    const c = steppingClock('2026-02-28T23:59:59.000Z', 500);
    expect([c.now(), c.now(), c.now()]).toEqual(['2026-02-28T23:59:59.000Z', '2026-02-28T23:59:59.500Z', '2026-03-01T00:00:00.000Z']);
    expect(steppingClock('2026-01-01T00:00:00.000Z').now()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('systemClock gives IsoInstants close to now', () => {
    const now = systemClock.now();
    expect(IsoInstant.is(now)).toBe(true);
    expect(Math.abs(Date.parse(now) - Date.now())).toBeLessThan(5000);
  });
});
