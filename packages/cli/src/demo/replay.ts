import * as E from 'fp-ts/lib/Either.js';
import type { Clock, Crm, IsoInstant } from '@rapport/core';
import { TENANT } from './catalogue.js';
import type { Step } from './history.js';

/** A clock the replay moves forward: recordedAt follows the history, as if it happened live. */
export class SimulatedClock implements Clock {
  constructor(private at: string) {}
  set(at: string): void {
    this.at = at;
  }
  now(): IsoInstant {
    return this.at as IsoInstant;
  }
}

export interface ReplayResult {
  readonly commands: number;
  readonly dueIssued: number;
  /** Refusals by code, with the first example of each (a healthy history has none). */
  readonly refusals: ReadonlyMap<string, { count: number; example: string }>;
}

const DAY = 86_400_000;

/**
 * Send every step in time order; at each local midnight run the due work (automatic
 * completions, SLA breaches), as a host's scheduler would, then `afterDay` (e.g. to hand
 * the day's events on).
 */
export const replay = async (
  crm: Crm,
  steps: readonly Step[],
  start: string,
  days: number,
  clock: SimulatedClock,
  afterDay?: () => Promise<void>,
): Promise<ReplayResult> => {
  const refusals = new Map<string, { count: number; example: string }>();
  let next = 0;
  let dueIssued = 0;
  for (let d = 1; d <= days; d++) {
    const midnight = new Date(Date.parse(start) + d * DAY).toISOString();
    for (; next < steps.length && steps[next]!.at < midnight; next++) {
      const step = steps[next]!;
      clock.set(step.at);
      const r = await step.send(crm);
      if (E.isLeft(r)) {
        const seen = refusals.get(r.left.code);
        refusals.set(r.left.code, { count: (seen?.count ?? 0) + 1, example: seen?.example ?? `${step.what}: ${r.left.message}` });
      }
    }
    clock.set(midnight);
    const due = await crm.runDue(midnight, TENANT);
    if (E.isRight(due)) dueIssued += due.right.issued;
    await afterDay?.();
  }
  return { commands: next, dueIssued, refusals };
};
