import type { IsoInstant } from './codecs.js';

/** Where "now" comes from. Injected: the core never reads the system clock itself. */
export interface Clock {
  now(): IsoInstant;
}

/** The host's wall clock: the default a host gets from `createCrm` when it injects none. */
export const systemClock: Clock = (() => {
  // formatting an instant costs far more than reading the time: reuse it within one millisecond
  let lastMs = Number.NaN;
  let lastIso = '';
  return {
    now: () => {
      const ms = Date.now();
      if (ms !== lastMs) {
        lastMs = ms;
        lastIso = new Date(ms).toISOString();
      }
      return lastIso as IsoInstant;
    },
  };
})();

/** A clock that always says `at` (tests, replays). */
export const fixedClock = (at: string): Clock => ({ now: () => at as IsoInstant });

/** A clock that starts at `start` and moves `stepMs` forward on every reading (tests, demos). */
export const steppingClock = (start: string, stepMs = 1): Clock => {
  let t = Date.parse(start);
  return {
    now: () => {
      const s = new Date(t).toISOString() as IsoInstant;
      t += stepMs;
      return s;
    },
  };
};
