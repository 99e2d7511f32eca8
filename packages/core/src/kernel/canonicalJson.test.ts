import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson } from './canonicalJson.js';

describe('canonicalJson', () => {
  it('sorts object keys by code unit, at every depth, without whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 2], c: 'x' }, B: true })).toBe('{"B":true,"a":{"c":"x","d":[1,2]},"b":1}');
  });

  it('gives the same bytes whatever the insertion order', () => {
    expect(canonicalJson({ x: 1, y: { p: 1, q: 2 } })).toBe(canonicalJson({ y: { q: 2, p: 1 }, x: 1 }));
  });

  it('writes bigints as decimal strings, beyond the safe integers too', () => {
    expect(canonicalJson({ position: 12345678901234567890n, zero: 0n, minus: -3n })).toBe(
      '{"minus":"-3","position":"12345678901234567890","zero":"0"}',
    );
  });

  it('drops undefined properties, and writes undefined in arrays as null (as JSON does)', () => {
    expect(canonicalJson({ a: undefined, b: 1, c: [undefined, 2] })).toBe('{"b":1,"c":[null,2]}');
    expect(canonicalJson({ a: undefined })).toBe('{}');
  });

  it('writes a hole in a sparse array as null (as JSON does), never as nothing', () => {
    expect(canonicalJson([1, , 3])).toBe('[1,null,3]');
    expect(canonicalJson({ a: new Array(2) })).toBe('{"a":[null,null]}');
  });

  it('writes nested arrays and empty containers', () => {
    expect(canonicalJson([[1, [2, [3, []]]], {}, [{ b: 2, a: 1 }]])).toBe('[[1,[2,[3,[]]]],{},[{"a":1,"b":2}]]');
  });

  it('writes -0 as 0, as JSON does', () => expect(canonicalJson({ n: -0 })).toBe('{"n":0}'));

  it('escapes strings as JSON does', () => {
    expect(canonicalJson({ 'k"ey': 'line\nbreak "quoted" 客户 \u0001' })).toBe(JSON.stringify({ 'k"ey': 'line\nbreak "quoted" 客户 \u0001' }));
  });

  it.each([
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
  ])('refuses %s, even nested', (_why, n) => {
    expect(() => canonicalJson(n)).toThrow(TypeError);
    expect(() => canonicalJson({ a: [{ b: n }] })).toThrow(/not a JSON number/);
  });

  it('refuses functions and symbols', () => {
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/cannot encode a function/);
    expect(() => canonicalJson([Symbol('s')])).toThrow(/cannot encode a symbol/);
  });

  it('is JSON: parsing it gives the value back, for any JSON value', () =>
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(JSON.parse(canonicalJson(v))).toEqual(JSON.parse(JSON.stringify(v)));
      }),
    ));

  it('equals a plain sort-the-keys encoder for any value, shapes repeated or not', () => {
    const reference = (v: unknown): string => {
      if (Array.isArray(v)) return `[${Array.from(v, (x) => (x === undefined ? 'null' : reference(x))).join(',')}]`;
      if (typeof v === 'object' && v !== null) {
        const o = v as Record<string, unknown>;
        const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
        return `{${keys.map((k) => `${JSON.stringify(k)}:${reference(o[k])}`).join(',')}}`;
      }
      return JSON.stringify(v);
    };
    // few key names, so the same shapes come back again and again, in different orders
    const key = fc.constantFrom('a', 'b', 'c', '10', '9', 'type', 'data', 'é', 'B');
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.integer(), fc.string(), fc.boolean(), fc.constant(null), tie('object'), tie('array')),
      object: fc.dictionary(key, tie('value'), { maxKeys: 6 }),
      array: fc.array(tie('value'), { maxLength: 4 }),
    }));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 8 }), (values) => {
        for (const v of values) expect(canonicalJson(v)).toBe(reference(v));
      }),
    );
  });

  it('does not depend on key order, for any object', () =>
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (o) => {
        const reversed = Object.fromEntries(Object.entries(o).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(o));
      }),
    ));
});
