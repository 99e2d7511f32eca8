import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CommandMetadata, isCommandMetadata } from './command.js';

const text = fc.oneof(fc.string({ minLength: 1, maxLength: 200 }), fc.constantFrom('', 'x'.repeat(201)), fc.integer(), fc.constant(null));
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const metadata = fc.record(
  {
    commandId: text,
    tenantId: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), fc.constantFrom('', 'shop.1', 'a'.repeat(65)), fc.integer()),
    actor: fc.oneof(
      fc.record({ kind: fc.constantFrom('user', 'agent', 'customer', 'system', 'reactor', 'partner', 'robot'), id: text }),
      fc.constantFrom(null, [], 'agent', { kind: 'agent' }),
    ),
    occurredAt: maybe(
      fc.oneof(
        fc.date({ min: new Date('1970-01-01T00:00:00.000Z'), max: new Date('2100-01-01T00:00:00.000Z'), noInvalidDate: true }).map((d) => d.toISOString()),
        fc.constantFrom('2026-13-01T00:00:00.000Z', '2026-02-29T08:00:00.000Z', '2026-05-01T08:00:00Z'),
        fc.string(),
        fc.integer(),
      ),
    ),
    correlationId: maybe(text),
    causationId: maybe(text),
  },
  { requiredKeys: [] },
);

describe('isCommandMetadata', () => {
  // first in the file: before any instant has passed and been remembered
  it('refuses an empty occurredAt when no instant has been remembered yet', () => {
    expect(isCommandMetadata({ commandId: 'c', tenantId: 's', actor: { kind: 'user', id: 'u' }, occurredAt: '' })).toBe(false);
  });

  it('agrees with the io-ts codec on any metadata, keys present, absent or undefined', () =>
    fc.assert(
      fc.property(fc.oneof(metadata, metadata.map((m) => ({ ...m, extra: 1 })), fc.constantFrom(null, undefined, [], 'm', 7, new Date(0))), (m) => {
        expect(isCommandMetadata(m)).toBe(CommandMetadata.is(m));
      }),
      { numRuns: 3000 },
    ));
});
