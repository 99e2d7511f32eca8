import type { AccountViewLot, LoyaltyAccountView, PointsEntry } from './projections/account.js';

/** One line of a points explanation: what happened and how it moved the balance. */
export interface PointsLine {
  readonly at: string;
  readonly kind: PointsEntry['kind'];
  /** The order or redemption it concerns. */
  readonly ref: string;
  /** Signed effect on the balance. */
  readonly change: number;
  readonly text: string;
}

/** Why a customer holds the points they hold. */
export interface PointsExplanation {
  readonly balance: number;
  readonly earned: number;
  readonly redeemed: number;
  readonly expired: number;
  readonly reversed: number;
  /** Reversals the balance could not cover (not part of the balance). */
  readonly writtenOff: number;
  /** balance = earned − redeemed − expired − reversed. */
  readonly adds: boolean;
  readonly lines: readonly PointsLine[];
  readonly lots: readonly AccountViewLot[];
}

const takenText = (taken: readonly { orderId: string; points: number }[]): string => taken.map((t) => `${t.points} from ${t.orderId}`).join(', ') || 'nothing';

const lineOf = (e: PointsEntry): PointsLine => {
  switch (e.kind) {
    case 'earned':
      return {
        at: e.at,
        kind: e.kind,
        ref: e.orderId,
        change: e.points,
        text: `order ${e.orderId} completed: ⌊⌊${e.netPaidFen} fen ÷ 100⌋ × ${e.multiplier}/100 (${e.tier})⌋ = ${e.points}`,
      };
    case 'reversed': {
      const taken = e.taken.reduce((s, t) => s + t.points, 0);
      return {
        at: e.at,
        kind: e.kind,
        ref: e.orderId,
        change: -taken,
        text: `order ${e.orderId} refunded to ${e.netPaidFen} fen: ${e.pointsBefore} → ${e.pointsAfter} points; took ${takenText(e.taken)}${e.writtenOff > 0 ? `; ${e.writtenOff} written off` : ''}`,
      };
    }
    case 'redeemed':
      return { at: e.at, kind: e.kind, ref: e.redemptionId, change: -e.points, text: `redeemed ${e.points}: ${takenText(e.taken)}` };
    case 'expired':
      return { at: e.at, kind: e.kind, ref: e.orderId, change: -e.points, text: `lot of ${e.orderId} expired with ${e.points} left` };
  }
};

/** The lots, reversals, redemptions and expiries that make up a `loyalty.account` balance. Pure. */
export const explainPoints = (doc: LoyaltyAccountView): PointsExplanation => {
  const { earned, redeemed, expired, reversed, writtenOff } = doc.totals;
  return {
    balance: doc.balance,
    earned,
    redeemed,
    expired,
    reversed,
    writtenOff,
    adds: earned - redeemed - expired - reversed === doc.balance,
    lines: doc.entries.map(lineOf),
    lots: doc.lots,
  };
};
