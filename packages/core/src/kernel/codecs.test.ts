import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { Fen, idCodec, issuesOf, IsoInstant, make, pathOf, ShortText, tagged, TenantId, typesOf, validate } from './codecs.js';

const Sku = idCodec('Sku');
const Line = t.type({ sku: Sku, quantity: Fen });
const GiftLine = t.type({ sku: Sku, quantity: Fen, message: t.string });
const PlaceOrder = tagged('PlaceOrder', {
  orderId: idCodec('OrderId'),
  lines: t.array(t.union([Line, GiftLine])),
});
// an intersection around the data, as `t.intersection([t.type, t.partial])` commands have
const PlaceOrderWithNote = t.type({
  type: t.literal('PlaceOrder'),
  data: t.intersection([t.type({ lines: t.array(Line) }), t.partial({ note: ShortText })]),
});

const failures = <A>(codec: t.Decoder<unknown, A>, value: unknown): t.Errors => {
  const r = codec.decode(value);
  if (E.isRight(r)) throw new Error(`expected ${JSON.stringify(value)} to fail`);
  return r.left;
};

const order = (lines: unknown[]) => ({ type: 'PlaceOrder', data: { orderId: 'o-1', lines } });

describe('pathOf', () => {
  it('leaves union and intersection members out and gives array indexes as numbers', () => {
    const errors = failures(PlaceOrder, order([{ sku: 'a', quantity: 1 }, { sku: 'b', quantity: -1 }]));
    const paths = errors.map((e) => pathOf(e.context));
    expect(paths).toContainEqual(['data', 'lines', 1, 'quantity']);
    for (const p of paths) expect(p.slice(0, 3)).toEqual(['data', 'lines', 1]);
  });

  it('walks through an intersection', () => {
    const errors = failures(PlaceOrderWithNote, { type: 'PlaceOrder', data: { lines: [{ sku: 'a', quantity: 1.5 }], note: '' } });
    expect(errors.map((e) => pathOf(e.context))).toEqual([
      ['data', 'lines', 0, 'quantity'],
      ['data', 'note'],
    ]);
  });

  it('is empty for the root', () => expect(failures(PlaceOrder, 'no order').map((e) => pathOf(e.context))).toEqual([[]]));
});

describe('issuesOf and validate', () => {
  it('gives one issue per path, members of a union joined in one message', () => {
    const issues = issuesOf(failures(PlaceOrder, order([{ sku: 'a', quantity: 'x' }])));
    const atQuantity = issues.filter((i) => JSON.stringify(i.path) === JSON.stringify(['data', 'lines', 0, 'quantity']));
    expect(atQuantity).toHaveLength(1);
    // Line and GiftLine each reported it
    expect(atQuantity[0]!.message.split(' | ')).toHaveLength(2);
    expect(atQuantity[0]!.message).toContain('"x"');
    expect(issues.map((i) => i.path)).toContainEqual(['data', 'lines', 0, 'message']);
  });

  it('names the tag field when a tagged union knows no member of that type', () => {
    const Command = t.union([tagged('Earn', { points: Fen }), tagged('Redeem', { points: Fen })]);
    expect(issuesOf(failures(Command, { type: 'Fly', data: {} }))).toEqual([
      { path: ['type'], message: 'unknown type "Fly"; expected one of "Earn", "Redeem"' },
    ]);
    const Line = t.union([t.type({ kind: t.literal('goods'), sku: Sku }), t.type({ kind: t.literal('shipping'), fee: Fen })]);
    const Order = tagged('PlaceOrder', { lines: t.array(Line) });
    expect(issuesOf(failures(Order, { type: 'PlaceOrder', data: { lines: [{ kind: 'goods', sku: 's' }, { kind: 'gift' }] } })).map((i) => i.path)).toEqual([
      ['data', 'lines', 1, 'kind'],
    ]);
    // not a record at all: the union itself is what is wrong
    expect(issuesOf(failures(Command, 'Earn')).map((i) => i.path)).toEqual([[]]);
  });

  it('roots paths at a base and names the subject', () => {
    const r = validate(PlaceOrderWithNote, { type: 'PlaceOrder', data: { lines: 'none' } }, 'command', ['events', 2]);
    expect(E.isLeft(r) && r.left).toMatchObject({
      kind: 'ValidationError',
      code: 'RAPPORT_VALIDATION',
      issues: [{ path: ['events', 2, 'data', 'lines'] }],
    });
    expect(E.isLeft(r) && r.left.message).toMatch(/^invalid command: events\[2\]\.data\.lines: /);
  });

  it('returns the decoded value on success', () => {
    const value = order([{ sku: 'a', quantity: 2 }]);
    expect(validate(PlaceOrder, value)).toEqual(E.right(value));
  });

  it('make decodes or throws a TypeError naming the path', () => {
    expect(make(Fen)(100)).toBe(100);
    expect(() => make(PlaceOrder)(order([{ sku: 'a.b', quantity: 1 }]))).toThrow(TypeError);
    expect(() => make(PlaceOrder)(order([{ sku: 'a.b', quantity: 1 }]))).toThrow(/data\.lines\[0\]\.sku/);
  });
});

