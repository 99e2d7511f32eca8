import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { v5 as uuidv5 } from 'uuid';
import { deriveId, RAPPORT_NAMESPACE, sequentialIds, uuidIds } from './ids.js';

describe('deriveId', () => {
  it('is uuid v5 of the parts joined by U+001F in the Rapport namespace', () => {
    expect(deriveId('reactor', 'loyalty.welcomeBonus', 'e-1', '0')).toBe(uuidv5('reactor\u001floyalty.welcomeBonus\u001fe-1\u001f0', RAPPORT_NAMESPACE));
  });

  it('never changes: a derived id is stored forever', () => {
    expect(deriveId('account-shop_a.a1', 'c1', '0')).toBe(uuidv5('account-shop_a.a1\u001fc1\u001f0', '6f0e3b9c-3c55-5a8e-9a0b-7d7f1e2a4c10'));
    expect(RAPPORT_NAMESPACE).toBe('6f0e3b9c-3c55-5a8e-9a0b-7d7f1e2a4c10');
  });

  it('tells the parts apart: ("ab", "c") is not ("a", "bc")', () => expect(deriveId('ab', 'c')).not.toBe(deriveId('a', 'bc')));

  it('equals uuid v5 for any parts, non-ASCII included', () =>
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 4 }), (parts) => {
        expect(deriveId(...parts)).toBe(uuidv5(parts.join('\u001f'), RAPPORT_NAMESPACE));
      }),
    ));
});

describe('id generators', () => {
  it('sequentialIds counts from 1 per generator', () => {
    const ids = sequentialIds('order');
    expect([ids.next(), ids.next(), ids.next()]).toEqual(['order-1', 'order-2', 'order-3']);
    expect(sequentialIds().next()).toBe('id-1');
  });

  it('uuidIds gives random v4 uuids', () => {
    const a = uuidIds.next();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidIds.next()).not.toBe(a);
  });
});
