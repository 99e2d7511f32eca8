import type { IsoInstant } from '../kernel/codecs.js';
import { minutesOfDay, type BusinessHours } from './businessHours.js';
import { addCivilDays, civilDateOf, instantAtLocal } from './zoned.js';

/**
 * SLA clocks. A clock counts time from a start instant: during business hours only
 * (`business`) or around the clock (`elapsed`), never while a pause is open. Everything
 * is epoch-millisecond integer arithmetic; inputs and outputs are ISO instants.
 */

/** How a clock counts: business hours of the policy, or elapsed 24×7 time. */
export type ClockHours = 'business' | 'elapsed';

/** An interval during which the clock stands still; `to: null` is still open. */
export interface ClockPause {
  readonly from: IsoInstant;
  readonly to: IsoInstant | null;
}

interface Span {
  readonly from: number;
  readonly to: number; // Infinity for an open pause
}

const ms = (iso: string): number => Date.parse(iso);
const iso = (n: number): IsoInstant => new Date(n).toISOString() as IsoInstant;

/** Pauses as sorted, merged spans. */
const pauseSpans = (pauses: readonly ClockPause[]): Span[] => {
  const spans = pauses
    .map((p) => ({ from: ms(p.from), to: p.to === null ? Infinity : ms(p.to) }))
    .filter((s) => s.to > s.from)
    .sort((a, b) => a.from - b.from);
  const out: { from: number; to: number }[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.from <= last.to) last.to = Math.max(last.to, s.to);
    else out.push({ ...s });
  }
  return out;
};

/** The part of [from, to) outside every pause, as ordered spans. */
function* withoutPauses(from: number, to: number, pauses: readonly Span[]): Generator<Span> {
  let at = from;
  for (const p of pauses) {
    if (p.to <= at) continue;
    if (p.from >= to) break;
    if (p.from > at) yield { from: at, to: p.from };
    at = Math.max(at, p.to);
    if (at >= to) return;
  }
  if (at < to) yield { from: at, to };
}

/** Business windows [open, close) of each local day that ends after `from`, in order, forever. */
function* businessWindows(from: number, hours: BusinessHours): Generator<Span> {
  const open = minutesOfDay(hours.opensAt);
  const close = minutesOfDay(hours.closesAt);
  // start a day early: the local date of `from` may be behind the window that contains it
  let date = addCivilDays(civilDateOf(from, hours.timeZone), -1);
  for (;;) {
    const w = { from: instantAtLocal(date, open, hours.timeZone), to: instantAtLocal(date, close, hours.timeZone) };
    if (w.to > from) yield { from: Math.max(w.from, from), to: w.to };
    date = addCivilDays(date, 1);
  }
}

/** The spans during which a clock started at `from` counts, in order, stopping at `until`. */
function* countingSpans(from: number, until: number, clock: ClockHours, hours: BusinessHours, pauses: readonly Span[]): Generator<Span> {
  if (clock === 'elapsed') {
    yield* withoutPauses(from, until, pauses);
    return;
  }
  for (const w of businessWindows(from, hours)) {
    if (w.from >= until) return;
    yield* withoutPauses(w.from, Math.min(w.to, until), pauses);
    if (w.to >= until) return;
    // an open pause stops the clock for good: nothing after it will ever count
    const open = pauses[pauses.length - 1];
    if (open && open.to === Infinity && open.from <= w.to) return;
  }
}

/**
 * The first instant at which a clock started at `start` has counted `targetMs`: acting at
 * that instant still meets the target. `null` while an open pause holds the clock before
 * the target is reached (the due time is unknown until the pause ends).
 */
export const clockDueAt = (
  start: IsoInstant,
  targetMs: number,
  clock: ClockHours,
  hours: BusinessHours,
  pauses: readonly ClockPause[] = [],
): IsoInstant | null => {
  let remaining = targetMs;
  for (const s of countingSpans(ms(start), Infinity, clock, hours, pauseSpans(pauses))) {
    if (remaining <= s.to - s.from) return iso(s.from + remaining);
    remaining -= s.to - s.from;
  }
  return null;
};

/** How much a clock started at `start` has counted by `at` (0 when `at` is not after `start`). */
export const clockCountedBetween = (
  start: IsoInstant,
  at: IsoInstant,
  clock: ClockHours,
  hours: BusinessHours,
  pauses: readonly ClockPause[] = [],
): number => {
  const from = ms(start);
  const to = ms(at);
  if (to <= from) return 0;
  let total = 0;
  for (const s of countingSpans(from, to, clock, hours, pauseSpans(pauses))) total += s.to - s.from;
  return total;
};

/** The instant `durationMs` of business time after `start` (pauses excepted); `null` while an open pause holds it. */
export const addBusinessTime = (start: IsoInstant, durationMs: number, hours: BusinessHours, pauses: readonly ClockPause[] = []) =>
  clockDueAt(start, durationMs, 'business', hours, pauses);

/** Business time between two instants, pauses excepted. */
export const businessTimeBetween = (a: IsoInstant, b: IsoInstant, hours: BusinessHours, pauses: readonly ClockPause[] = []) =>
  clockCountedBetween(a, b, 'business', hours, pauses);

// an elapsed clock never looks at business hours
const ANY_HOURS = { timeZone: 'UTC', opensAt: '00:00', closesAt: '23:59' } as BusinessHours;

/** The instant `durationMs` of elapsed (24×7) time after `start`, pauses excepted. */
export const addElapsedTime = (start: IsoInstant, durationMs: number, pauses: readonly ClockPause[] = []) =>
  clockDueAt(start, durationMs, 'elapsed', ANY_HOURS, pauses);

/** Elapsed time between two instants, pauses excepted. */
export const elapsedTimeBetween = (a: IsoInstant, b: IsoInstant, pauses: readonly ClockPause[] = []) =>
  clockCountedBetween(a, b, 'elapsed', ANY_HOURS, pauses);
