import * as E from 'fp-ts/lib/Either.js';
import { domainError, type DomainError, type FieldPath } from '../kernel/errors.js';

/** Why a marketing message is refused. */
export const MARKETING_ERROR_CODES = [
  /** No current consent for the channel at `at` (`data.channel`; `details.status`, `details.since`). */
  'MARKETING_NO_CONSENT',
  /** The message would exceed the cap (`data.at`; `details.nextAllowedAt`). */
  'MARKETING_CAP_REACHED',
  /** Before the customer's last recorded message (`data.at`; `details.lastSentAt`): messages are recorded in time order. */
  'MARKETING_OUT_OF_ORDER',
  /** A message id recorded before (`data.messageId`). */
  'MARKETING_MESSAGE_EXISTS',
  /** A retraction of a message not recorded, or no longer counted (`data.messageId`). */
  'MARKETING_MESSAGE_NOT_FOUND',
] as const;
export type MarketingErrorCode = (typeof MARKETING_ERROR_CODES)[number];
export type MarketingError = DomainError<MarketingErrorCode>;

export const refuseMarketing = <A = never>(
  code: MarketingErrorCode,
  message: string,
  path: FieldPath,
  details?: Readonly<Record<string, unknown>>,
): E.Either<MarketingError, A> => E.left(domainError(code, message, path, details));
