import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { validationError, type FieldPath, type ValidationError, type ValidationIssue } from './errors.js';

/**
 * Shared io-ts codecs and helpers: branded ids, money in fen, ISO instants, and the
 * `tagged` constructor for `{ type, data }` events and commands.
 */

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export interface IdBrand<B extends string> {
  readonly __idBrand: B;
}

/** A branded id codec: 1–64 of `[A-Za-z0-9_-]` (no `.`, so stream names split cleanly). */
export const idCodec = <B extends string>(name: B) =>
  new t.Type<string & IdBrand<B>, string, unknown>(
    name,
    (u): u is string & IdBrand<B> => typeof u === 'string' && ID_PATTERN.test(u),
    (u, c) =>
      typeof u === 'string' && ID_PATTERN.test(u)
        ? t.success(u as string & IdBrand<B>)
        : t.failure(u, c, `expected ${name}: 1-64 characters of A-Z a-z 0-9 _ -`),
    // io-ts's own identity: lets t.type see the whole codec encodes as the identity
    t.identity,
  );

/** Whether `u` is an id as {@link idCodec} accepts it. */
export const isId = (u: unknown): boolean => typeof u === 'string' && ID_PATTERN.test(u);

export const TenantId = idCodec('TenantId');
export type TenantId = t.TypeOf<typeof TenantId>;

export interface FenBrand {
  readonly Fen: unique symbol;
}
/** Money as a non-negative safe integer number of fen (1 CNY = 100 fen). */
export const Fen = t.brand(
  t.number,
  (n): n is t.Branded<number, FenBrand> => Number.isSafeInteger(n) && n >= 0,
  'Fen',
);
export type Fen = t.TypeOf<typeof Fen>;

export interface IsoInstantBrand {
  readonly IsoInstant: unique symbol;
}

const DIGIT_AT = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22];
const isDigitAt = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
};
const twoDigits = (s: string, i: number): number => (s.charCodeAt(i) - 48) * 10 + s.charCodeAt(i + 1) - 48;
const daysIn = (year: number, month: number): number =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;

/**
 * Whether `s` is a UTC instant exactly as `Date.prototype.toISOString()` writes it
 * (`YYYY-MM-DDTHH:mm:ss.sssZ`, a date that exists). Read character by character: every
 * event's metadata holds instants, and parsing each into a Date was a hot spot of replays.
 */
export const isIsoInstant = (s: string): boolean => {
  if (s.length !== 24 || s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':' || s[19] !== '.' || s[23] !== 'Z') return false;
  for (const i of DIGIT_AT) if (!isDigitAt(s, i)) return false;
  const year = twoDigits(s, 0) * 100 + twoDigits(s, 2);
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month) && twoDigits(s, 11) <= 23 && twoDigits(s, 14) <= 59 && twoDigits(s, 17) <= 59;
};

/** A UTC instant in `Date.prototype.toISOString()` form, so string `<` is time `<`. */
export const IsoInstant = t.brand(t.string, (s): s is t.Branded<string, IsoInstantBrand> => isIsoInstant(s), 'IsoInstant');
export type IsoInstant = t.TypeOf<typeof IsoInstant>;

export interface ShortTextBrand {
  readonly ShortText: unique symbol;
}
/** Whether `u` is a {@link ShortText}. */
export const isShortText = (u: unknown): boolean => typeof u === 'string' && u.length > 0 && u.length <= 200;

/** A non-empty string of at most 200 characters, for actor ids, correlation ids and the like. */
export const ShortText = t.brand(
  t.string,
  (s): s is t.Branded<string, ShortTextBrand> => s.length > 0 && s.length <= 200,
  'ShortText',
);
export type ShortText = t.TypeOf<typeof ShortText>;

/** `{ type: literal, data: { ...props } }`: the shape of every event and command. */
export const tagged = <T extends string, P extends t.Props>(type: T, props: P) =>
  t.type({ type: t.literal(type), data: t.type(props) }, type);

