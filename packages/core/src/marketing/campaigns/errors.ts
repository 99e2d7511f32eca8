import * as E from 'fp-ts/lib/Either.js';
import { domainError, type DomainError, type FieldPath } from '../../kernel/errors.js';

/** Why a campaign command is refused. */
export const CAMPAIGN_ERROR_CODES = [
  /** A campaign id defined before (`data.campaignId`). */
  'CAMPAIGN_EXISTS',
  /** An audience with nobody in it (`data.audience`), or more than `MAX_AUDIENCE`. */
  'CAMPAIGN_AUDIENCE_SIZE',
  /** A customer named twice in the audience (`data.audience.<index>` of the second). */
  'CAMPAIGN_AUDIENCE_REPEATS',
  /** An `event` campaign without `inviteVia`, or another with it (`data.inviteVia`). */
  'CAMPAIGN_INVITE_CHANNEL',
  /** No such campaign (`data.campaignId`). */
  'CAMPAIGN_NOT_FOUND',
  /** The campaign's send has begun already (`data.campaignId`): a campaign is sent once. */
  'CAMPAIGN_ALREADY_SENT',
  /** Sent before its schedule (`data.at`; `details.scheduledAt`). */
  'CAMPAIGN_NOT_DUE',
  /** Completed while not sending, or with counts that do not add up to the audience (`data.sent`). */
  'CAMPAIGN_SEND_INCOMPLETE',
  /** The customer's outcome for this campaign is recorded already (`data.campaignId`). */
  'CAMPAIGN_RECIPIENT_RECORDED',
  /** A response from a customer the campaign did not reach (`data.customerId`). */
  'CAMPAIGN_NOT_RECEIVED',
  /** A response dated before the send (`data.at`; `details.sentAt`). */
  'CAMPAIGN_RESPONSE_BEFORE_SEND',
  /** The same response recorded before (`data.response`). */
  'CAMPAIGN_RESPONSE_RECORDED',
] as const;
export type CampaignErrorCode = (typeof CAMPAIGN_ERROR_CODES)[number];
export type CampaignError = DomainError<CampaignErrorCode>;

export const refuseCampaign = <A = never>(
  code: CampaignErrorCode,
  message: string,
  path: FieldPath,
  details?: Readonly<Record<string, unknown>>,
): E.Either<CampaignError, A> => E.left(domainError(code, message, path, details));
