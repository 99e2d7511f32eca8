import type * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { validate } from './codecs.js';
import type { ValidationError } from './errors.js';

/** Drop the keys a caller left undefined, so they keep their defaults. */
export const definedOnly = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/**
 * A context's policy as a shop overrides it: `input` (any subset of the settings, usually
 * `t.partial(Policy.props)`) validated, then merged onto `defaults`; a bad value is a
 * ValidationError naming its field (`label` says whose policy it is).
 */
export const policyWithOverrides =
  <P, I extends t.Mixed>(input: I, defaults: P, label: string) =>
  (overrides: unknown = {}): E.Either<ValidationError, P> =>
    E.map((o: t.TypeOf<I>): P => ({ ...defaults, ...definedOnly(o as object) }))(validate(input, overrides ?? {}, label));
