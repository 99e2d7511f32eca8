import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LruCache } from './lruCache.js';

describe('LruCache', () => {
  it('evicts the least recently used entry first', () => {
    const c = new LruCache<string, number>(3);
    c.set('a', 1);
    c.set('b', 2);
    c.set('c', 3);
    expect(c.get('a')).toBe(1); // a is now the most recent: b is the oldest
    c.set('d', 4);
    expect(c.get('b')).toBeUndefined();
    expect([c.get('a'), c.get('c'), c.get('d')]).toEqual([1, 3, 4]);
    expect(c.size).toBe(3);
  });

  it('setting an existing key refreshes it without growing', () => {
    const c = new LruCache<string, number>(2);
    c.set('a', 1);
    c.set('b', 2);
    c.set('a', 10);
    c.set('c', 3);
    expect(c.size).toBe(2);
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toBe(10);
  });

  it('a miss does not change the order', () => {
    const c = new LruCache<string, number>(2);
    c.set('a', 1);
    c.set('b', 2);
    expect(c.get('zzz')).toBeUndefined();
    c.set('c', 3);
    expect(c.get('a')).toBeUndefined();
    expect(c.get('b')).toBe(2);
  });

  it('delete and clear', () => {
    const c = new LruCache<string, number>(2);
    c.set('a', 1);
    c.set('b', 2);
    c.delete('a');
    expect(c.size).toBe(1);
    c.clear();
    expect(c.size).toBe(0);
    expect(c.get('b')).toBeUndefined();
  });

  it.each([0, -1, 1.5, NaN])('refuses capacity %s', (n) => expect(() => new LruCache(n)).toThrow(RangeError));

  it('behaves as a reference model for any operations', () => {
    const op = fc.oneof(
      fc.record({ op: fc.constant('set' as const), key: fc.nat(6), value: fc.integer() }),
      fc.record({ op: fc.constant('get' as const), key: fc.nat(6) }),
      fc.record({ op: fc.constant('delete' as const), key: fc.nat(6) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(op, { maxLength: 60 }), (capacity, ops) => {
        const c = new LruCache<number, number>(capacity);
        let model: [number, number][] = []; // oldest first
        for (const o of ops) {
          const found = model.find(([k]) => k === o.key);
          if (o.op === 'get') {
            expect(c.get(o.key)).toBe(found?.[1]);
            if (found) model = [...model.filter(([k]) => k !== o.key), found];
          } else if (o.op === 'delete') {
            c.delete(o.key);
            model = model.filter(([k]) => k !== o.key);
          } else {
            c.set(o.key, o.value);
            model = [...model.filter(([k]) => k !== o.key), [o.key, o.value]];
            if (model.length > capacity) model = model.slice(1);
          }
          expect(c.size).toBe(model.length);
        }
      }),
    );
  });
});
