import type { StoredEvent } from '../kernel/envelope.js';
import type { Projection } from '../kernel/projection.js';
import { customerReferenceFields, customersNamedIn } from './customerReferences.js';

/** The streams in which a customer is named, in the order they first named them. */
export interface CustomerStreamsDoc {
  readonly streams: readonly string[];
}

export const CUSTOMER_STREAMS = 'audit.customerStreams';

/**
 * `audit.customerStreams`: for every customer, the streams holding an event whose data
 * names them (see {@link customerReferenceFields}). Fed by every event type the CRM
 * registers, so no context needs code of its own for timelines. An order's stream is
 * listed from its `OrderPlaced` (which names the customer); its later events, which name
 * only the order, are found by reading the stream.
 */
export const customerStreamsProjection = (
  eventTypes: readonly string[],
  fields: readonly string[] = customerReferenceFields,
): Projection<CustomerStreamsDoc> => ({
  name: CUSTOMER_STREAMS,
  version: 1,
  events: eventTypes,
  init: () => ({ streams: [] }),
  keyOf: (e: StoredEvent) => {
    const named = customersNamedIn(e.data, fields);
    return named.length === 0 ? undefined : named;
  },
  apply: (doc, e) => (doc.streams.includes(e.metadata.streamName) ? doc : { streams: [...doc.streams, e.metadata.streamName] }),
});
