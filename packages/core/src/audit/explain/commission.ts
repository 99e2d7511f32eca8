import { commissionLedger, type CommissionLedger } from '../../referrals/projections/commissionLedger.js';
import type { ExplainedStep, Explainer } from './explainer.js';

/** A rate in basis points as a percentage for people (display only). */
const percent = (bp: number): string => `${bp / 100}%`;
const baseOf = (level: number, base: number): string => (level === 1 ? `net ${base}` : `L1 ${base}`);

/**
 * Commission (三级分销) of one beneficiary: every commission earned (+fen, with its base
 * and rate), every clawback on a refund (−fen), and the payout statements (0: they pay
 * out what was earned). The value is the commission held: earned − clawed back.
 */
export const commissionExplainer: Explainer<CommissionLedger> = {
  what: 'commission',
  projection: () => commissionLedger.name,
  explain(steps, doc) {
    const lines: ExplainedStep<CommissionLedger>[] = [];
    for (const step of steps) {
      const { before, after } = step;
      if (after.commissions.length > before.commissions.length) {
        const c = after.commissions.at(-1)!;
        lines.push({ step, contribution: c.amount, text: `L${c.level} on order ${c.orderId} (buyer ${c.buyerId}) = ⌊${baseOf(c.level, c.base)} × ${percent(c.rate)}⌋ = ${c.amount} fen` });
      } else if (after.clawbacks.length > before.clawbacks.length) {
        const k = after.clawbacks.at(-1)!;
        lines.push({
          step,
          contribution: -k.amount,
          text: `refund of order ${k.orderId}: net ${k.netBefore} → ${k.net}; L${k.level} ${k.commissionBefore} → ${k.commissionAfter} fen; clawed back ${k.amount} fen`,
        });
      } else if (after.statements.length > before.statements.length) {
        const s = after.statements.at(-1)!;
        lines.push({ step, contribution: 0, text: `statement ${s.month}: gross ${s.gross}, tax ${s.tax}, fee ${s.fee}, retained ${s.retained}, paid out ${s.paidOut} fen` });
      }
    }
    return { value: doc.totals.commissions - doc.totals.clawbacks, lines };
  },
};
