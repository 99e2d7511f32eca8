import type { StoredEvent } from '../../kernel/envelope.js';
import type { Projection } from '../../kernel/projection.js';
import { conversionsOf, countCalls, type CallCounts, type CallFact, type PaymentFact } from '../conversion.js';
import type { TelemarketingEvent } from '../events.js';
import { defaultTelemarketingPolicy } from '../policy.js';

/**
 * The orders context's `OrderPaid`, as far as telemarketing reads it (the contexts do not
 * import each other: the projection names the event type and reads these fields).
 */
export interface OrderPaidFact {
  readonly type: 'OrderPaid';
  readonly data: { readonly orderId: string; readonly customerId: string; readonly at: string };
}

/** The customer's place on one list and what their calls there came to. */
export interface CustomerListCalls extends CallCounts {
  /** Always true: lets a query find a list's customers (`where: { 'lists.<listId>.onList': true }`). */
  readonly onList: true;
  readonly agentId: string;
  /** callId → the paid order that converted it. */
  readonly conversions: Readonly<Record<string, string>>;
}

/**
 * One customer's telemarketing (`telemarketing.customerCalls`, keyed by customerId): the
 * lists they are on, every call made to them, and the orders they paid since they were
 * first put on a list, with each list's counts derived from those facts.
 */
export interface CustomerCallsDoc {
  readonly tenantId: string;
  readonly customerId: string;
  readonly lists: Readonly<Record<string, CustomerListCalls>>;
  readonly calls: readonly CallFact[];
  readonly payments: readonly PaymentFact[];
}

const EMPTY: CustomerCallsDoc = { tenantId: '', customerId: '', lists: {}, calls: [], payments: [] };

/** Re-derive every list's counts from the calls and payments (order of arrival does not matter). */
const derive = (d: CustomerCallsDoc, days: number): CustomerCallsDoc => {
  const lists: Record<string, CustomerListCalls> = {};
  for (const [listId, l] of Object.entries(d.lists)) {
    const calls = d.calls.filter((c) => c.listId === listId);
    const conversions = conversionsOf(calls, d.payments, days);
    lists[listId] = { onList: true, agentId: l.agentId, ...countCalls(calls, conversions), conversions };
  }
  return { ...d, lists };
};

export type CustomerCallsEvent = TelemarketingEvent | OrderPaidFact;

/** The per-customer calls projection for a policy (the conversion window). */
export const makeCustomerCalls = (policy: { readonly conversionWindowDays: number } = defaultTelemarketingPolicy): Projection<CustomerCallsDoc, CustomerCallsEvent> => ({
  name: 'telemarketing.customerCalls',
  version: 1,
  events: ['CallListEntryAdded', 'CallRecorded', 'OrderPaid'],
  init: () => EMPTY,
  keyOf: (e) => (e.type === 'CallListBuilt' ? undefined : e.data.customerId),
  apply: (d, e: StoredEvent<CustomerCallsEvent>) => {
    const days = policy.conversionWindowDays;
    switch (e.type) {
      case 'CallListBuilt':
        return d;
      case 'CallListEntryAdded': {
        const { listId, customerId, agentId } = e.data;
        const none = { onList: true as const, agentId, attempts: 0, reached: 0, interested: 0, converted: 0, conversions: {} };
        return derive({ ...d, tenantId: e.metadata.tenantId, customerId, lists: { ...d.lists, [listId]: d.lists[listId] ?? none } }, days);
      }
      case 'CallRecorded': {
        if (!d.lists[e.data.listId]) return d.customerId === '' ? null : d;
        const { listId, callId, agentId, outcome, at } = e.data;
        return derive({ ...d, calls: [...d.calls, { listId, callId, agentId, outcome, at }] }, days);
      }
      case 'OrderPaid': {
        // a customer on no list keeps no document
        if (d.customerId === '') return null;
        if (d.payments.some((p) => p.orderId === e.data.orderId)) return d;
        return derive({ ...d, payments: [...d.payments, { orderId: e.data.orderId, at: e.data.at }] }, days);
      }
    }
  },
});

export const customerCalls = makeCustomerCalls();
