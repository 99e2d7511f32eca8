import * as E from 'fp-ts/lib/Either.js';
import type { Decider } from '../kernel/decider.js';
import { domainError, type DomainError } from '../kernel/errors.js';
import { statementFigures } from './arithmetic.js';
import type { SignedFen } from './codecs.js';
import type { PayoutCommand } from './commands.js';
import type { PayoutEvent } from './events.js';
import type { ReferralPolicy } from './policy.js';

export type PayoutErrorCode = 'REFERRAL_STATEMENT_NOT_AFTER_LAST';

/** One beneficiary's payouts: the last month stated and the deficit it carries (≤ 0). */
export interface Payouts {
  readonly lastMonth: string | null;
  readonly carried: number;
}

/**
 * Payout statements of one beneficiary for a policy: months in order, each once; a
 * negative gross pays nothing and is carried into the next statement.
 */
export const makePayoutDecider = (policy: ReferralPolicy): Decider<Payouts, PayoutCommand, PayoutEvent, DomainError> => ({
  initialState: () => ({ lastMonth: null, carried: 0 }),
  decide: (c, s) => {
    const { beneficiaryId, month, commissions, clawbacks, at } = c.data;
    if (s.lastMonth !== null && month <= s.lastMonth)
      return E.left(
        domainError<PayoutErrorCode>('REFERRAL_STATEMENT_NOT_AFTER_LAST', `a statement for ${s.lastMonth} was issued; the next must be for a later month`, ['data', 'month'], {
          lastMonth: s.lastMonth,
        }),
      );
    const f = statementFigures(commissions, clawbacks, s.carried, policy);
    const signed = (n: number) => n as SignedFen;
    const fen = (n: number) => n as typeof commissions;
    return E.right([
      {
        type: 'PayoutStatementIssued',
        data: {
          beneficiaryId,
          month,
          commissions,
          clawbacks,
          carriedIn: signed(f.carriedIn),
          gross: signed(f.gross),
          tax: fen(f.tax),
          fee: fen(f.fee),
          retained: fen(f.retained),
          paidOut: fen(f.paidOut),
          carriedOut: signed(f.carriedOut),
          at,
        },
      },
    ]);
  },
  evolve: (_, e) => ({ lastMonth: e.data.month, carried: e.data.carriedOut }),
});
