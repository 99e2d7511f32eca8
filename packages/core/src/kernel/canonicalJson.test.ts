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

  it('does not depend on key order, for any object', () =>
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (o) => {
        const reversed = Object.fromEntries(Object.entries(o).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(o));
      }),
    ));
});
