import type { LoyaltyCommand } from './loyalty.js';

/**
 * The command sequences of WORKLOAD.md. A step names an account and the 0-based index
 * of the command to it; each implementation turns steps into its own command objects
 * before timing starts.
 */
export interface Step {
  readonly account: number;
  readonly k: number;
}

export type ScenarioId = 'S1' | 'S2' | 'S2i' | 'S3';

export const SCENARIOS: readonly ScenarioId[] = ['S1', 'S2', 'S2i', 'S3'];

export const accountIdOf = (n: number): string => `acc-${n}`;

/** Even k earns 10 points for order `ord-<accountId>-<k>`, odd k redeems 5: no command fails. */
export const commandOf = (step: Step): LoyaltyCommand => {
  const accountId = accountIdOf(step.account);
  return step.k % 2 === 0
    ? { type: 'EarnPoints', data: { accountId, points: 10, orderId: `ord-${accountId}-${step.k}` } }
    : { type: 'RedeemPoints', data: { accountId, points: 5 } };
};

export interface Shape {
  readonly accounts: number;
  readonly perAccount: number;
  readonly interleaved: boolean;
}

/** S1: one stream of 100,000 commands; S2/S3: 10,000 streams of 10, stream after stream; S2i: interleaved. */
export const shapeOf = (scenario: ScenarioId): Shape =>
  scenario === 'S1'
    ? { accounts: 1, perAccount: 100_000, interleaved: false }
    : { accounts: 10_000, perAccount: 10, interleaved: scenario === 'S2i' };

export const stepsOf = (shape: Shape): Step[] => {
  const steps: Step[] = [];
  if (shape.interleaved) {
    for (let k = 0; k < shape.perAccount; k++) for (let a = 0; a < shape.accounts; a++) steps.push({ account: a, k });
  } else {
    for (let a = 0; a < shape.accounts; a++) for (let k = 0; k < shape.perAccount; k++) steps.push({ account: a, k });
  }
  return steps;
};

/** Balance and command count each account must show after the first `done` steps. */
export const expectedAfter = (steps: readonly Step[], done: number, accounts: number): { balance: number[]; count: number[] } => {
  const balance = new Array<number>(accounts).fill(0);
  const count = new Array<number>(accounts).fill(0);
  for (let i = 0; i < done; i++) {
    const s = steps[i]!;
    balance[s.account]! += s.k % 2 === 0 ? 10 : -5;
    count[s.account]! += 1;
  }
  return { balance, count };
};
