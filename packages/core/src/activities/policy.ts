import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { make } from '../kernel/codecs.js';
import type { ValidationError } from '../kernel/errors.js';
import { policyWithOverrides } from '../kernel/policyOverrides.js';
import { TimeZoneName } from '../calendar/businessHours.js';
import { AgentId } from '../shared/ids.js';

const Minutes = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 0 && n <= 10_080, 'Minutes (integer 0-10080)');

/** The activities slice of the shop's CrmPolicy. */
export const ActivitiesPolicy = t.type(
  {
    /** Day calendars show local dates in this zone. */
    timeZone: TimeZoneName,
    /** A reminder falls due this many minutes before the start. */
    reminderMinutesBefore: Minutes,
    /** The shop's agents; when not empty, a calendar of anyone else is refused as an unknown agent. */
    agents: t.array(AgentId),
  },
  'ActivitiesPolicy',
);
export type ActivitiesPolicy = t.TypeOf<typeof ActivitiesPolicy>;

/** DOMAIN §12: reminders 15 minutes before the start. */
export const defaultActivitiesPolicy: ActivitiesPolicy = make(ActivitiesPolicy)({ timeZone: 'Asia/Shanghai', reminderMinutesBefore: 15, agents: [] });

export const ActivitiesPolicyInput = t.partial(ActivitiesPolicy.props, 'ActivitiesPolicyInput');

/** The defaults with a shop's overrides, or a ValidationError naming the bad field. */
export const activitiesPolicy: (overrides?: unknown) => E.Either<ValidationError, ActivitiesPolicy> = policyWithOverrides(ActivitiesPolicyInput, defaultActivitiesPolicy, 'activities policy');
