import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isNewEventMetadata, NewEventMetadata } from './envelope.js';

const instant = fc.date({ min: new Date('1970-01-01T00:00:00.000Z'), max: new Date('2100-01-01T00:00:00.000Z'), noInvalidDate: true }).map((d) => d.toISOString());
const shortText = fc.oneof(fc.string({ minLength: 1, maxLength: 200 }), fc.constantFrom('', 'x'.repeat(201)), fc.integer(), fc.constant(undefined));
const metadata = fc.record({
  eventId: shortText,
  occurredAt: fc.oneof(instant, fc.constantFrom('2026-13-01T00:00:00.000Z', '2026-02-30T10:00:00.000Z', '2026-05-01T24:00:00.000Z', '2026-05-01T08:00:00Z', '2026-05-01'), fc.string(), fc.integer()),
  tenantId: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), fc.constantFrom('', 'shop.1', 'a'.repeat(65), '店铺'), fc.integer()),
  actor: fc.oneof(
    fc.record({ kind: fc.constantFrom('user', 'agent', 'customer', 'system', 'reactor', 'partner', 'robot', 'User'), id: shortText }),
    fc.constantFrom(null, [], 'agent', { kind: 'agent' }, new Date(0)),
  ),
  commandId: shortText,
  correlationId: shortText,
  causationId: shortText,
  schemaVersion: fc.oneof(fc.integer(), fc.double(), fc.constant('1'), fc.constant(undefined)),
});

describe('isNewEventMetadata', () => {
  it('agrees with the io-ts codec on any metadata, well-formed or not', () =>
    fc.assert(
      fc.property(fc.oneof(metadata, metadata.map((m) => ({ ...m, extra: true })), fc.constantFrom(null, undefined, [], 'm', 1, new Date(0))), (m) => {
        expect(isNewEventMetadata(m)).toBe(NewEventMetadata.is(m));
      }),
      { numRuns: 2000 },
    ));

  it('accepts the same instant twice and still refuses a bad one after it (the remembered instant)', () => {
    const m = { eventId: 'e1', occurredAt: '2026-05-01T08:00:00.000Z', tenantId: 'shop1', actor: { kind: 'agent', id: 'a1' }, commandId: 'c', correlationId: 'c', causationId: 'c', schemaVersion: 1 };
    expect([isNewEventMetadata(m), isNewEventMetadata({ ...m })]).toEqual([true, true]);
    expect(isNewEventMetadata({ ...m, occurredAt: '2026-05-01T08:00:00.000z' })).toBe(false);
    expect(isNewEventMetadata({ ...m, occurredAt: '2026-02-29T08:00:00.000Z' })).toBe(false); // 2026 is no leap year
    expect(isNewEventMetadata({ ...m, occurredAt: '' })).toBe(false); // nothing remembered matches an empty instant
  });
});
