import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { make, ShortText } from '../kernel/codecs.js';
import type { ValidationError } from '../kernel/errors.js';
import { policyWithOverrides } from '../kernel/policyOverrides.js';
import { TimeZoneName } from '../calendar/businessHours.js';
import { CalendarDate } from '../customers/input.js';
import { ConsentChannel } from '../customers/values.js';
import { Days } from '../orders/policy.js';

const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** A day of the year `MM-DD` (a fixed-date holiday such as 双十一 `11-11`). */
export const AnnualDate = t.refinement(t.string, (s) => MONTH_DAY.test(s) && !['02-30', '02-31', '04-31', '06-31', '09-31', '11-31'].includes(s), 'AnnualDate (MM-DD)');

/**
 * A holiday greeted by the shop: on each of `dates` (lunar-calendar holidays move, so they
 * are listed per year) and, when `everyYear` is given, on that day of every year.
 */
export const Holiday = t.intersection([t.type({ name: ShortText, dates: t.array(CalendarDate) }), t.partial({ everyYear: AnnualDate })], 'Holiday');
export type Holiday = t.TypeOf<typeof Holiday>;

/** At least one channel, each once. */
const GreetingChannels = t.refinement(t.array(ConsentChannel), (cs) => cs.length > 0 && new Set(cs).size === cs.length, 'GreetingChannels (at least one, no repeats)');
const MessageLimit = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 1 && n <= 1000, 'MessageLimit (integer 1-1000)');

/** The marketing and care slice of the shop's CrmPolicy. */
export const MarketingPolicy = t.type(
  {
    /** Greeting dates are local dates in this zone. */
    timeZone: TimeZoneName,
    /** At most this many marketing messages per customer... */
    capMessages: MessageLimit,
    /** ...in any window of this many × 24 h (both ends inclusive). */
    capWindowDays: Days,
    /** Greetings go by the first of these channels the customer consented to. */
    greetingChannels: GreetingChannels,
    holidays: t.array(Holiday),
  },
  'MarketingPolicy',
);
export type MarketingPolicy = t.TypeOf<typeof MarketingPolicy>;

/** 春节 and 中秋节 follow the lunar calendar (dates per year); 双十一 is 11-11 every year. */
export const defaultHolidays: readonly Holiday[] = make(t.array(Holiday))([
  { name: '春节', dates: ['2025-01-29', '2026-02-17', '2027-02-06', '2028-01-26', '2029-02-13', '2030-02-03'] },
  { name: '中秋节', dates: ['2025-10-06', '2026-09-25', '2027-09-15', '2028-10-03', '2029-09-22', '2030-09-12'] },
  { name: '双十一', dates: [], everyYear: '11-11' },
]);

/** DOMAIN §4: at most 4 marketing messages per customer per 30 days. */
export const defaultMarketingPolicy: MarketingPolicy = make(MarketingPolicy)({
  timeZone: 'Asia/Shanghai',
  capMessages: 4,
  capWindowDays: 30,
  greetingChannels: ['push', 'sms', 'email'],
  holidays: defaultHolidays,
});

/** What a shop may override: any subset of {@link MarketingPolicy}. */
export const MarketingPolicyInput = t.partial(MarketingPolicy.props, 'MarketingPolicyInput');

/** The defaults with a shop's overrides, or a ValidationError naming the bad field. */
export const marketingPolicy: (overrides?: unknown) => E.Either<ValidationError, MarketingPolicy> = policyWithOverrides(MarketingPolicyInput, defaultMarketingPolicy, 'marketing policy');
