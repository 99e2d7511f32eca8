import type { Reactor } from '../../kernel/reactor.js';
import { InquiryOpened } from '../inquiries/events.js';

/** Copies every opened inquiry to its customer's service ledger, where payments are matched. */
export const inquiryConversionReactor: Reactor<InquiryOpened> = {
  name: 'service.inquiryConversion',
  events: InquiryOpened,
  react: (e) => [
    { type: 'NoteCustomerInquiry', data: { customerId: e.data.customerId, inquiryId: e.data.inquiryId, agentId: e.data.agentId, openedAt: e.data.openedAt } },
  ],
};
