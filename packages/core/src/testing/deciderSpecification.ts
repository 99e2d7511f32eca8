import { expect } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { fold, type Decider } from '../kernel/decider.js';
import { formatPath, type FieldPath } from '../kernel/errors.js';

/**
 * Given/when/then for deciders, after Emmett's `DeciderSpecification`:
 *
 * ```ts
 * const given = specFor(couponDecider);
 * it('names the field below the minimum', () =>
 *   given([issued]).when(redeem(4999)).thenRejects('COUPON_MIN_SPEND', ['data', 'total']));
 * ```
 *
 * The given events are folded with `evolve` from `initialState()`; the command is decided
 * once. Each outcome is checked with vitest's `expect`, so a mismatch fails the test with
 * a message naming the command, what was expected and what the decider did.
 */

/** What a refusal must carry for {@link DeciderThen.thenRejects}: a code and (usually) a field path. */
export interface Refusal {
  readonly code: string;
  readonly message?: string;
  readonly path?: FieldPath;
}

export interface DeciderThen<E, Err extends Refusal> {
  /** The decider accepts and decides exactly these events (deep equality, in order). */
  then(expected: readonly E[]): void;
  /** The decider refuses with this code and, when given, at this field path (rooted at the command). */
  thenRejects(code: Err['code'], path?: FieldPath): void;
  /** The decider accepts and decides no events: the command changes nothing. */
  thenNothing(): void;
}

export interface DeciderWhen<C, E, Err extends Refusal> {
  when(command: C): DeciderThen<E, Err>;
}

export type DeciderSpecification<C, E, Err extends Refusal> = (given: readonly E[]) => DeciderWhen<C, E, Err>;

const show = (v: unknown): string => {
  try {
    return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x)) ?? String(v);
  } catch {
    return String(v);
  }
};

const typeOf = (command: unknown): string => {
  const type = (command as { type?: unknown } | null | undefined)?.type;
  return typeof type === 'string' ? type : show(command);
};

const describeRefusal = (err: Refusal): string =>
  `${err.code}${err.path ? ` at ${formatPath(err.path)}` : ''}${err.message ? `: ${err.message}` : ''}`;

/** A given/when/then specification for `decider` (see the module comment). */
export const specFor =
  <S, C, E, Err extends Refusal>(decider: Decider<S, C, E, Err>): DeciderSpecification<C, E, Err> =>
  (given) => ({
    when(command) {
      const context = `${typeOf(command)} after ${given.length} given event(s)`;
      const decide = (): E.Either<Err, readonly E[]> => decider.decide(command, fold(decider, decider.initialState(), given));
      const accepted = (expectation: string): readonly E[] => {
        const r = decide();
        if (E.isLeft(r)) expect.fail(`${context}: expected ${expectation}, but the decider refused with ${describeRefusal(r.left)}`);
        return r.right;
      };
      return {
        then(expected) {
          const events = accepted(`events ${show(expected)}`);
          expect(events, `${context}: decided events`).toEqual(expected);
        },
        thenRejects(code, path) {
          const r = decide();
          if (E.isRight(r))
            expect.fail(`${context}: expected a refusal ${code}${path ? ` at ${formatPath(path)}` : ''}, but the decider accepted with events ${show(r.right)}`);
          expect(r.left.code, `${context}: refusal code (${describeRefusal(r.left)})`).toBe(code);
          if (path !== undefined) expect(r.left.path, `${context}: path of refusal ${describeRefusal(r.left)}`).toEqual(path);
        },
        thenNothing() {
          const events = accepted('no events');
          expect(events, `${context}: expected no events`).toEqual([]);
        },
      };
    },
  });
