import type { StoredEvent } from '../../kernel/envelope.js';
import type { Projection } from '../../kernel/projection.js';
import type { CallFact, PaymentFact } from '../conversion.js';
import type { TelemarketingEvent } from '../events.js';

/**
 * The orders context's `OrderPaid`, as far as telemarketing reads it (the contexts do not
 * import each other: the projection names the event type and reads these fields).
 */
export interface OrderPaidFact {
  readonly type: 'OrderPaid';
  readonly data: { readonly orderId: string; readonly customerId: string; readonly at: string };
}

/** The customer's place on one list. */
export interface CustomerListPlace {
  /** Always true: lets a query find a list's customers (`where: { 'lists.<listId>.onList': true }`). */
  readonly onList: true;
  readonly agentId: string;
}

/**
 * One customer's telemarketing facts (`telemarketing.customerCalls`, keyed by customerId):
 * the lists they are on, every call made to them, and the orders they paid since they were
 * first put on a list. Conversions are derived from these facts when read, with the
 * policy's window (see `telemarketingReads`), so a change of window needs no rebuild.
 */
export interface CustomerCallsDoc {
  readonly tenantId: string;
  readonly customerId: string;
  readonly lists: Readonly<Record<string, CustomerListPlace>>;
  readonly calls: readonly CallFact[];
  readonly payments: readonly PaymentFact[];
}

const EMPTY: CustomerCallsDoc = { tenantId: '', customerId: '', lists: {}, calls: [], payments: [] };

export type CustomerCallsEvent = TelemarketingEvent | OrderPaidFact;

/** Per customer: lists, calls, and paid orders (the projection reads the orders' `OrderPaid` too). */
export const customerCalls: Projection<CustomerCallsDoc, CustomerCallsEvent> = {
  name: 'telemarketing.customerCalls',
  version: 1,
  events: ['CallListEntryAdded', 'CallRecorded', 'OrderPaid'],
  init: () => EMPTY,
  keyOf: (e) => (e.type === 'CallListBuilt' ? undefined : e.data.customerId),
  apply: (d, e: StoredEvent<CustomerCallsEvent>) => {
    switch (e.type) {
      case 'CallListBuilt':
        return d;
      case 'CallListEntryAdded': {
        const { listId, customerId, agentId } = e.data;
        if (d.lists[listId]) return d;
        return { ...d, tenantId: e.metadata.tenantId, customerId, lists: { ...d.lists, [listId]: { onList: true, agentId } } };
      }
      case 'CallRecorded': {
        if (!d.lists[e.data.listId]) return d.customerId === '' ? null : d;
        const { listId, callId, agentId, outcome, at } = e.data;
        return { ...d, calls: [...d.calls, { listId, callId, agentId, outcome, at }] };
      }
      case 'OrderPaid': {
        // a customer on no list keeps no document
        if (d.customerId === '') return null;
        if (d.payments.some((p) => p.orderId === e.data.orderId)) return d;
        return { ...d, payments: [...d.payments, { orderId: e.data.orderId, at: e.data.at }] };
      }
    }
  },
};
