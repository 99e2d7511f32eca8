import type { Projection } from '../../kernel/projection.js';
import type { ReferralEvent } from '../events.js';

export interface LedgerCommission {
  readonly orderId: string;
  readonly buyerId: string;
  readonly level: number;
  readonly net: number;
  readonly base: number;
  readonly rate: number;
  readonly amount: number;
  readonly month: string;
  readonly at: string;
}

export interface LedgerClawback {
  readonly orderId: string;
  readonly buyerId: string;
  readonly level: number;
  readonly netBefore: number;
  readonly net: number;
  readonly base: number;
  readonly rate: number;
  readonly commissionBefore: number;
  readonly commissionAfter: number;
  readonly amount: number;
  readonly month: string;
  readonly at: string;
}

export interface LedgerStatement {
  readonly month: string;
  readonly commissions: number;
  readonly clawbacks: number;
  readonly carriedIn: number;
  readonly gross: number;
  readonly tax: number;
  readonly fee: number;
  readonly retained: number;
  readonly paidOut: number;
  readonly carriedOut: number;
  readonly at: string;
}

/** One beneficiary's commissions, clawbacks and statements. */
export interface CommissionLedger {
  readonly beneficiaryId: string;
  readonly commissions: readonly LedgerCommission[];
  readonly clawbacks: readonly LedgerClawback[];
  readonly statements: readonly LedgerStatement[];
  /** Σ commissions and Σ clawbacks by month (the statement month of each fact). */
  readonly months: Readonly<Record<string, { readonly commissions: number; readonly clawbacks: number }>>;
  /** What statements have covered so far. */
  readonly stated: { readonly commissions: number; readonly clawbacks: number };
  readonly lastStatementMonth: string | null;
  /** The deficit the last statement carried forward (≤ 0). */
  readonly carried: number;
  readonly totals: { readonly commissions: number; readonly clawbacks: number; readonly paidOut: number; readonly tax: number; readonly fee: number; readonly retained: number };
}

const emptyLedger: CommissionLedger = {
  beneficiaryId: '',
  commissions: [],
  clawbacks: [],
  statements: [],
  months: {},
  stated: { commissions: 0, clawbacks: 0 },
  lastStatementMonth: null,
  carried: 0,
  totals: { commissions: 0, clawbacks: 0, paidOut: 0, tax: 0, fee: 0, retained: 0 },
};

const addToMonth = (l: CommissionLedger, month: string, commissions: number, clawbacks: number): CommissionLedger['months'] => {
  const m = l.months[month] ?? { commissions: 0, clawbacks: 0 };
  return { ...l.months, [month]: { commissions: m.commissions + commissions, clawbacks: m.clawbacks + clawbacks } };
};

/** `referrals.commissionLedger`, keyed by beneficiary: every commission, clawback and statement. */
export const commissionLedger: Projection<CommissionLedger, ReferralEvent> = {
  name: 'referrals.commissionLedger',
  version: 1,
  events: ['ReferralCommissionEarned', 'ReferralCommissionClawedBack', 'PayoutStatementIssued'],
  init: () => emptyLedger,
  keyOf: (e) => (e.type === 'ReferralNetworkJoined' ? undefined : e.data.beneficiaryId),
  apply: (l, e) => {
    switch (e.type) {
      case 'ReferralCommissionEarned': {
        const { beneficiaryId, orderId, buyerId, level, net, base, rate, amount, month, at } = e.data;
        return {
          ...l,
          beneficiaryId,
          commissions: [...l.commissions, { orderId, buyerId, level, net, base, rate, amount, month, at }],
          months: addToMonth(l, month, amount, 0),
          totals: { ...l.totals, commissions: l.totals.commissions + amount },
        };
      }
      case 'ReferralCommissionClawedBack': {
        const { beneficiaryId, ...c } = e.data;
        return {
          ...l,
          beneficiaryId,
          clawbacks: [...l.clawbacks, c],
          months: addToMonth(l, c.month, 0, c.amount),
          totals: { ...l.totals, clawbacks: l.totals.clawbacks + c.amount },
        };
      }
      case 'PayoutStatementIssued': {
        const { beneficiaryId, ...s } = e.data;
        return {
          ...l,
          beneficiaryId,
          statements: [...l.statements, s],
          stated: { commissions: l.stated.commissions + s.commissions, clawbacks: l.stated.clawbacks + s.clawbacks },
          lastStatementMonth: s.month,
          carried: s.carriedOut,
          totals: { ...l.totals, paidOut: l.totals.paidOut + s.paidOut, tax: l.totals.tax + s.tax, fee: l.totals.fee + s.fee, retained: l.totals.retained + s.retained },
        };
      }
      default:
        return l;
    }
  },
};
