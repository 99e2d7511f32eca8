import * as E from 'fp-ts/lib/Either.js';
import { absurd } from 'fp-ts/lib/function.js';
import type { Decider } from '../../kernel/decider.js';
import { domainError, type DomainError } from '../../kernel/errors.js';
import { defaultServicePolicy, type ServicePolicy } from '../policy.js';
import type { ServiceCustomerCommand } from './commands.js';
import type { ServiceCustomerEvent } from './events.js';

type Payment = Extract<ServiceCustomerEvent, { type: 'ServiceCustomerPaymentRecorded' }>['data'];
type Noted = Extract<ServiceCustomerEvent, { type: 'ServiceCustomerInquiryNoted' }>['data'];

/** What service knows of one customer: their inquiries and paid orders, to match them. */
export interface ServiceCustomer {
  readonly inquiries: readonly Noted[];
  readonly payments: readonly Payment[];
}

export type ServiceCustomerErrorCode = 'SERVICE_PAYMENT_CONFLICT' | 'SERVICE_INQUIRY_CONFLICT';
export const serviceCustomerErrorCodes: readonly ServiceCustomerErrorCode[] = ['SERVICE_PAYMENT_CONFLICT', 'SERVICE_INQUIRY_CONFLICT'];

/** Paid within the window: at or after the first message and at most `windowMs` later (both ends inclusive). */
export const paidWithin = (openedAt: string, paidAt: string, windowMs: number): boolean =>
  paidAt >= openedAt && Date.parse(paidAt) - Date.parse(openedAt) <= windowMs;

const converted = (i: Noted, p: Payment): ServiceCustomerEvent => ({
  type: 'InquiryOrderPaid',
  data: { inquiryId: i.inquiryId, customerId: i.customerId, agentId: i.agentId, openedAt: i.openedAt, orderId: p.orderId, amount: p.amount, paidAt: p.paidAt },
});

const decide = (policy: ServicePolicy) => (c: ServiceCustomerCommand, s: ServiceCustomer): E.Either<DomainError<ServiceCustomerErrorCode>, ServiceCustomerEvent[]> => {
  const w = policy.conversionWindowMs;
  switch (c.type) {
    case 'RecordCustomerPayment': {
      const seen = s.payments.find((p) => p.orderId === c.data.orderId);
      if (seen) {
        // the same fact again is nothing new; a different one for the same order is a mistake
        return seen.amount === c.data.amount && seen.paidAt === c.data.paidAt
          ? E.right([])
          : E.left(domainError('SERVICE_PAYMENT_CONFLICT', `order ${seen.orderId} was recorded paid ${seen.amount} fen at ${seen.paidAt}`, ['data', 'orderId']));
      }
      const matches = s.inquiries.filter((i) => paidWithin(i.openedAt, c.data.paidAt, w));
      return E.right([{ type: 'ServiceCustomerPaymentRecorded', data: c.data }, ...matches.map((i) => converted(i, c.data))]);
    }
    case 'NoteCustomerInquiry': {
      const seen = s.inquiries.find((i) => i.inquiryId === c.data.inquiryId);
      if (seen)
        return seen.agentId === c.data.agentId && seen.openedAt === c.data.openedAt
          ? E.right([])
          : E.left(domainError('SERVICE_INQUIRY_CONFLICT', `inquiry ${seen.inquiryId} was noted for ${seen.agentId} at ${seen.openedAt}`, ['data', 'inquiryId']));
      const matches = s.payments.filter((p) => paidWithin(c.data.openedAt, p.paidAt, w));
      return E.right([{ type: 'ServiceCustomerInquiryNoted', data: c.data }, ...matches.map((p) => converted(c.data, p))]);
    }
    default:
      return absurd(c);
  }
};

export const evolveServiceCustomer = (s: ServiceCustomer, e: ServiceCustomerEvent): ServiceCustomer => {
  switch (e.type) {
    case 'ServiceCustomerPaymentRecorded':
      return { ...s, payments: [...s.payments, e.data] };
    case 'ServiceCustomerInquiryNoted':
      return { ...s, inquiries: [...s.inquiries, e.data] };
    case 'InquiryOrderPaid':
      return s;
    default:
      return absurd(e);
  }
};

/**
 * Matches a customer's inquiries with their paid orders: whichever of the two arrives
 * second emits `InquiryOrderPaid`, so the result does not depend on arrival order.
 */
export const serviceCustomerDecider = (policy: ServicePolicy = defaultServicePolicy): Decider<ServiceCustomer, ServiceCustomerCommand, ServiceCustomerEvent, DomainError> => ({
  initialState: () => ({ inquiries: [], payments: [] }),
  decide: decide(policy),
  evolve: evolveServiceCustomer,
});
