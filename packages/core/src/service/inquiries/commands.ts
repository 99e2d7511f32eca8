import * as t from 'io-ts';
import { IsoInstant, tagged } from '../../kernel/codecs.js';
import { AgentId, CustomerId } from '../../shared/ids.js';
import { InquiryChannel, InquiryId, InquiryScore } from './events.js';

export const OpenInquiry = tagged('OpenInquiry', { inquiryId: InquiryId, customerId: CustomerId, channel: InquiryChannel, agentId: AgentId, at: IsoInstant });
export const RecordInquiryCustomerMessage = tagged('RecordInquiryCustomerMessage', { inquiryId: InquiryId, at: IsoInstant });
export const RecordInquiryAgentReply = tagged('RecordInquiryAgentReply', { inquiryId: InquiryId, agentId: AgentId, at: IsoInstant });
export const RateInquiry = tagged('RateInquiry', { inquiryId: InquiryId, score: InquiryScore, at: IsoInstant });

export const InquiryCommand = t.union([OpenInquiry, RecordInquiryCustomerMessage, RecordInquiryAgentReply, RateInquiry]);
export type InquiryCommand = t.TypeOf<typeof InquiryCommand>;
