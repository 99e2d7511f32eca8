import * as t from 'io-ts';
import { BusinessHours, defaultBusinessHours } from '../calendar/businessHours.js';

/** Complaint priorities, most pressing first. */
export const ComplaintPriority = t.keyof({ urgent: null, high: null, normal: null, low: null }, 'ComplaintPriority');
export type ComplaintPriority = t.TypeOf<typeof ComplaintPriority>;

/** How bad the customer's problem is, as the agent filing it judges. */
export const ComplaintSeverity = t.keyof({ critical: null, major: null, minor: null, trivial: null }, 'ComplaintSeverity');
export type ComplaintSeverity = t.TypeOf<typeof ComplaintSeverity>;

/** The customer's loyalty tier at filing (it arrives on the command; loyalty owns it). */
export const ComplaintCustomerTier = t.keyof({ regular: null, super: null, paidMember: null, keyAccount: null }, 'ComplaintCustomerTier');
export type ComplaintCustomerTier = t.TypeOf<typeof ComplaintCustomerTier>;

export interface PositiveMsBrand {
  readonly PositiveMs: unique symbol;
}
/** A positive whole number of milliseconds. */
export const PositiveMs = t.brand(t.number, (n): n is t.Branded<number, PositiveMsBrand> => Number.isSafeInteger(n) && n > 0, 'PositiveMs');
export type PositiveMs = t.TypeOf<typeof PositiveMs>;

/** How the clocks of one priority count: business hours or elapsed 24×7 time. */
export const SlaTarget = t.type({
  firstResponseMs: PositiveMs,
  resolutionMs: PositiveMs,
  hours: t.keyof({ business: null, elapsed: null }),
});
export type SlaTarget = t.TypeOf<typeof SlaTarget>;

/** The complaints slice of the CrmPolicy. */
export const ComplaintPolicy = t.type(
  {
    businessHours: BusinessHours,
    priorityBySeverity: t.type({ critical: ComplaintPriority, major: ComplaintPriority, minor: ComplaintPriority, trivial: ComplaintPriority }),
    targets: t.type({ urgent: SlaTarget, high: SlaTarget, normal: SlaTarget, low: SlaTarget }),
    /** Key accounts' complaints are urgent with this first-response target. */
    keyAccountFirstResponseMs: PositiveMs,
    /** A resolved complaint may be reopened until this long after its resolution (inclusive). */
    reopenWindowMs: PositiveMs,
    /** The highest escalation level (1 agent, 2 supervisor, 3 manager). */
    topEscalationLevel: t.literal(3),
  },
  'ComplaintPolicy',
);
export type ComplaintPolicy = t.TypeOf<typeof ComplaintPolicy>;

const MIN = 60_000;
const HOUR = 60 * MIN;
const ms = (n: number) => n as PositiveMs;

/** DOMAIN §5 and §11: the SLA table, business hours 08:30–23:30 Asia/Shanghai, reopen within 7 × 24 h. */
export const defaultComplaintPolicy: ComplaintPolicy = {
  businessHours: defaultBusinessHours,
  priorityBySeverity: { critical: 'urgent', major: 'high', minor: 'normal', trivial: 'low' },
  targets: {
    urgent: { firstResponseMs: ms(3 * MIN), resolutionMs: ms(24 * HOUR), hours: 'elapsed' },
    high: { firstResponseMs: ms(15 * MIN), resolutionMs: ms(48 * HOUR), hours: 'business' },
    normal: { firstResponseMs: ms(HOUR), resolutionMs: ms(72 * HOUR), hours: 'business' },
    low: { firstResponseMs: ms(4 * HOUR), resolutionMs: ms(105 * HOUR), hours: 'business' },
  },
  keyAccountFirstResponseMs: ms(30_000),
  reopenWindowMs: ms(7 * 24 * HOUR),
  topEscalationLevel: 3,
};
