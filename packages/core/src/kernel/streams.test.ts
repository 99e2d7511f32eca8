import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isRapportError } from './errors.js';
import { assertStreamName, categoryOf, parseStreamName, streamName } from './streams.js';

describe('stream names', () => {
  it('are <category>-<tenantId>.<id>', () => {
    expect(streamName('customer', 'shop_a', 'c-ann')).toBe('customer-shop_a.c-ann');
  });

  it('parse back into their parts, with dashes in tenant and id', () => {
    expect(parseStreamName('customer-shop-1.c-ann')).toEqual({ category: 'customer', tenantId: 'shop-1', id: 'c-ann' });
    expect(categoryOf('customer-shop-1.c-ann')).toBe('customer');
  });

  it.each([
    ['a category starting with a digit', '1customer', 'shop', 'c'],
    ['a dash in the category', 'loyalty-coupon', 'shop', 'c'],
    ['an empty category', '', 'shop', 'c'],
    ['a dot in the tenant', 'customer', 'shop.a', 'c'],
    ['an empty tenant', 'customer', '', 'c'],
    ['a dot in the id', 'customer', 'shop', 'c.ann'],
    ['an empty id', 'customer', 'shop', ''],
    ['a 65-character id', 'customer', 'shop', 'x'.repeat(65)],
    ['a space in the id', 'customer', 'shop', 'c ann'],
  ])('refuse %s with InvalidArgument', (_why, category, tenant, id) => {
    let caught: unknown;
    try {
      streamName(category, tenant, id);
    } catch (e) {
      caught = e;
    }
    expect(isRapportError(caught, 'RAPPORT_INVALID_ARGUMENT')).toBe(true);
  });

  it('names the bad part in the message', () => {
    expect(() => streamName('customer', 'shop.a', 'c')).toThrow(/tenantId "shop\.a"/);
    expect(() => streamName('customer', 'shop', 'c.1')).toThrow(/id "c\.1"/);
  });

  it.each(['customer', 'customer-shop', 'customer-.c', 'customer-shop.', '1x-shop.c', 'customer-shop.c.d', '$ce-customer'])(
    'parseStreamName(%j) is undefined',
    (name) => expect(parseStreamName(name)).toBeUndefined(),
  );

  it('categoryOf a name without a dash is the whole name', () => expect(categoryOf('$all')).toBe('$all'));

  it('round-trip for any valid parts', () => {
    const part = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
    const category = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,63}$/);
    fc.assert(
      fc.property(category, part, part, (c, tenantId, id) => {
        const name = streamName(c, tenantId, id);
        expect(parseStreamName(name)).toEqual({ category: c, tenantId, id });
        expect(categoryOf(name)).toBe(c);
      }),
    );
  });

  it('assertStreamName takes any 1-200 characters not starting with $', () => {
    expect(() => assertStreamName('anything goes.here')).not.toThrow();
    expect(() => assertStreamName('x'.repeat(200))).not.toThrow();
    for (const bad of ['', '$all', 'x'.repeat(201), 42 as unknown as string])
      expect(() => assertStreamName(bad)).toThrow(/stream name/);
  });
});
