import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { frozenCopy } from './frozenCopy.js';

const isDeepFrozen = (v: unknown): boolean =>
  typeof v !== 'object' || v === null || (Object.isFrozen(v) && Object.values(v).every(isDeepFrozen));

describe('frozenCopy', () => {
  it('equals deepFreeze(structuredClone(x)) for any JSON value: equal, deeply frozen, sharing nothing with the input', () =>
    fc.assert(
      fc.property(fc.jsonValue(), (x) => {
        const copy = frozenCopy(x);
        expect(copy).toEqual(structuredClone(x));
        expect(isDeepFrozen(copy)).toBe(true);
        if (typeof x === 'object' && x !== null) expect(copy).not.toBe(x);
      }),
    ));

  it('with reuse, shares a subtree an earlier reuse copy produced instead of copying it again; new parts are copied', () => {
    const stored = frozenCopy({ raters: { a: { score: 1, lines: [1, 2] }, b: { score: 2, lines: [3] } } }, { reuse: true }) as { raters: Record<string, unknown> };
    const next = { raters: { ...stored.raters, c: { score: 3, lines: [4] } }, total: 6 };
    const copy = frozenCopy(next, { reuse: true }) as { raters: Record<string, unknown> };
    expect((frozenCopy(next) as typeof copy).raters['a']).not.toBe(stored.raters['a']); // without reuse: a full copy
    expect(copy).toEqual({ raters: { a: { score: 1, lines: [1, 2] }, b: { score: 2, lines: [3] }, c: { score: 3, lines: [4] } }, total: 6 });
    expect(copy.raters['a']).toBe(stored.raters['a']); // shared: frozen, nobody can change it
    expect(copy.raters['c']).not.toBe(next.raters.c); // the caller's new object was copied
    expect(isDeepFrozen(copy)).toBe(true);
    next.raters.c.lines.push(99); // the caller changes its own object afterwards...
    expect(copy.raters['c']).toEqual({ score: 3, lines: [4] }); // ...and nothing stored moves
  });

  it('a frozen object it did not produce is still copied (it may hold unfrozen parts)', () => {
    const inner = { lines: [1] };
    const outer = Object.freeze({ inner });
    const copy = frozenCopy({ outer }, { reuse: true }) as { outer: { inner: { lines: number[] } } };
    expect(copy.outer).not.toBe(outer);
    inner.lines.push(2);
    expect(copy.outer.inner.lines).toEqual([1]);
  });
});
