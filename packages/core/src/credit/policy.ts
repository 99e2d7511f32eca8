import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { make } from '../kernel/codecs.js';
import type { ValidationError } from '../kernel/errors.js';
import { policyWithOverrides } from '../kernel/policyOverrides.js';
import { Days } from '../orders/policy.js';
import { TimeZoneName } from '../calendar/businessHours.js';
import { defaultLevelTable, LevelTable } from './levels.js';

/** An IANA time zone the runtime knows: the calendar's codec. */
export const TimeZone = TimeZoneName;
export type TimeZone = TimeZoneName;

export interface CapBrand {
  readonly MonthlyCap: unique symbol;
}
const MonthlyCap = t.brand(t.number, (n): n is t.Branded<number, CapBrand> => Number.isSafeInteger(n) && n >= 1, 'MonthlyCap');

/** The credit-rating slice of the shop's CrmPolicy (信用评价). */
export const CreditPolicy = t.type(
  {
    /** Calendar months of order creation are read in this zone. */
    timeZone: TimeZone,
    /** Same-product groups: lines paid within this many days of the group's first. */
    sameProductDays: Days,
    /** Per rater–rated pair and month, the net of scored ratings stays within [−cap, +cap]. */
    monthlyCap: MonthlyCap,
    /** The window of the recent good-rating rate. */
    goodRateDays: Days,
    levels: LevelTable,
  },
  'CreditPolicy',
);
export type CreditPolicy = t.TypeOf<typeof CreditPolicy>;

export const defaultCreditPolicy: CreditPolicy = make(CreditPolicy)({
  timeZone: 'Asia/Shanghai',
  sameProductDays: 14,
  monthlyCap: 6,
  goodRateDays: 180,
  levels: defaultLevelTable,
});

/** What a shop may override: any subset of {@link CreditPolicy}. */
export const CreditPolicyInput = t.partial(CreditPolicy.props, 'CreditPolicyInput');

/** The defaults with a shop's overrides, or a ValidationError naming the bad field. */
export const creditPolicy: (overrides?: unknown) => E.Either<ValidationError, CreditPolicy> = policyWithOverrides(CreditPolicyInput, defaultCreditPolicy, 'credit policy');
