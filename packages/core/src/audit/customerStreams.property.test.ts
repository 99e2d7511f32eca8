import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { StoredEvent } from '../kernel/envelope.js';
import { foldProjection } from '../kernel/projection.js';
import { customersNamedIn } from './customerReferences.js';
import { customerStreamsProjection, type CustomerStreamsDoc } from './customerStreams.js';

const TYPES = ['Named', 'Other'];
const stored = (i: number, type: string, stream: string, data: unknown, tenantId: string): StoredEvent =>
  ({
    type,
    data,
    metadata: { eventId: `e${i}`, streamName: stream, streamPosition: 0n, globalPosition: BigInt(i + 1), tenantId, recordedAt: '2026-03-01T00:00:00.000Z', occurredAt: '2026-03-01T00:00:00.000Z' },
  }) as unknown as StoredEvent;

const eventArb = fc.record({
  type: fc.constantFrom(...TYPES, 'Unregistered'),
  stream: fc.constantFrom('order-shop.o1', 'order-shop.o2', 'customer-shop.c1', 'referral_network-shop.network'),
  tenantId: fc.constantFrom('shop', 'other'),
  customerId: fc.option(fc.constantFrom('c1', 'c2', 'c3'), { nil: undefined }),
  beneficiaryId: fc.option(fc.constantFrom('c1', 'c2'), { nil: undefined }),
  referrerId: fc.option(fc.constantFrom('c1', 'c3'), { nil: undefined }),
});

describe('audit.customerStreams (property)', () => {
  it('lists for each customer exactly the streams of registered events naming them, in first-seen order, per tenant', () =>
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 60 }), (specs) => {
        const events = specs.map((s, i) => stored(i, s.type, s.stream, { customerId: s.customerId, beneficiaryId: s.beneficiaryId, referrerId: s.referrerId }, s.tenantId));
        const docs = foldProjection(customerStreamsProjection(TYPES), events);
        const model = new Map<string, string[]>();
        for (const e of events) {
          if (!TYPES.includes(e.type)) continue;
          for (const c of customersNamedIn(e.data)) {
            const k = `${e.metadata.tenantId}/${c}`;
            const list = model.get(k) ?? [];
            if (!list.includes(e.metadata.streamName)) list.push(e.metadata.streamName);
            model.set(k, list);
          }
        }
        expect(new Map([...docs].map(([k, d]) => [k, [...(d as CustomerStreamsDoc).streams]]))).toEqual(model);
        // a referrer named beside the customer is not the event's subject
        for (const k of docs.keys()) expect(events.some((e) => `${e.metadata.tenantId}/${(e.data as { customerId?: string }).customerId}` === k || `${e.metadata.tenantId}/${(e.data as { beneficiaryId?: string }).beneficiaryId}` === k)).toBe(true);
      }),
    ));

  it('names customers only by customerId and beneficiaryId, each once', () => {
    expect(customersNamedIn({ customerId: 'c1', beneficiaryId: 'c1', referrerId: 'c2', buyerId: 'c3' })).toEqual(['c1']);
    expect(customersNamedIn({ customerId: 'c1', beneficiaryId: 'c2' })).toEqual(['c1', 'c2']);
    expect(customersNamedIn({ customerId: '' })).toEqual([]);
    expect(customersNamedIn(null)).toEqual([]);
    expect(customersNamedIn('c1')).toEqual([]);
  });
});
