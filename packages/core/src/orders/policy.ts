import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { make } from '../kernel/codecs.js';
import type { ValidationError } from '../kernel/errors.js';
import { definedOnly, policyWithOverrides } from '../kernel/policyOverrides.js';

export interface DaysBrand {
  readonly Days: unique symbol;
}
/** A whole number of days ≥ 1; every "N days" window is N × 24 h, both ends inclusive. */
export const Days = t.brand(t.number, (n): n is t.Branded<number, DaysBrand> => Number.isSafeInteger(n) && n >= 1 && n <= 3650, 'Days');
export type Days = t.TypeOf<typeof Days>;

/** The orders slice of the shop's CrmPolicy. */
export const OrdersPolicy = t.type(
  {
    /** 七天无理由退货: a return without a reason, counted from delivery. */
    noReasonReturnDays: Days,
    /** A return for a quality problem, counted from delivery. */
    qualityReturnDays: Days,
    /** How long after completion each side may rate a line. */
    ratingDays: Days,
    /** A delivered order the buyer has not confirmed completes itself after this. */
    autoCompleteDays: Days,
  },
  'OrdersPolicy',
);
export type OrdersPolicy = t.TypeOf<typeof OrdersPolicy>;

export const defaultOrdersPolicy: OrdersPolicy = make(OrdersPolicy)({
  noReasonReturnDays: 7,
  qualityReturnDays: 30,
  ratingDays: 15,
  autoCompleteDays: 10,
});

/** What a shop may override: any subset of {@link OrdersPolicy}. */
export const OrdersPolicyInput = t.partial(OrdersPolicy.props, 'OrdersPolicyInput');

/** The defaults with a shop's overrides, or a ValidationError naming the bad field. */
export const ordersPolicy: (overrides?: unknown) => E.Either<ValidationError, OrdersPolicy> = policyWithOverrides(OrdersPolicyInput, defaultOrdersPolicy, 'orders policy');

/** Drop the keys a caller left undefined (kept here for the contexts that import it from orders). */
export { definedOnly };

/** N days in milliseconds. */
export const daysMs = (days: number): number => days * 24 * 60 * 60 * 1000;

/** The instant N × 24 h after `at` (ISO, same form). */
export const addDays = (at: string, days: number): string => new Date(Date.parse(at) + daysMs(days)).toISOString();
