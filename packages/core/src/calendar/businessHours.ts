import * as t from 'io-ts';

/**
 * The shop's business hours: every local day of the policy time zone from `opensAt`
 * to `closesAt` (wall-clock `HH:MM`, 24-hour, `opensAt` before `closesAt`).
 */

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

export interface WallClockTimeBrand {
  readonly WallClockTime: unique symbol;
}
/** A local wall-clock time of day, `HH:MM` from `00:00` to `23:59`. */
export const WallClockTime = t.brand(t.string, (s): s is t.Branded<string, WallClockTimeBrand> => HH_MM.test(s), 'WallClockTime');
export type WallClockTime = t.TypeOf<typeof WallClockTime>;

/** Minutes after local midnight of an `HH:MM` time. */
export const minutesOfDay = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Zones the runtime's Intl accepted: building a formatter to ask again cost ~8 µs per check. */
const knownZones = new Set<string>();

/** True when the runtime's Intl knows the IANA time zone (e.g. `Asia/Shanghai`). */
export const isTimeZone = (zone: string): boolean => {
  if (knownZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    return false;
  }
  if (knownZones.size < 1000) knownZones.add(zone);
  return true;
};

export interface TimeZoneNameBrand {
  readonly TimeZoneName: unique symbol;
}
/** An IANA time zone the runtime knows (`Asia/Shanghai`, `Europe/Berlin`, `UTC`). */
export const TimeZoneName = t.brand(
  t.string,
  (s): s is t.Branded<string, TimeZoneNameBrand> => s.length > 0 && isTimeZone(s),
  'TimeZoneName',
);
export type TimeZoneName = t.TypeOf<typeof TimeZoneName>;

const HoursShape = t.type({ timeZone: TimeZoneName, opensAt: WallClockTime, closesAt: WallClockTime });

export interface OpensBeforeClosesBrand {
  readonly BusinessHours: unique symbol;
}
/** Business hours of one shop; `opensAt` must come before `closesAt` on the same day. */
export const BusinessHours = t.brand(
  HoursShape,
  (h): h is t.Branded<t.TypeOf<typeof HoursShape>, OpensBeforeClosesBrand> => minutesOfDay(h.opensAt) < minutesOfDay(h.closesAt),
  'BusinessHours',
);
export type BusinessHours = t.TypeOf<typeof BusinessHours>;

/** Default business hours (DOMAIN §5): 08:30–23:30 every day, Asia/Shanghai. */
export const defaultBusinessHours: BusinessHours = {
  timeZone: 'Asia/Shanghai',
  opensAt: '08:30',
  closesAt: '23:30',
} as BusinessHours;
