import * as E from 'fp-ts/lib/Either.js';
import { domainError, type DomainError, type FieldPath } from '../kernel/errors.js';

/** Why the orders context refuses a well-formed command. */
export const ORDER_ERROR_CODES = [
  /** PlaceOrder for an order id already placed. */
  'ORDER_EXISTS',
  /** A command for an order that was never placed. */
  'ORDER_NOT_FOUND',
  /** The command does not apply in the order's current state (named in message and details). */
  'ORDER_INVALID_STATE',
  /** The coupon is larger than the lines: the total would be negative. */
  'ORDER_NEGATIVE_TOTAL',
  /** The lines add up to more fen than a safe integer holds. */
  'ORDER_TOTAL_TOO_LARGE',
  /** A payment of a different amount than the order's total. */
  'ORDER_PAYMENT_AMOUNT',
  /** `at` lies before the fact the command follows (placing, payment, delivery, completion). */
  'ORDER_AT_BEFORE_STATE',
  /** An automatic completion before the auto-completion time has run out. */
  'ORDER_AUTO_COMPLETE_EARLY',
  /** A line number the order does not have. */
  'ORDER_LINE_UNKNOWN',
  /** A return id used before on this order. */
  'ORDER_RETURN_EXISTS',
  /** The return window (no reason: 7 days, quality: 30 days from delivery) has closed. */
  'ORDER_RETURN_WINDOW_CLOSED',
  /** More pieces returned than were bought (minus earlier returns). */
  'ORDER_RETURN_QUANTITY',
  /** A refund names a return this order does not have. */
  'ORDER_RETURN_UNKNOWN',
  /** A refund above what was paid minus earlier refunds. */
  'ORDER_REFUND_EXCEEDS_PAID',
  /** A rating of a line whose order is not completed. */
  'ORDER_NOT_COMPLETED',
  /** The line was rated by this side already. */
  'ORDER_LINE_ALREADY_RATED',
  /** The rating window (15 days from completion) has closed. */
  'ORDER_RATING_WINDOW_CLOSED',
] as const;
export type OrderErrorCode = (typeof ORDER_ERROR_CODES)[number];

export type OrderError = DomainError<OrderErrorCode>;

/** A refusal as the decider returns it: `Left(DomainError)` with a path rooted at the command. */
export const refuse = <A = never>(
  code: OrderErrorCode,
  message: string,
  path: FieldPath,
  details?: Readonly<Record<string, unknown>>,
): E.Either<OrderError, A> => E.left(domainError(code, message, path, details));
