import * as E from 'fp-ts/lib/Either.js';

/**
 * Normal forms of contacts, so that one phone or email written two ways is recognised as
 * the same (and gets the same blind index). Pure; a `Left` carries what is wrong.
 */

/** Separators people type inside phone numbers. */
const SEPARATORS = /[\s\-.()\u00a0]/g;
/** A mainland China mobile number: 11 digits starting 13–19. */
const CN_MOBILE = /^1[3-9]\d{9}$/;
/** E.164 without its `+`: a country code not starting with 0, at most 15 digits in all. */
const E164_DIGITS = /^[1-9]\d{7,14}$/;

/**
 * A phone number in normal form: a mainland mobile as its 11 digits (a `+86` or `0086`
 * prefix and separators are dropped: `+86 138-0013-8000` → `13800138000`); any other
 * number as E.164 (`0049 30 1234567` → `+49301234567`). Idempotent.
 */
export const normalisePhone = (raw: string): E.Either<string, string> => {
  const compact = raw.trim().replace(/^\uff0b/, '+').replace(SEPARATORS, '');
  if (compact.length === 0) return E.left('expected a phone number, got an empty string');
  if (!/^\+?\d+$/.test(compact)) return E.left('a phone number holds digits, spaces, - . ( ) and a leading + only');
  const international = compact.startsWith('+') ? compact.slice(1) : compact.startsWith('00') ? compact.slice(2) : undefined;
  if (international === undefined)
    return CN_MOBILE.test(compact)
      ? E.right(compact)
      : E.left('expected an 11-digit mainland mobile (1[3-9]…) or an international number starting with + or 00');
  if (international.startsWith('86') && CN_MOBILE.test(international.slice(2))) return E.right(international.slice(2));
  return E164_DIGITS.test(international)
    ? E.right(`+${international}`)
    : E.left('expected an international number of 8-15 digits after the + (E.164)');
};

const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

/** An email in normal form: trimmed and lower-cased. At most 254 characters. Idempotent. */
export const normaliseEmail = (raw: string): E.Either<string, string> => {
  const email = raw.trim().toLowerCase();
  if (email.length === 0) return E.left('expected an email address, got an empty string');
  if (email.length > 254) return E.left('an email address has at most 254 characters');
  return EMAIL.test(email) ? E.right(email) : E.left(`expected an email address like name@example.com`);
};
