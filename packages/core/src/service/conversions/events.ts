import * as t from 'io-ts';
import { Fen, IsoInstant, tagged } from '../../kernel/codecs.js';
import { AgentId, CustomerId, OrderId } from '../../shared/ids.js';
import { InquiryId } from '../inquiries/events.js';

/** An order of the customer was paid (sent by the host's reactor when orders records a payment). */
export const ServiceCustomerPaymentRecorded = tagged('ServiceCustomerPaymentRecorded', { customerId: CustomerId, orderId: OrderId, amount: Fen, paidAt: IsoInstant });
/** The customer opened an inquiry (copied from the inquiry stream by `inquiryConversionReactor`). */
export const ServiceCustomerInquiryNoted = tagged('ServiceCustomerInquiryNoted', { customerId: CustomerId, inquiryId: InquiryId, agentId: AgentId, openedAt: IsoInstant });
/**
 * The customer paid an order within the conversion window of an inquiry: the inquiry is
 * converted (询单转化). One event per (inquiry, order) pair, whichever fact arrived last.
 */
export const InquiryOrderPaid = tagged('InquiryOrderPaid', {
  inquiryId: InquiryId,
  customerId: CustomerId,
  agentId: AgentId,
  openedAt: IsoInstant,
  orderId: OrderId,
  amount: Fen,
  paidAt: IsoInstant,
});

export const ServiceCustomerEvent = t.union([ServiceCustomerPaymentRecorded, ServiceCustomerInquiryNoted, InquiryOrderPaid]);
export type ServiceCustomerEvent = t.TypeOf<typeof ServiceCustomerEvent>;
