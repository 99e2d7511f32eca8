import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { normaliseEmail, normalisePhone } from './normalise.js';

const ok = (r: E.Either<string, string>): string => {
  if (E.isLeft(r)) throw new Error(r.left);
  return r.right;
};

/** An 11-digit mainland mobile. */
const mobile = fc
  .tuple(fc.integer({ min: 3, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }))
  .map(([second, rest]) => `1${second}${rest.join('')}`);

const separator = fc.constantFrom('', ' ', '-', '.', '  ');
/** The same mobile as people write it: grouped 3-4-4 with separators, maybe with +86 / 0086 / (+86). */
const writtenMobile = (m: string) =>
  fc.tuple(fc.constantFrom('', '+86', '+86 ', '0086', '0086-', '(+86) ', '＋86'), separator, separator, fc.boolean()).map(
    ([prefix, s1, s2, padded]) => `${padded ? '  ' : ''}${prefix}${m.slice(0, 3)}${s1}${m.slice(3, 7)}${s2}${m.slice(7)}${padded ? ' ' : ''}`,
  );

describe('normalisePhone', () => {
  it('reduces mainland mobiles to their 11 digits', () => {
    expect(ok(normalisePhone('+86 138-0013-8000'))).toBe('13800138000');
    expect(ok(normalisePhone('0086 13800138000'))).toBe('13800138000');
    expect(ok(normalisePhone('(+86) 138.0013.8000'))).toBe('13800138000');
    expect(ok(normalisePhone('138 0013 8000'))).toBe('13800138000');
  });

  it('writes other numbers as E.164', () => {
    expect(ok(normalisePhone('0049 30 1234567'))).toBe('+49301234567');
    expect(ok(normalisePhone('+1 (415) 555-0100'))).toBe('+14155550100');
    // a Beijing landline is not a mobile: it keeps its country code
    expect(ok(normalisePhone('+86 10 6552 9988'))).toBe('+861065529988');
  });

  it('refuses what is not a phone number, saying why', () => {
    expect(normalisePhone('')).toEqual(E.left('expected a phone number, got an empty string'));
    expect(E.isLeft(normalisePhone('138-0013-800x'))).toBe(true);
    expect(E.isLeft(normalisePhone('12800138000'))).toBe(true); // 12… is no mobile prefix
    expect(E.isLeft(normalisePhone('1380013800'))).toBe(true); // 10 digits
    expect(E.isLeft(normalisePhone('+0 1234567'))).toBe(true);
    expect(E.isLeft(normalisePhone('1+3800138000'))).toBe(true);
  });

  it('is format-insensitive: every way of writing a mobile gives the same normal form', () =>
    fc.assert(
      fc.property(mobile.chain((m) => fc.tuple(fc.constant(m), writtenMobile(m), writtenMobile(m))), ([m, a, b]) => {
        expect(ok(normalisePhone(a))).toBe(m);
        expect(ok(normalisePhone(b))).toBe(ok(normalisePhone(a)));
      }),
    ));

  it('is idempotent on anything it accepts', () =>
    fc.assert(
      fc.property(fc.oneof(mobile.chain(writtenMobile), fc.stringMatching(/^(\+|00)?[0-9 ()-]{0,18}$/), fc.string()), (raw) => {
        const once = normalisePhone(raw);
        if (E.isRight(once)) expect(normalisePhone(once.right)).toEqual(once);
      }),
    ));
});

describe('normaliseEmail', () => {
  it('trims and lower-cases', () => expect(ok(normaliseEmail('  Li.Na@Example.COM '))).toBe('li.na@example.com'));

  it('refuses what is not an email address', () => {
    for (const bad of ['', 'li.na', 'li na@example.com', 'li@na', '@example.com', `${'a'.repeat(250)}@x.cn`])
      expect(E.isLeft(normaliseEmail(bad)), bad).toBe(true);
  });

  it('is idempotent and case-insensitive', () =>
    fc.assert(
      fc.property(fc.emailAddress(), fc.constantFrom('', ' ', '\t'), (email, pad) => {
        const once = normaliseEmail(`${pad}${email.toUpperCase()}${pad}`);
        if (E.isRight(once)) {
          expect(once.right).toBe(ok(normaliseEmail(email)));
          expect(normaliseEmail(once.right)).toEqual(once);
        }
      }),
    ));
});
