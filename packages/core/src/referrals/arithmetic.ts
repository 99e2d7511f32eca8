/**
 * The referral arithmetic of DOMAIN §10, in integers only (fen and basis points; BigInt
 * where a product could pass 2^53). Commissions round down level by level; statement
 * deductions round half up.
 */

const BP = 10_000n;

/** ⌊amount × bp ÷ 10,000⌋ for amount ≥ 0. */
export const floorShare = (amount: number, bp: number): number => Number((BigInt(amount) * BigInt(bp)) / BP);

/** ⌊amount × bp ÷ 10,000 + ½⌋ for amount ≥ 0 (half up). */
export const halfUpShare = (amount: number, bp: number): number => Number((BigInt(amount) * BigInt(bp) + BP / 2n) / BP);

/** One level's commission and what its rate was applied to. */
export interface LevelAmount {
  readonly level: number;
  /** Net paid for level 1, level 1's commission for the others. */
  readonly base: number;
  readonly rate: number;
  readonly amount: number;
}

/**
 * Commissions on a net paid for each configured level: L1 = ⌊net × levels[0]⌋, then
 * Lk = ⌊L1 × levels[k-1]⌋. A 1,000.00 CNY order at 10%/20%/10% → 10,000 / 2,000 / 1,000 fen.
 */
export const levelCommissions = (net: number, levels: readonly number[]): LevelAmount[] => {
  if (levels.length === 0) return [];
  const l1 = floorShare(net, levels[0]!);
  return levels.map((rate, i) =>
    i === 0 ? { level: 1, base: net, rate, amount: l1 } : { level: i + 1, base: l1, rate, amount: floorShare(l1, rate) },
  );
};

/** Rates a statement deducts, in basis points. */
export interface DeductionRates {
  readonly taxRate: number;
  readonly feeRate: number;
  readonly retainedRate: number;
}

/** One beneficiary's month in figures. `carriedIn` and `carriedOut` are ≤ 0. */
export interface StatementFigures {
  readonly commissions: number;
  readonly clawbacks: number;
  readonly carriedIn: number;
  readonly gross: number;
  readonly tax: number;
  readonly fee: number;
  readonly retained: number;
  readonly paidOut: number;
  readonly carriedOut: number;
}

/**
 * G = commissions − clawbacks + carriedIn. G > 0: tax, fee and retained are each
 * ⌊G × rate + ½⌋ and paid out is what is left; G ≤ 0 pays nothing and carries G forward.
 */
export const statementFigures = (commissions: number, clawbacks: number, carriedIn: number, rates: DeductionRates): StatementFigures => {
  const gross = commissions - clawbacks + carriedIn;
  if (gross <= 0) return { commissions, clawbacks, carriedIn, gross, tax: 0, fee: 0, retained: 0, paidOut: 0, carriedOut: gross };
  const tax = halfUpShare(gross, rates.taxRate);
  const fee = halfUpShare(gross, rates.feeRate);
  const retained = halfUpShare(gross, rates.retainedRate);
  return { commissions, clawbacks, carriedIn, gross, tax, fee, retained, paidOut: gross - tax - fee - retained, carriedOut: 0 };
};
