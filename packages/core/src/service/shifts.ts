import type { IsoInstant } from '../kernel/codecs.js';
import { minutesOfDay } from '../calendar/businessHours.js';
import { localDateOf, localMinutesOfDay } from '../calendar/localDate.js';
import { OFF_SHIFT, type ServicePolicy } from './policy.js';

/** The local date and shift an instant falls in (shift `offShift` outside every shift). */
export interface ServiceSlot {
  readonly date: string;
  readonly shift: string;
}

export const serviceSlotOf = (at: IsoInstant | string, policy: Pick<ServicePolicy, 'timeZone' | 'shifts'>): ServiceSlot => {
  const minutes = localMinutesOfDay(at, policy.timeZone);
  const shift = policy.shifts.find((s) => minutesOfDay(s.startsAt) <= minutes && minutes < minutesOfDay(s.endsAt));
  return { date: localDateOf(at, policy.timeZone), shift: shift?.name ?? OFF_SHIFT };
};

/** Document id of one agent's KPIs for one slot: `<date>.<shift>.<agentId>`. */
export const agentSlotKey = (slot: ServiceSlot, agentId: string): string => `${slot.date}.${slot.shift}.${agentId}`;
