import { explainPoints } from '../../loyalty/explain.js';
import { loyaltyAccount, type LoyaltyAccountView } from '../../loyalty/projections/account.js';
import type { ExplainedStep, Explainer } from './explainer.js';

/**
 * Points balance (积分): every earning, reversal, redemption and expiry of `loyalty.account`,
 * with its signed effect on the balance and the arithmetic (`loyalty/explain.ts`).
 */
export const pointsExplainer: Explainer<LoyaltyAccountView> = {
  what: 'points',
  projection: () => loyaltyAccount.name,
  explain(steps, doc) {
    const lines: ExplainedStep<LoyaltyAccountView>[] = [];
    for (const step of steps) {
      if (step.after.entries.length === step.before.entries.length) continue;
      const line = explainPoints(step.after).lines.at(-1)!;
      lines.push({ step, contribution: line.change, text: line.text });
    }
    return { value: doc.balance, lines };
  },
};
