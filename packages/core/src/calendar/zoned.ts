/**
 * Wall-clock arithmetic in an IANA time zone with `Intl.DateTimeFormat`: pure, no I/O,
 * no reading of the system clock. Instants are epoch milliseconds.
 */

/** A local calendar date. */
export interface CivilDate {
  readonly year: number;
  readonly month: number; // 1-12
  readonly day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
};

/** The local wall-clock reading of an instant, as if it were UTC (epoch ms, whole seconds). */
const wallClockOf = (ms: number, timeZone: string): number => {
  const p: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(ms))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour! % 24, p.minute!, p.second!);
};

const exactOffsetAt = (ms: number, timeZone: string): number => {
  const whole = ms - (((ms % 1000) + 1000) % 1000);
  return wallClockOf(whole, timeZone) - whole;
};

/**
 * Offsets by 15-minute slot: `formatToParts` is slow and replays ask the same zone about
 * the same hours again and again. Every offset in use is a multiple of 15 minutes, so a
 * transition falls on a slot boundary; a slot is cached only when its first and last
 * second agree (a historical transition inside a slot is computed exactly each time).
 */
const SLOT_MS = 15 * 60_000;
const MAX_SLOTS = 200_000;
const slots = new Map<string, Map<number, number>>();
const offsetSlotsOf = (timeZone: string): Map<number, number> => {
  let m = slots.get(timeZone);
  if (!m) slots.set(timeZone, (m = new Map()));
  return m;
};

/** The zone's offset from UTC at an instant, in ms (Berlin in summer: +7,200,000). */
export const zoneOffsetAt = (ms: number, timeZone: string): number => {
  const slot = Math.floor(ms / SLOT_MS);
  const cache = offsetSlotsOf(timeZone);
  const known = cache.get(slot);
  if (known !== undefined) return known;
  const start = slot * SLOT_MS;
  const first = exactOffsetAt(start, timeZone);
  if (first !== exactOffsetAt(start + SLOT_MS - 1000, timeZone)) return exactOffsetAt(ms, timeZone);
  if (cache.size >= MAX_SLOTS) cache.clear();
  cache.set(slot, first);
  return first;
};

/** The local wall-clock reading of an instant as if it were UTC, to the whole second. */
const localWallClockOf = (ms: number, timeZone: string): number => {
  const whole = ms - (((ms % 1000) + 1000) % 1000);
  return whole + zoneOffsetAt(whole, timeZone);
};

/** The local date of an instant. */
export const civilDateOf = (ms: number, timeZone: string): CivilDate => {
  const d = new Date(localWallClockOf(ms, timeZone));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
};

/** Minutes after local midnight of an instant (fractional: seconds and ms included). */
export const localMinutesOf = (ms: number, timeZone: string): number => {
  const offset = zoneOffsetAt(ms, timeZone);
  const wall = ms + offset;
  return (((wall % 86_400_000) + 86_400_000) % 86_400_000) / 60_000;
};

/** `YYYY-MM-DD` of a local date. */
export const formatCivilDate = (d: CivilDate): string =>
  `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

/** The date `n` days after `d` (n may be negative). */
export const addCivilDays = (d: CivilDate, n: number): CivilDate => {
  const x = new Date(Date.UTC(d.year, d.month - 1, d.day + n));
  return { year: x.getUTCFullYear(), month: x.getUTCMonth() + 1, day: x.getUTCDate() };
};

/**
 * The instant at which the local wall clock of `date` shows `minutes` after midnight.
 * Two passes settle the offset (DST changes between the guess and the answer). A wall
 * time that does not exist (inside a spring-forward gap) lands within an hour of the jump.
 */
export const instantAtLocal = (date: CivilDate, minutes: number, timeZone: string): number => {
  const wall = Date.UTC(date.year, date.month - 1, date.day) + minutes * 60_000;
  const first = wall - zoneOffsetAt(wall, timeZone);
  const second = wall - zoneOffsetAt(first, timeZone);
  return second;
};
