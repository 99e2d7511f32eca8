import type { ReadModelStore } from '../kernel/readModelStore.js';
import { explainPoints, type PointsExplanation } from './explain.js';
import { loyaltyAccount, type LoyaltyAccountView } from './projections/account.js';
import { loyaltyScoreFacts } from './projections/scoreFacts.js';
import type { ScoreFacts } from './score.js';

/** The loyalty read models of one store, as a read API exposes them. */
export interface LoyaltyReads {
  /** Balance, lots, tier, value class, latest score with components, tier history. */
  account(tenantId: string, customerId: string): Promise<LoyaltyAccountView | undefined>;
  /** What makes up the balance. */
  explainPoints(tenantId: string, customerId: string): Promise<PointsExplanation | undefined>;
  /** What the member score reads. */
  scoreFacts(tenantId: string, customerId: string): Promise<ScoreFacts | undefined>;
  /** Every customer with a loyalty account and their tier (the coupons module's monthly members). */
  members(tenantId: string): Promise<{ customerId: string; tier: string }[]>;
}

/** Reads over `loyalty.account` and `loyalty.scoreFacts`. */
export const loyaltyReads = (readModels: ReadModelStore): LoyaltyReads => ({
  account: (tenantId, customerId) => readModels.get<LoyaltyAccountView>(loyaltyAccount.name, tenantId, customerId),
  explainPoints: async (tenantId, customerId) => {
    const doc = await readModels.get<LoyaltyAccountView>(loyaltyAccount.name, tenantId, customerId);
    return doc ? explainPoints(doc) : undefined;
  },
  scoreFacts: (tenantId, customerId) => readModels.get<ScoreFacts>(loyaltyScoreFacts.name, tenantId, customerId),
  members: async (tenantId) => {
    const out: { customerId: string; tier: string }[] = [];
    for await (const d of readModels.query<LoyaltyAccountView>(loyaltyAccount.name, tenantId)) out.push({ customerId: d.customerId, tier: d.tier });
    return out.sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
  },
});
