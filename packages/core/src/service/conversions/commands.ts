import * as t from 'io-ts';
import { Fen, IsoInstant, tagged } from '../../kernel/codecs.js';
import { AgentId, CustomerId, OrderId } from '../../shared/ids.js';
import { InquiryId } from '../inquiries/events.js';

/** Sent by the host when an order is paid (orders owns the order; this is the fact service needs). */
export const RecordCustomerPayment = tagged('RecordCustomerPayment', { customerId: CustomerId, orderId: OrderId, amount: Fen, paidAt: IsoInstant });
/** Sent by `inquiryConversionReactor` for every opened inquiry. */
export const NoteCustomerInquiry = tagged('NoteCustomerInquiry', { customerId: CustomerId, inquiryId: InquiryId, agentId: AgentId, openedAt: IsoInstant });

export const ServiceCustomerCommand = t.union([RecordCustomerPayment, NoteCustomerInquiry]);
export type ServiceCustomerCommand = t.TypeOf<typeof ServiceCustomerCommand>;