/**
 * The field path of an io-ts context entry. Union and intersection members are not
 * fields, so their indexes are left out: `['data', 'lines', 1, 'quantity']`.
 */
export const pathOf = (ctx: t.Context): (string | number)[] =>
  ctx.slice(1).flatMap(({ key }, i) => {
    const up = ctx[i]!; // the entry holding this one
    const tag = (up.type as { _tag?: string })._tag;
    if (tag === 'UnionType' || tag === 'IntersectionType') return [];
    return [Array.isArray(up.actual) ? Number(key) : key];
  });

const describe = (v: unknown): string => {
  if (v === undefined) return 'undefined';
  try {
    const s = JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x));
    return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
  } catch {
    return String(v);
  }
};

/**
 * A tagged union (io-ts builds one from a union of `tagged` codecs) fails a record whose tag
 * matches no member at the union itself: name the tag field instead, e.g. `['type']`.
 */
const unknownTag = (type: t.Decoder<unknown, unknown>, value: unknown): { tag: string; message: string } | undefined => {
  const u = type as unknown as { tag?: unknown; types?: { props?: Record<string, { value?: unknown }> }[] };
  if (typeof u.tag !== 'string' || typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const tag = u.tag;
  const known = (u.types ?? []).map((m) => m.props?.[tag]?.value).filter((v) => v !== undefined);
  return { tag, message: `unknown ${tag} ${describe((value as Record<string, unknown>)[tag])}; expected one of ${known.map((v) => describe(v)).join(', ')}` };
};

/** io-ts errors as issues with field paths rooted at `base`; one issue per path. */
export const issuesOf = (errors: t.Errors, base: FieldPath = []): ValidationIssue[] => {
  const byPath = new Map<string, ValidationIssue>();
  for (const e of errors) {
    const last = e.context[e.context.length - 1];
    const badTag = e.message === undefined && last ? unknownTag(last.type, e.value) : undefined;
    const path = [...base, ...pathOf(e.context), ...(badTag ? [badTag.tag] : [])];
    const key = JSON.stringify(path);
    const message =
      e.message ?? badTag?.message ?? `expected ${last?.type.name ?? 'a valid value'}, got ${describe(e.value)}`;
    const seen = byPath.get(key);
    // a union reports one failure per member at the same path: keep them in one issue
    byPath.set(key, seen ? { path, message: `${seen.message} | ${message}` } : { path, message });
  }
  return [...byPath.values()];
};

/** Decode `value` with `codec`; a failure is a {@link ValidationError} naming each field path. */
export const validate = <A>(
  codec: t.Decoder<unknown, A>,
  value: unknown,
  subject = 'input',
  base: FieldPath = [],
): E.Either<ValidationError, A> => {
  const r = codec.decode(value);
  return E.isRight(r) ? r : E.left(validationError(issuesOf(r.left, base), subject));
};

/** Decode or throw: for tests and fixtures, where bad input is a bug in the test. */
export const make =
  <A>(codec: t.Decoder<unknown, A>) =>
  (value: unknown): A => {
    const r = validate(codec, value, codec.name);
    if (E.isLeft(r)) throw new TypeError(r.left.message);
    return r.right;
  };

/** The literal `type` names of a union of {@link tagged} codecs (or of a single one). */
export const typesOf = (codec: t.Mixed): string[] | undefined => {
  const c = codec as unknown as { _tag?: string; types?: t.Mixed[]; props?: Record<string, t.Mixed> };
  if (c._tag === 'UnionType' && c.types) {
    const all = c.types.map(typesOf);
    return all.every((x): x is string[] => x !== undefined) ? all.flat() : undefined;
  }
  const lit = c.props?.type as unknown as { _tag?: string; value?: unknown } | undefined;
  if (lit?._tag === 'LiteralType' && typeof lit.value === 'string') return [lit.value];
  return undefined;
};
