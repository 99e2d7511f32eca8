import { loyaltyAccount, type LoyaltyAccountView } from '../../loyalty/projections/account.js';
import type { ExplainedStep, Explainer } from './explainer.js';

type Step = ExplainedStep<LoyaltyAccountView>['step'];

const lineOf = (step: Step): Omit<ExplainedStep<LoyaltyAccountView>, 'step'> | undefined => {
  const { before, after, event } = step;
  if (after.tierHistory.length > before.tierHistory.length) {
    const c = after.tierHistory.at(-1)!;
    return { contribution: `${c.from} → ${c.to}`, text: `tier ${c.from} → ${c.to} (${c.reason}): ${c.detail}` };
  }
  if (after.score !== before.score && after.score) {
    const { month, score, components: k, clean } = after.score;
    return {
      contribution: score,
      text: `member score ${month} = spend ${k.spend} + orders ${k.orderBonus} + rewards ${k.rewards} + family ${k.family} + base ${k.base} (${clean ? 'clean record' : 'not clean'}) = ${score}`,
    };
  }
  if (after.membership !== before.membership && after.membership)
    return after.membership.active
      ? { contribution: 'membership', text: `paid membership ${after.membership.paidFrom} – ${after.membership.paidUntil}` }
      : { contribution: 'membership ended', text: `paid membership ended (${event.type})` };
  if (after.keyAccount !== before.keyAccount)
    return after.keyAccount ? { contribution: 'key account', text: 'invited as key account' } : { contribution: 'key account lapsed', text: 'key account lapsed' };
  return undefined;
};

/**
 * Tier: the monthly scores it was decided on, the memberships and key-account invitations,
 * and every tier change with its reason, from `loyalty.account`.
 */
export const tierExplainer: Explainer<LoyaltyAccountView> = {
  what: 'tier',
  projection: () => loyaltyAccount.name,
  explain(steps, doc) {
    const lines: ExplainedStep<LoyaltyAccountView>[] = [];
    for (const step of steps) {
      const line = lineOf(step);
      if (line) lines.push({ step, ...line });
    }
    return { value: doc.tier, lines };
  },
};