describe('IsoInstant', () => {
  const ok = (s: unknown) => IsoInstant.is(s) && E.isRight(IsoInstant.decode(s));
  it('accepts the toISOString form', () => {
    expect(ok('2026-03-01T08:00:00.000Z')).toBe(true);
    expect(ok('2024-02-29T23:59:59.999Z')).toBe(true);
  });
  it.each([
    ['no milliseconds', '2026-03-01T08:00:00Z'],
    ['an offset', '2026-03-01T08:00:00.000+08:00'],
    ['a date only', '2026-03-01'],
    ['microseconds', '2026-03-01T08:00:00.000000Z'],
    ['lower-case z', '2026-03-01T08:00:00.000z'],
    ['padding', ' 2026-03-01T08:00:00.000Z'],
    ['February 30th', '2026-02-30T00:00:00.000Z'],
    ['February 29th in a common year', '2026-02-29T00:00:00.000Z'],
    ['month 13', '2026-13-01T00:00:00.000Z'],
    ['hour 24', '2026-03-01T24:00:00.000Z'],
    ['a number', 1772352000000],
  ])('refuses %s', (_why, s) => expect(ok(s)).toBe(false));

  it('accepts every real instant in toISOString form', () =>
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }), (d) =>
        ok(d.toISOString()),
      ),
    ));

  // what the character-by-character reading must agree with: a string is an instant when
  // Date reads it and writes it back the same
  const byDate = (s: string): boolean => {
    const ms = Date.parse(s);
    return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(s) && !Number.isNaN(ms) && new Date(ms).toISOString() === s;
  };
  const two = fc.integer({ min: 0, max: 99 });
  it('agrees with a round trip through Date on any near-instant (each field anywhere in 00-99, any character swapped in)', () =>
    fc.assert(
      fc.property(
        fc.tuple(fc.integer({ min: 0, max: 9999 }), two, two, two, two, two, fc.integer({ min: 0, max: 999 })),
        fc.option(fc.tuple(fc.nat(23), fc.constantFrom('0', '9', 'x', '-', ':', 'T', 'Z', '.', ' ', '٣')), { nil: undefined }),
        ([y, mo, d, h, mi, sec, ms], swap) => {
          const p2 = (n: number) => String(n).padStart(2, '0');
          let s = `${String(y).padStart(4, '0')}-${p2(mo)}-${p2(d)}T${p2(h)}:${p2(mi)}:${p2(sec)}.${String(ms).padStart(3, '0')}Z`;
          if (swap) s = s.slice(0, swap[0]) + swap[1] + s.slice(swap[0] + 1);
          expect(ok(s)).toBe(byDate(s));
        },
      ),
      { numRuns: 5000 },
    ));
  it.each(['2000-02-29T00:00:00.000Z', '2400-02-29T12:00:00.000Z', '0000-02-29T00:00:00.000Z'])('accepts the leap day of a year divisible by 400: %s', (s) => expect(ok(s)).toBe(true));
  it.each(['1900-02-29T00:00:00.000Z', '2100-02-29T00:00:00.000Z', '2026-04-31T00:00:00.000Z', '2026-00-10T00:00:00.000Z', '2026-01-00T00:00:00.000Z', '2026-01-01T23:60:00.000Z', '2026-01-01T23:00:60.000Z'])(
    'refuses a date or time that does not exist: %s',
    (s) => expect(ok(s)).toBe(false),
  );
});

