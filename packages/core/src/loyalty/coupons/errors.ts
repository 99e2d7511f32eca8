import * as E from 'fp-ts/lib/Either.js';
import { domainError, type DomainError, type FieldPath } from '../../kernel/errors.js';

/** Why a coupon command is refused. Each refusal names the field of the command at fault. */
export const COUPON_ERROR_CODES = [
  /** IssueCoupon for a coupon id issued before (`data.couponId`). */
  'COUPON_EXISTS',
  /** `validUntil` before `validFrom` (`data.validUntil`). */
  'COUPON_VALIDITY',
  /** A command for a coupon never issued (`data.couponId`). */
  'COUPON_NOT_FOUND',
  /** The order's buyer does not own the coupon (`data.customerId`). */
  'COUPON_NOT_OWNER',
  /** Redeemed already, on the order in `details.orderId` (`data.couponId`). */
  'COUPON_ALREADY_REDEEMED',
  /** Past `validUntil`, or recorded as expired (`data.at`, `details.validUntil`). */
  'COUPON_EXPIRED',
  /** Before `validFrom` (`data.at`, `details.validFrom`). */
  'COUPON_NOT_YET_VALID',
  /** The order's amount is below the minimum spend (`data.orderAmount`, `details.minSpend`). */
  'COUPON_MIN_SPEND',
  /** An expiry at or before `validUntil` (`data.at`). */
  'COUPON_NOT_DUE',
  /** A release naming another order than the one holding the coupon (`data.orderId`). */
  'COUPON_HELD_BY_OTHER_ORDER',
] as const;
export type CouponErrorCode = (typeof COUPON_ERROR_CODES)[number];
export type CouponError = DomainError<CouponErrorCode>;

export const refuseCoupon = <A = never>(
  code: CouponErrorCode,
  message: string,
  path: FieldPath,
  details?: Readonly<Record<string, unknown>>,
): E.Either<CouponError, A> => E.left(domainError(code, message, path, details));
