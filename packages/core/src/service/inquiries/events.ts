import * as t from 'io-ts';
import { IsoInstant, idCodec, tagged } from '../../kernel/codecs.js';
import { AgentId, CustomerId } from '../../shared/ids.js';

export const InquiryId = idCodec('InquiryId');
export type InquiryId = t.TypeOf<typeof InquiryId>;

export const InquiryChannel = t.keyof({ chat: null, phone: null }, 'InquiryChannel');
export type InquiryChannel = t.TypeOf<typeof InquiryChannel>;

export const InquiryScore = t.union([t.literal(1), t.literal(2), t.literal(3), t.literal(4), t.literal(5)], 'InquiryScore');

/**
 * Every inquiry event carries the serving agent and the first message's time, so the KPI
 * read model finds the agent's day and shift from the event alone.
 */
const about = { inquiryId: InquiryId, customerId: CustomerId, agentId: AgentId, openedAt: IsoInstant };

/** A customer asks before buying (询单): the opening message, routed to an agent. */
export const InquiryOpened = tagged('InquiryOpened', { ...about, channel: InquiryChannel, at: IsoInstant });
export const InquiryCustomerMessaged = tagged('InquiryCustomerMessaged', { ...about, at: IsoInstant });
/**
 * The agent replied. `respondsTo` is the earliest customer message still unanswered
 * (null for a follow-up with none waiting); `first` marks the first reply of the inquiry.
 */
export const InquiryAgentReplied = tagged('InquiryAgentReplied', { ...about, respondsTo: t.union([IsoInstant, t.null]), first: t.boolean, at: IsoInstant });
export const InquiryRated = tagged('InquiryRated', { ...about, score: InquiryScore, at: IsoInstant });

export const InquiryEvent = t.union([InquiryOpened, InquiryCustomerMessaged, InquiryAgentReplied, InquiryRated]);
export type InquiryEvent = t.TypeOf<typeof InquiryEvent>;
export type InquiryOpened = t.TypeOf<typeof InquiryOpened>;
