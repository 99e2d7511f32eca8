import type { ReadModelStore } from '../kernel/readModelStore.js';
import { explainCommission, type CommissionExplanation } from './explain.js';
import { commissionLedger, type CommissionLedger } from './projections/commissionLedger.js';
import { referralTree, type ReferralTree } from './projections/referralTree.js';

/** The referral read models of one store, as a read API exposes them. */
export interface ReferralReads {
  /** A customer's referrer and referrals by level. */
  tree(tenantId: string, customerId: string): Promise<ReferralTree | undefined>;
  /** A beneficiary's commissions, clawbacks and statements. */
  ledger(tenantId: string, beneficiaryId: string): Promise<CommissionLedger | undefined>;
  /** Why a beneficiary holds what it holds on an order. */
  explain(tenantId: string, beneficiaryId: string, orderId: string): Promise<CommissionExplanation | undefined>;
}

/** Reads over `referrals.tree` and `referrals.commissionLedger`. */
export const referralReads = (readModels: ReadModelStore): ReferralReads => ({
  tree: (tenantId, customerId) => readModels.get<ReferralTree>(referralTree.name, tenantId, customerId),
  ledger: (tenantId, beneficiaryId) => readModels.get<CommissionLedger>(commissionLedger.name, tenantId, beneficiaryId),
  explain: async (tenantId, beneficiaryId, orderId) => {
    const ledger = await readModels.get<CommissionLedger>(commissionLedger.name, tenantId, beneficiaryId);
    return ledger ? explainCommission(ledger, orderId) : undefined;
  },
});
