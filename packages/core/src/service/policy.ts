import * as t from 'io-ts';
import { idCodec } from '../kernel/codecs.js';
import { TimeZoneName, WallClockTime, minutesOfDay } from '../calendar/businessHours.js';
import { PositiveMs } from '../complaints/policy.js';

export const ServiceShiftName = idCodec('ServiceShiftName');
export type ServiceShiftName = t.TypeOf<typeof ServiceShiftName>;

/** One agent shift: local wall-clock `startsAt` (inclusive) to `endsAt` (exclusive), within one day. */
export const ServiceShift = t.type({ name: ServiceShiftName, startsAt: WallClockTime, endsAt: WallClockTime });
export type ServiceShift = t.TypeOf<typeof ServiceShift>;

const wellFormedShifts = (shifts: readonly ServiceShift[]): boolean => {
  const sorted = [...shifts].sort((a, b) => minutesOfDay(a.startsAt) - minutesOfDay(b.startsAt));
  const names = new Set(shifts.map((s) => s.name));
  return (
    names.size === shifts.length &&
    !names.has(OFF_SHIFT as ServiceShiftName) &&
    sorted.every((s, i) => minutesOfDay(s.startsAt) < minutesOfDay(s.endsAt) && (i === 0 || minutesOfDay(sorted[i - 1]!.endsAt) <= minutesOfDay(s.startsAt)))
  );
};

/** The KPI group of an inquiry opened outside every shift. */
export const OFF_SHIFT = 'offShift';

/** A share as an exact fraction (e.g. the CSAT target 98 / 100). */
export const ServiceFraction = t.type({ numerator: t.Int, denominator: t.refinement(t.Int, (n) => n > 0, 'PositiveInt') });

/** The service slice of the CrmPolicy: shifts, the inquiry conversion window, the CSAT target. */
export const ServicePolicy = t.type(
  {
    timeZone: TimeZoneName,
    /** Unique names, each starting before it ends, not overlapping. */
    shifts: t.refinement(t.array(ServiceShift), wellFormedShifts, 'ServiceShifts'),
    /** An inquiry converts when its customer pays within this long of its first message (inclusive). */
    conversionWindowMs: PositiveMs,
    csatTarget: ServiceFraction,
  },
  'ServicePolicy',
);
export type ServicePolicy = t.TypeOf<typeof ServicePolicy>;

/** Seed 000: day shift 08:30–16:00, evening shift 16:00–23:30; convert within 24 h; CSAT target 98%. */
export const defaultServicePolicy: ServicePolicy = {
  timeZone: 'Asia/Shanghai' as TimeZoneName,
  shifts: [
    { name: 'day' as ServiceShiftName, startsAt: '08:30' as WallClockTime, endsAt: '16:00' as WallClockTime },
    { name: 'evening' as ServiceShiftName, startsAt: '16:00' as WallClockTime, endsAt: '23:30' as WallClockTime },
  ],
  conversionWindowMs: (24 * 3_600_000) as PositiveMs,
  csatTarget: { numerator: 98 as t.Int, denominator: 100 as t.Int },
};
