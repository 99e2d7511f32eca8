/**
 * The benchmark's one decider, a loyalty account, as plain functions that all three
 * implementations share: each wraps `decideLoyalty` in its own error convention and
 * folds with the same `evolveLoyalty`.
 */

export interface EarnPoints {
  readonly type: 'EarnPoints';
  readonly data: { readonly accountId: string; readonly points: number; readonly orderId: string };
}
export interface RedeemPoints {
  readonly type: 'RedeemPoints';
  readonly data: { readonly accountId: string; readonly points: number };
}
export type LoyaltyCommand = EarnPoints | RedeemPoints;

export interface PointsEarned {
  readonly type: 'PointsEarned';
  readonly data: { readonly accountId: string; readonly points: number; readonly orderId: string };
}
export interface PointsRedeemed {
  readonly type: 'PointsRedeemed';
  readonly data: { readonly accountId: string; readonly points: number };
}
export type LoyaltyEvent = PointsEarned | PointsRedeemed;

/** Why a command is refused. */
export interface Refusal {
  readonly refused: 'insufficient_points';
  readonly balance: number;
  readonly requested: number;
}

export const isRefusal = (x: LoyaltyEvent | Refusal): x is Refusal => 'refused' in x;

export const initialBalance = (): number => 0;

/** Earn → PointsEarned; Redeem → PointsRedeemed, refused when it asks for more than the balance. */
export const decideLoyalty = (command: LoyaltyCommand, balance: number): LoyaltyEvent | Refusal => {
  if (command.type === 'EarnPoints')
    return { type: 'PointsEarned', data: { accountId: command.data.accountId, points: command.data.points, orderId: command.data.orderId } };
  if (command.data.points > balance) return { refused: 'insufficient_points', balance, requested: command.data.points };
  return { type: 'PointsRedeemed', data: { accountId: command.data.accountId, points: command.data.points } };
};

export const evolveLoyalty = (balance: number, event: LoyaltyEvent): number =>
  event.type === 'PointsEarned' ? balance + event.data.points : balance - event.data.points;
