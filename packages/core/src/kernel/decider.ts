import type { Either } from 'fp-ts/lib/Either.js';
import type { DomainError } from './errors.js';

/**
 * A decider: the whole behaviour of one aggregate as three pure functions.
 * Time, ids and the acting user arrive on the command, never from inside.
 */
export interface Decider<S, C, E, Err = DomainError> {
  initialState(): S;
  decide(command: C, state: S): Either<Err, readonly E[]>;
  evolve(state: S, event: E): S;
}

/** Fold events into a state with a decider's `evolve`. */
export const fold = <S, E>(decider: Pick<Decider<S, never, E, unknown>, 'evolve'>, state: S, events: Iterable<E>): S => {
  let s = state;
  for (const e of events) s = decider.evolve(s, e);
  return s;
};
