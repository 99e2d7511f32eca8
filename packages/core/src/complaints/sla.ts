import type { IsoInstant } from '../kernel/codecs.js';
import { clockCountedBetween, clockDueAt, type ClockPause } from '../calendar/clock.js';
import type { ComplaintSla, SlaClock } from './events.js';
import type { ComplaintCustomerTier, ComplaintPolicy, ComplaintPriority, ComplaintSeverity, PositiveMs } from './policy.js';

const RAISED: Record<ComplaintPriority, ComplaintPriority> = { low: 'normal', normal: 'high', high: 'urgent', urgent: 'urgent' };

/**
 * The SLA a complaint gets at filing (DOMAIN §11): the policy's map from severity, raised
 * one step for paid members; key accounts are urgent with their own first-response target.
 */
export const complaintSlaFor = (severity: ComplaintSeverity, tier: ComplaintCustomerTier, policy: ComplaintPolicy): ComplaintSla => {
  if (tier === 'keyAccount') {
    const u = policy.targets.urgent;
    return { priority: 'urgent', firstResponseMs: policy.keyAccountFirstResponseMs, resolutionMs: u.resolutionMs, hours: u.hours, businessHours: policy.businessHours };
  }
  const base = policy.priorityBySeverity[severity];
  const priority = tier === 'paidMember' ? RAISED[base] : base;
  const target = policy.targets[priority];
  return { priority, firstResponseMs: target.firstResponseMs, resolutionMs: target.resolutionMs, hours: target.hours, businessHours: policy.businessHours };
};

/** What the SLA clocks of one complaint need to know. */
export interface ComplaintTimers {
  readonly filedAt: IsoInstant;
  readonly sla: ComplaintSla;
  /** Awaiting the customer: both clocks stand still. The last may be open. */
  readonly pauses: readonly ClockPause[];
  /** Resolved (until a reopen): the resolution clock stands still. The last may be open. */
  readonly resolvedSpans: readonly ClockPause[];
  /** The first response (acknowledgement) stops the first-response clock. */
  readonly firstResponseAt: IsoInstant | null;
}

const targetOf = (t: ComplaintTimers, clock: SlaClock): PositiveMs => (clock === 'firstResponse' ? t.sla.firstResponseMs : t.sla.resolutionMs);
const stopsOf = (t: ComplaintTimers, clock: SlaClock): readonly ClockPause[] =>
  clock === 'firstResponse' ? t.pauses : [...t.pauses, ...t.resolvedSpans];

/** Close any open pause at `at` (to judge an act done at `at`). */
export const closePausesAt = (t: ComplaintTimers, at: IsoInstant): ComplaintTimers => {
  const close = (ps: readonly ClockPause[]) => ps.map((p) => (p.to === null ? { from: p.from, to: at < p.from ? p.from : at } : p));
  return { ...t, pauses: close(t.pauses), resolvedSpans: close(t.resolvedSpans) };
};

/** When a clock reaches its target: acting at that instant meets it; null while a pause holds it short. */
export const slaDueAt = (t: ComplaintTimers, clock: SlaClock): IsoInstant | null =>
  clockDueAt(t.filedAt, targetOf(t, clock), t.sla.hours, t.sla.businessHours, stopsOf(t, clock));

/** How much a clock has counted by `now`. */
export const slaCountedAt = (t: ComplaintTimers, clock: SlaClock, now: IsoInstant): number => {
  const end = clock === 'firstResponse' && t.firstResponseAt !== null && t.firstResponseAt < now ? t.firstResponseAt : now;
  return clockCountedBetween(t.filedAt, end, t.sla.hours, t.sla.businessHours, stopsOf(t, clock));
};

/** True when acting at `at` misses the clock's target (strictly after the due instant). */
export const missesSla = (t: ComplaintTimers, clock: SlaClock, at: IsoInstant): { missed: boolean; dueAt: IsoInstant | null } => {
  const dueAt = slaDueAt(closePausesAt(t, at), clock);
  return { missed: dueAt !== null && at > dueAt, dueAt };
};
