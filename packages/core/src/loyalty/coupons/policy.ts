import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { make } from '../../kernel/codecs.js';
import type { ValidationError } from '../../kernel/errors.js';
import { policyWithOverrides } from '../../kernel/policyOverrides.js';
import { TimeZoneName } from '../../calendar/businessHours.js';

/** A day of the month every month has: 1–28. */
export const CouponIssueDay = t.refinement(t.number, (n) => Number.isInteger(n) && n >= 1 && n <= 28, 'CouponIssueDay (1-28)');

/** The coupons slice of the shop's CrmPolicy. */
export const CouponsPolicy = t.type(
  {
    /** Monthly coupons follow local months in this zone. */
    timeZone: TimeZoneName,
    /** A month's tier coupons are issued, and become valid, at 00:00 local on this day. */
    monthlyIssueDay: CouponIssueDay,
  },
  'CouponsPolicy',
);
export type CouponsPolicy = t.TypeOf<typeof CouponsPolicy>;

export const defaultCouponsPolicy: CouponsPolicy = make(CouponsPolicy)({ timeZone: 'Asia/Shanghai', monthlyIssueDay: 1 });

/** What a shop may override: any subset of {@link CouponsPolicy}. */
export const CouponsPolicyInput = t.partial(CouponsPolicy.props, 'CouponsPolicyInput');

/** The defaults with a shop's overrides, or a ValidationError naming the bad field. */
export const couponsPolicy: (overrides?: unknown) => E.Either<ValidationError, CouponsPolicy> = policyWithOverrides(CouponsPolicyInput, defaultCouponsPolicy, 'coupons policy');
