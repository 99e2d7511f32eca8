import { fold } from '../kernel/decider.js';
import type { EventStore } from '../kernel/eventStore.js';
import { customerDecider } from '../customers/decider.js';
import type { CustomerEvent } from '../customers/events.js';
import { customerStream } from '../customers/streams.js';
import type { ConsentChannel } from '../customers/values.js';
import type { ConsentFact } from './values.js';

/**
 * The customer's consent for a channel as their own stream says it now, read through the
 * event store port (not a projection, which may lag): withdrawal takes effect at once.
 */
export const readCustomerConsent = async (eventStore: EventStore, tenantId: string, customerId: string, channel: ConsentChannel): Promise<ConsentFact> => {
  let state = customerDecider.initialState();
  let position: number | null = null;
  for await (const e of eventStore.readStream<CustomerEvent>(customerStream(tenantId, customerId))) {
    state = fold(customerDecider, state, [e]);
    position = Number(e.metadata.streamPosition);
  }
  if (state.status === 'none') return { status: 'unknownCustomer', since: null, customerPosition: position };
  if (state.status === 'erased') return { status: 'erased', since: null, customerPosition: position };
  const c = state.consent[channel];
  if (!c) return { status: 'never', since: null, customerPosition: position };
  return { status: c.given ? 'given' : 'withdrawn', since: c.at, customerPosition: position };
};
