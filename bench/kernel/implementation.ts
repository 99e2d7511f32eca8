import type { RunTiming } from './meter.js';
import type { Shape, Step } from './workload.js';

export type ImplementationName = 'baseline' | 'rapport' | 'emmett';

/** One run of a command scenario on a fresh store. */
export interface CommandSession {
  /** Issue the prepared commands (timed), stopping after `capMs`. */
  run(capMs: number): Promise<RunTiming>;
  /** Untimed: every account's balance and stream version after the first `done` commands. */
  check(done: number): Promise<void>;
}

/** One S3 run: a store holding the S2 events (built untimed) and a timed rebuild of the balances. */
export interface RebuildSession {
  readonly events: number;
  run(): Promise<RunTiming>;
  /** Untimed: the rebuilt Map holds every account's balance. */
  check(): Promise<void>;
}

export interface Implementation {
  readonly name: ImplementationName;
  /** Build the command objects once (untimed); every session runs them on a fresh store. */
  prepare(steps: readonly Step[], shape: Shape): { session(): CommandSession };
  /** A fresh store filled with the S2 commands (untimed), ready for a timed rebuild. */
  rebuildSession(steps: readonly Step[], shape: Shape): Promise<RebuildSession>;
  /** Untimed, once: a redeem on an empty account is refused and writes nothing. */
  checkRefusal(): Promise<void>;
}

/** A function declaration, not an arrow: TypeScript narrows after calls to it only then. */
export function fail(message: string): never {
  throw new Error(`benchmark check failed: ${message}`);
}

export const expectEqual = <T>(actual: T, expected: T, what: string): void => {
  if (actual !== expected) fail(`${what}: expected ${String(expected)}, got ${String(actual)}`);
};
