import * as E from 'fp-ts/lib/Either.js';
import { domainError, type DomainError, type FieldPath } from '../kernel/errors.js';

/** Why a telemarketing command is refused (nothing is written). */
export const TELEMARKETING_ERROR_CODES = [
  /** A list with this id was built before (`data.listId`). */
  'TELEMARKETING_LIST_EXISTS',
  /** No such list (`data.listId`). */
  'TELEMARKETING_LIST_NOT_FOUND',
  /** A list needs at least one agent, each once (`data.agents`). */
  'TELEMARKETING_BAD_AGENTS',
  /** More candidates than the policy's `maxListSize` (`data.candidates` / `data.customerIds`). */
  'TELEMARKETING_LIST_TOO_LARGE',
  /** The customer is not on the list (`data.customerId`). */
  'TELEMARKETING_NOT_ON_LIST',
  /** The customer is on the list for another agent (`data.agentId`; `details.assignedAgentId`). */
  'TELEMARKETING_NOT_ASSIGNED',
  /** No phone consent at the call's time (`data.customerId`; `details.status`, `details.since`). */
  'TELEMARKETING_NO_PHONE_CONSENT',
  /** A call id recorded before on this list (`data.callId`). */
  'TELEMARKETING_CALL_EXISTS',
  /** A call before the list was built (`data.at`; `details.builtAt`). */
  'TELEMARKETING_CALL_BEFORE_LIST',
  /** `callbackAt` missing or not after the call for a callback, or given for another outcome (`data.callbackAt`). */
  'TELEMARKETING_BAD_CALLBACK',
] as const;
export type TelemarketingErrorCode = (typeof TELEMARKETING_ERROR_CODES)[number];
export type TelemarketingError = DomainError<TelemarketingErrorCode>;

/** A telemarketing refusal as a value. */
export const telemarketingError = (code: TelemarketingErrorCode, message: string, path: FieldPath, details?: Readonly<Record<string, unknown>>): TelemarketingError =>
  domainError(code, message, path, details);

export const refuseTelemarketing = <A = never>(
  code: TelemarketingErrorCode,
  message: string,
  path: FieldPath,
  details?: Readonly<Record<string, unknown>>,
): E.Either<TelemarketingError, A> => E.left(telemarketingError(code, message, path, details));
