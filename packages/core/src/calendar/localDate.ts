import type { IsoInstant } from '../kernel/codecs.js';
import { civilDateOf, formatCivilDate, localMinutesOf } from './zoned.js';

/** `YYYY-MM-DD` of an instant in a time zone. */
export const localDateOf = (at: IsoInstant | string, timeZone: string): string => formatCivilDate(civilDateOf(Date.parse(at), timeZone));

/** `YYYY-MM` of an instant in a time zone. */
export const localMonthOf = (at: IsoInstant | string, timeZone: string): string => localDateOf(at, timeZone).slice(0, 7);

/** Minutes after local midnight of an instant in a time zone (fractional). */
export const localMinutesOfDay = (at: IsoInstant | string, timeZone: string): number => localMinutesOf(Date.parse(at), timeZone);
