/**
 * Calendar helpers in a shop's time zone, with `Intl.DateTimeFormat` only: pure, no I/O,
 * no system clock. Instants are ISO-8601 UTC strings.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

const monthFormat = (timeZone: string): Intl.DateTimeFormat => {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', calendar: 'gregory', numberingSystem: 'latn' });
    formatters.set(timeZone, f);
  }
  return f;
};

/** True when the host's Intl knows the IANA time zone (e.g. `Asia/Shanghai`). */
export const isTimeZone = (timeZone: string): boolean => {
  try {
    monthFormat(timeZone);
    return true;
  } catch {
    return false;
  }
};

/** The local calendar month `YYYY-MM` of an instant in `timeZone` (2026-01-31T16:00:00.000Z → 2026-02 in Asia/Shanghai). */
export const localMonth = (instant: string, timeZone: string): string => {
  const parts = monthFormat(timeZone).formatToParts(new Date(instant));
  const year = parts.find((p) => p.type === 'year')?.value ?? '';
  const month = parts.find((p) => p.type === 'month')?.value ?? '';
  return `${year.padStart(4, '0')}-${month}`;
};