describe('Fen', () => {
  it.each([0, 1, 9999, Number.MAX_SAFE_INTEGER])('accepts %s', (n) => expect(E.isRight(Fen.decode(n))).toBe(true));
  it.each([
    ['a negative', -1],
    ['a fraction', 1.5],
    ['an unsafe integer', Number.MAX_SAFE_INTEGER + 1],
    ['2^53', 2 ** 53],
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['a numeric string', '100'],
    ['a bigint', 100n],
  ])('refuses %s', (_why, n) => expect(E.isLeft(Fen.decode(n))).toBe(true));
  it('accepts exactly the non-negative safe integers', () =>
    fc.assert(fc.property(fc.double(), (n) => E.isRight(Fen.decode(n)) === (Number.isSafeInteger(n) && n >= 0))));
});

describe('idCodec', () => {
  const CustomerId = idCodec('CustomerId');
  it.each(['c-ann', 'C_1', 'a', 'x'.repeat(64), '0-0_0'])('accepts %s', (s) => expect(E.isRight(CustomerId.decode(s))).toBe(true));
  it.each([
    ['a dot', 'c.ann'],
    ['empty', ''],
    ['65 characters', 'x'.repeat(65)],
    ['a space', 'c ann'],
    ['a slash', 'c/ann'],
    ['non-ASCII', '客户'],
    ['a number', 42],
    ['null', null],
  ])('refuses %s', (_why, s) => expect(E.isLeft(CustomerId.decode(s))).toBe(true));
  it('names the id in its message', () => {
    const r = validate(t.type({ customerId: CustomerId }), { customerId: 'c.ann' });
    expect(E.isLeft(r) && r.left.issues).toEqual([{ path: ['customerId'], message: 'expected CustomerId: 1-64 characters of A-Z a-z 0-9 _ -' }]);
  });
  it('is and decode agree', () =>
    fc.assert(fc.property(fc.string({ maxLength: 70 }), (s) => CustomerId.is(s) === E.isRight(CustomerId.decode(s)))));
  it('TenantId is an id codec', () => {
    expect(E.isRight(TenantId.decode('shop_a'))).toBe(true);
    expect(E.isLeft(TenantId.decode('shop.a'))).toBe(true);
  });
});

describe('ShortText', () => {
  it('is 1 to 200 characters', () => {
    expect(E.isRight(ShortText.decode('x'))).toBe(true);
    expect(E.isRight(ShortText.decode('x'.repeat(200)))).toBe(true);
    expect(E.isLeft(ShortText.decode(''))).toBe(true);
    expect(E.isLeft(ShortText.decode('x'.repeat(201)))).toBe(true);
  });
});

describe('tagged and typesOf', () => {
  it('tagged is { type, data } named after its type', () => {
    expect(PlaceOrder.name).toBe('PlaceOrder');
    expect(E.isLeft(PlaceOrder.decode({ type: 'CancelOrder', data: { orderId: 'o-1', lines: [] } }))).toBe(true);
  });
  it('names the types of a union, a nested union and a single codec', () => {
    const A = tagged('A', {});
    const B = tagged('B', {});
    const C = tagged('C', {});
    expect(typesOf(A)).toEqual(['A']);
    expect(typesOf(t.union([A, B]))).toEqual(['A', 'B']);
    expect(typesOf(t.union([t.union([A, B]), C]))).toEqual(['A', 'B', 'C']);
  });
  it('is undefined for a codec that does not name its type', () => {
    expect(typesOf(t.string)).toBeUndefined();
    expect(typesOf(t.type({ type: t.string }))).toBeUndefined();
    expect(typesOf(t.union([tagged('A', {}), t.type({ data: t.string })]))).toBeUndefined();
  });
});
