import type { CommissionLedger, LedgerClawback } from './projections/commissionLedger.js';

/** One level of one order as a beneficiary sees it: what was earned, taken back and held. */
export interface LevelExplanation {
  readonly level: number;
  readonly buyerId: string;
  readonly net: number;
  readonly base: number;
  readonly rate: number;
  readonly earned: number;
  readonly clawbacks: readonly LedgerClawback[];
  readonly held: number;
  /** The arithmetic in words, e.g. `L1 = ⌊100000 × 10%⌋ = 10000 fen`. */
  readonly steps: readonly string[];
}

export interface CommissionExplanation {
  readonly orderId: string;
  readonly beneficiaryId: string;
  readonly levels: readonly LevelExplanation[];
  readonly earned: number;
  readonly clawedBack: number;
  readonly held: number;
}

/** A rate in basis points as a percentage for people (display only: money never uses it). */
const percent = (bp: number): string => `${Math.floor(bp / 100)}${bp % 100 === 0 ? '' : `.${String(bp % 100).padStart(2, '0').replace(/0$/, '')}`}%`;
const baseName = (level: number, base: number): string => (level === 1 ? `net ${base}` : `L1 ${base}`);

/**
 * Why a beneficiary holds what it holds on an order: each level's commission with its
 * base and rate, every clawback with the nets before and after. Undefined when the
 * ledger has no commission on that order. Pure: reads only the ledger document.
 */
export const explainCommission = (ledger: CommissionLedger, orderId: string): CommissionExplanation | undefined => {
  const earned = ledger.commissions.filter((c) => c.orderId === orderId);
  if (earned.length === 0) return undefined;
  const levels = earned.map((c): LevelExplanation => {
    const clawbacks = ledger.clawbacks.filter((k) => k.orderId === orderId && k.level === c.level);
    const clawed = clawbacks.reduce((s, k) => s + k.amount, 0);
    const steps = [
      `L${c.level} = ⌊${baseName(c.level, c.base)} × ${percent(c.rate)}⌋ = ${c.amount} fen (order completed ${c.at})`,
      ...clawbacks.map(
        (k) =>
          `refund ${k.at}: net ${k.netBefore} → ${k.net}; L${k.level} = ⌊${baseName(k.level, k.base)} × ${percent(k.rate)}⌋ = ${k.commissionAfter} fen; clawed back ${k.commissionBefore} − ${k.commissionAfter} = ${k.amount} fen`,
      ),
    ];
    return { level: c.level, buyerId: c.buyerId, net: c.net, base: c.base, rate: c.rate, earned: c.amount, clawbacks, held: c.amount - clawed, steps };
  });
  const total = levels.reduce((s, l) => s + l.earned, 0);
  const clawedBack = levels.reduce((s, l) => s + (l.earned - l.held), 0);
  return { orderId, beneficiaryId: ledger.beneficiaryId, levels, earned: total, clawedBack, held: total - clawedBack };
};
