import * as E from 'fp-ts/lib/Either.js';
import { absurd } from 'fp-ts/lib/function.js';
import type { IsoInstant } from '../../kernel/codecs.js';
import type { Decider } from '../../kernel/decider.js';
import { domainError, type DomainError } from '../../kernel/errors.js';
import type { AgentId, CustomerId } from '../../shared/ids.js';
import type { InquiryCommand } from './commands.js';
import type { InquiryEvent, InquiryId } from './events.js';

/** One inquiry as its events leave it. */
export type Inquiry =
  | { readonly status: 'none' }
  | {
      readonly status: 'open';
      readonly inquiryId: InquiryId;
      readonly customerId: CustomerId;
      readonly agentId: AgentId;
      readonly openedAt: IsoInstant;
      /** The earliest customer message not yet answered. */
      readonly waitingSince: IsoInstant | null;
      readonly replied: boolean;
      readonly rated: boolean;
      readonly lastAt: IsoInstant;
    };

export type InquiryErrorCode =
  | 'INQUIRY_ALREADY_OPEN'
  | 'INQUIRY_NOT_FOUND'
  | 'INQUIRY_OUT_OF_ORDER'
  | 'INQUIRY_OTHER_AGENT'
  | 'INQUIRY_NOT_ANSWERED'
  | 'INQUIRY_ALREADY_RATED';
export const inquiryErrorCodes: readonly InquiryErrorCode[] = [
  'INQUIRY_ALREADY_OPEN',
  'INQUIRY_NOT_FOUND',
  'INQUIRY_OUT_OF_ORDER',
  'INQUIRY_OTHER_AGENT',
  'INQUIRY_NOT_ANSWERED',
  'INQUIRY_ALREADY_RATED',
];

type Decision = E.Either<DomainError<InquiryErrorCode>, InquiryEvent[]>;
const no = (code: InquiryErrorCode, message: string, field: string): Decision => E.left(domainError(code, message, ['data', field]));

const decide = (c: InquiryCommand, s: Inquiry): Decision => {
  if (c.type === 'OpenInquiry') {
    if (s.status !== 'none') return no('INQUIRY_ALREADY_OPEN', `inquiry ${c.data.inquiryId} is already open`, 'inquiryId');
    return E.right([{ type: 'InquiryOpened', data: { ...c.data, openedAt: c.data.at } }]);
  }
  if (s.status === 'none') return no('INQUIRY_NOT_FOUND', `inquiry ${c.data.inquiryId} was never opened`, 'inquiryId');
  if (c.data.at < s.lastAt) return no('INQUIRY_OUT_OF_ORDER', `${c.data.at} is before the inquiry's last message at ${s.lastAt}`, 'at');
  const about = { inquiryId: s.inquiryId, customerId: s.customerId, agentId: s.agentId, openedAt: s.openedAt };
  switch (c.type) {
    case 'RecordInquiryCustomerMessage':
      return E.right([{ type: 'InquiryCustomerMessaged', data: { ...about, at: c.data.at } }]);
    case 'RecordInquiryAgentReply':
      if (c.data.agentId !== s.agentId) return no('INQUIRY_OTHER_AGENT', `the inquiry is served by ${s.agentId}`, 'agentId');
      return E.right([{ type: 'InquiryAgentReplied', data: { ...about, respondsTo: s.waitingSince, first: !s.replied, at: c.data.at } }]);
    case 'RateInquiry':
      if (s.rated) return no('INQUIRY_ALREADY_RATED', 'the inquiry is already rated', 'score');
      if (!s.replied) return no('INQUIRY_NOT_ANSWERED', 'an inquiry is rated after the agent replied', 'score');
      return E.right([{ type: 'InquiryRated', data: { ...about, score: c.data.score, at: c.data.at } }]);
    default:
      return absurd(c);
  }
};

export const evolveInquiry = (s: Inquiry, e: InquiryEvent): Inquiry => {
  if (e.type === 'InquiryOpened') {
    const d = e.data;
    return { status: 'open', inquiryId: d.inquiryId, customerId: d.customerId, agentId: d.agentId, openedAt: d.openedAt, waitingSince: d.at, replied: false, rated: false, lastAt: d.at };
  }
  if (s.status === 'none') return s;
  const lastAt = e.data.at > s.lastAt ? e.data.at : s.lastAt;
  switch (e.type) {
    case 'InquiryCustomerMessaged':
      return { ...s, lastAt, waitingSince: s.waitingSince ?? e.data.at };
    case 'InquiryAgentReplied':
      return { ...s, lastAt, waitingSince: null, replied: true };
    case 'InquiryRated':
      return { ...s, lastAt, rated: true };
    default:
      return absurd(e);
  }
};

/** The inquiry decider (no policy needed). */
export const inquiryDecider: Decider<Inquiry, InquiryCommand, InquiryEvent, DomainError> = {
  initialState: () => ({ status: 'none' }),
  decide,
  evolve: evolveInquiry,
};
