import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson } from './canonicalJson.js';
import { envelopeJson } from './envelopeJson.js';
import type { HashedEnvelope } from './hashChain.js';

const text = fc.string({ unit: 'binary', maxLength: 12 });
const json: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.constant(null), fc.boolean(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), text, fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(text, tie('value'), { maxKeys: 3 })),
})).value;
const metadata = fc.record({
  eventId: text, occurredAt: text, tenantId: text, actor: fc.record({ kind: text, id: text }), commandId: text,
  correlationId: text, causationId: text, schemaVersion: fc.integer(), streamName: text,
  streamPosition: fc.bigInt({ min: -1n, max: 2n ** 70n }), recordedAt: text, prevHash: text,
});

describe('envelopeJson', () => {
  it('writes exactly the bytes canonicalJson writes, for any sealed envelope', () =>
    fc.assert(
      fc.property(text, json, metadata, (type, data, m) => {
        const e = { type, data, metadata: m } as unknown as HashedEnvelope;
        expect(envelopeJson(e)).toBe(canonicalJson(e));
      }),
      { numRuns: 2000 },
    ));

  it('falls back to canonicalJson for any other shape (an extra or missing field, another type)', () =>
    fc.assert(
      fc.property(json, metadata, fc.constantFrom('extra', 'missing', 'numberPosition', 'extraActor'), (data, m, change) => {
        const meta: Record<string, unknown> = { ...m };
        if (change === 'extra') meta.hash = 'x';
        if (change === 'missing') delete meta.tenantId;
        if (change === 'numberPosition') meta.streamPosition = 3;
        if (change === 'extraActor') meta.actor = { ...m.actor, role: 'admin' };
        const e = { type: 'T', data, metadata: meta } as unknown as HashedEnvelope;
        expect(envelopeJson(e)).toBe(canonicalJson(e));
      }),
      { numRuns: 500 },
    ));
});
