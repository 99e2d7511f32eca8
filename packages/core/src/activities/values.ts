import * as t from 'io-ts';
import { ComplaintId, CustomerId, LeadId } from '../shared/ids.js';
import { OpportunityId } from '../sales/ids.js';

/** Activities with a start and an end; appointments and meetings hold the agent's time. */
export const TimedKind = t.keyof({ appointment: null, meeting: null, call: null, email: null }, 'TimedKind');
export type TimedKind = t.TypeOf<typeof TimedKind>;
export type ActivityKind = TimedKind | 'task';

/** The kinds that an agent cannot hold twice at once (unless tentative). */
export const holdsTime = (kind: ActivityKind): boolean => kind === 'appointment' || kind === 'meeting';

/** What an activity is about: any of a customer, lead, opportunity or complaint. */
export const ActivityLinks = t.partial({ customerId: CustomerId, leadId: LeadId, opportunityId: OpportunityId, complaintId: ComplaintId }, 'ActivityLinks');
export type ActivityLinks = t.TypeOf<typeof ActivityLinks>;

/** Scheduled (a task: open) → done, or cancelled. A done task can be reopened. */
export type ActivityStatus = 'scheduled' | 'done' | 'cancelled';

/** `[start, end)` intervals overlap when each starts before the other ends: touching ones do not. */
export const overlaps = (a: { start: string; end: string }, b: { start: string; end: string }): boolean => a.start < b.end && b.start < a.end;
