import type { Clock } from '../kernel/clock.js';
import type { IsoInstant } from '../kernel/codecs.js';
import type { DocumentQuery, ReadModelStore } from '../kernel/readModelStore.js';
import { complaintDetailProjection, type ComplaintDetail } from '../complaints/projections/complaintDetail.js';
import { openComplaintQueue, type OpenComplaintLine } from '../complaints/projections/openComplaintQueue.js';
import { creditProfileAsOf, type CreditProfile } from '../credit/profile.js';
import type { CreditDocument } from '../credit/projections/creditProfile.js';
import { customerProfile, type CustomerProfileDoc } from '../customers/projections/customerProfile.js';
import { readCustomerProfile, type CustomerProfileView } from '../customers/projections/readCustomerProfile.js';
import { leadFunnel, type LeadFunnelDoc } from '../leads/projections/leadFunnel.js';
import { customerOrderStats, type CustomerOrderStats } from '../orders/projections/customerStats.js';
import { orderSummary, type OrderSummary } from '../orders/projections/summary.js';
import type { PersonalDataVault } from '../privacy/vault.js';
import { agentKpiTable, type AgentKpiRow, type AgentShiftKpi } from '../service/projections/agentKpi.js';
import type { ShopServiceSummary } from '../service/projections/shopServiceSummary.js';
import type { CouponDoc } from '../loyalty/coupons/projections/coupon.js';
import type { CouponWallet } from '../loyalty/coupons/projections/wallet.js';
import { readGreetingsDue, greetingDateAt, type GreetingDue } from '../marketing/care/greetings.js';
import { marketingContactAt, type MarketingContactsDoc } from '../marketing/projections/contacts.js';
import { campaignResults, type CampaignResultsDoc } from '../marketing/campaigns/projections/results.js';
import { campaignHistory, type CampaignHistoryDoc } from '../marketing/campaigns/projections/history.js';
import { referralReads, type ReferralReads } from '../referrals/read.js';
import { loyaltyReads, type LoyaltyReads } from '../loyalty/read.js';
import { salesReads } from '../sales/reads.js';
import { activitiesReads } from '../activities/reads.js';
import { telemarketingReads } from '../telemarketing/reads.js';
import { knowledgeReads } from '../knowledge/reads.js';
import type { CrmPolicy } from './policy.js';

/** The same read functions, each catching the projections up first. */
export const withFresh = <R extends object>(reads: R, fresh: () => Promise<void>): R =>
  Object.fromEntries(
    Object.entries(reads).map(([k, f]) => [k, async (...args: unknown[]) => (await fresh(), (f as (...a: unknown[]) => unknown)(...args))]),
  ) as R;

/** Customer 360: the profile (personal fields opened by the vault, or `'erased'`) and order statistics. */
export interface Customer360 {
  readonly profile: CustomerProfileView;
  readonly orders: CustomerOrderStats | undefined;
}

export interface CrmReadApi {
  readonly customer360: { get(tenantId: string, customerId: string): Promise<Customer360 | undefined> };
  readonly orders: { get(tenantId: string, orderId: string): Promise<OrderSummary | undefined> };
  /** Seller credit (from buyers' ratings) as of an instant (default: now). */
  readonly sellerCredit: { get(tenantId: string, sellerId: string, asOf?: string): Promise<CreditProfile | undefined> };
  /** Buyer credit (from sellers' ratings) as of an instant (default: now). */
  readonly buyerCredit: { get(tenantId: string, customerId: string, asOf?: string): Promise<CreditProfile | undefined> };
  readonly leadFunnel: { get(tenantId: string, agentId: string): Promise<LeadFunnelDoc | undefined> };
  readonly complaints: {
    get(tenantId: string, complaintId: string): Promise<ComplaintDetail | undefined>;
    /** Open complaints by due time, with the past-SLA flag as of `now` (default: the clock's now). */
    open(tenantId: string, now?: string): Promise<OpenComplaintLine[]>;
  };
  readonly agentKpi: { table(tenantId: string, date: string): Promise<AgentKpiRow[]> };
  /** Shop service summary for a local month `YYYY-MM`, or `'all'`. */
  readonly shopService: { get(tenantId: string, period: string): Promise<ShopServiceSummary | undefined> };
  /** Loyalty account (balance, lots, tier, value class, score with components), what makes up the balance, score facts. */
  readonly loyalty: Omit<LoyaltyReads, 'members'>;
  readonly coupons: {
    get(tenantId: string, couponId: string): Promise<CouponDoc | undefined>;
    /** A customer's coupons, live and used. */
    wallet(tenantId: string, customerId: string): Promise<CouponWallet | undefined>;
  };
  readonly marketing: {
    /** How many messages the customer got in the last 30 days as of `now`, and when the next is allowed. */
    contact(tenantId: string, customerId: string, now?: string): Promise<ReturnType<typeof marketingContactAt>>;
  };
  /** 营销管理: a campaign's results (reached, refused with reasons, responses, attributed orders, ROI) and a customer's campaign history. */
  readonly campaigns: {
    results(tenantId: string, campaignId: string): Promise<CampaignResultsDoc | undefined>;
    history(tenantId: string, customerId: string): Promise<CampaignHistoryDoc | undefined>;
  };
  /** Birthday and holiday greetings due on a local date (default: today), only to customers who consented. */
  readonly greetings: { due(tenantId: string, date?: string): Promise<GreetingDue[]> };
  /** 三级分销: referral trees, commission ledgers, and the arithmetic behind one order's commission. */
  readonly referrals: ReferralReads;
  /** 销售管理: opportunities, pipeline, forecast, win rate, sales cycle, stage ageing, territory books, a customer's opportunities. */
  readonly sales: ReturnType<typeof salesReads>;
  /** 时间管理: the team's day calendar, open tasks, activities linked to a customer, lead, opportunity or complaint. */
  readonly activities: ReturnType<typeof activitiesReads>;
  /** 电话营销: a call list's progress, per-agent stats on a list (attempts, reached, interested, converted), a customer's calls. */
  readonly telemarketing: ReturnType<typeof telemarketingReads>;
  /** 知识库: an article, keyword search over current versions (`search(tenantId, query, { limit })`), most-cited per category. */
  readonly knowledge: ReturnType<typeof knowledgeReads>;
  /** Any projection's document, by name (the host's own projections too). */
  get<T>(projection: string, tenantId: string, id: string): Promise<T | undefined>;
  query<T>(projection: string, tenantId: string, query?: DocumentQuery): Promise<T[]>;
}

export interface ReadApiDeps {
  readonly readModels: ReadModelStore;
  readonly vault: PersonalDataVault;
  readonly policy: CrmPolicy;
  readonly clock: Clock;
  /** Resolves once the projections are as fresh as a read should see them. */
  readonly fresh: () => Promise<void>;
}

export const createReadApi = ({ readModels, vault, policy, clock, fresh }: ReadApiDeps): CrmReadApi => {
  const get = async <T>(projection: string, tenantId: string, id: string): Promise<T | undefined> => {
    await fresh();
    return readModels.get<T>(projection, tenantId, id);
  };
  const query = async <T>(projection: string, tenantId: string, q?: DocumentQuery): Promise<T[]> => {
    await fresh();
    const out: T[] = [];
    for await (const d of readModels.query<T>(projection, tenantId, q)) out.push(d);
    return out;
  };
  const credit = (name: string) => ({
    async get(tenantId: string, id: string, asOf?: string): Promise<CreditProfile | undefined> {
      const doc = await get<CreditDocument>(name, tenantId, id);
      return doc && creditProfileAsOf(doc, asOf ?? clock.now(), policy.credit);
    },
  });
  return {
    customer360: {
      async get(tenantId, customerId) {
        const doc = await get<CustomerProfileDoc>(customerProfile.name, tenantId, customerId);
        if (!doc) return undefined;
        return {
          profile: await readCustomerProfile(doc, vault),
          orders: await readModels.get<CustomerOrderStats>(customerOrderStats.name, tenantId, customerId),
        };
      },
    },
    orders: { get: (tenantId, orderId) => get<OrderSummary>(orderSummary.name, tenantId, orderId) },
    sellerCredit: credit('credit.seller'),
    buyerCredit: credit('credit.buyer'),
    leadFunnel: { get: (tenantId, agentId) => get<LeadFunnelDoc>(leadFunnel.name, tenantId, agentId) },
    complaints: {
      get: (tenantId, complaintId) => get<ComplaintDetail>(complaintDetailProjection.name, tenantId, complaintId),
      async open(tenantId, now) {
        const open = await query<ComplaintDetail>(complaintDetailProjection.name, tenantId, { where: { open: true } });
        return openComplaintQueue(open, (now ?? clock.now()) as IsoInstant);
      },
    },
    agentKpi: {
      async table(tenantId, date) {
        return agentKpiTable(await query<AgentShiftKpi>('service.agentKpi', tenantId), date, policy.service);
      },
    },
    shopService: { get: (tenantId, period) => get<ShopServiceSummary>('service.shopSummary', tenantId, period) },
    loyalty: (() => {
      const { members: _, ...l } = loyaltyReads(readModels);
      return withFresh(l, fresh);
    })(),
    sales: withFresh(salesReads(readModels, policy.sales), fresh),
    activities: withFresh(activitiesReads(readModels, policy.activities), fresh),
    telemarketing: withFresh(telemarketingReads(readModels, policy.telemarketing), fresh),
    knowledge: withFresh(knowledgeReads(readModels, policy.knowledge), fresh),
    coupons: {
      get: (tenantId, couponId) => get<CouponDoc>('loyalty.coupon', tenantId, couponId),
      wallet: (tenantId, customerId) => get<CouponWallet>('loyalty.couponWallet', tenantId, customerId),
    },
    marketing: {
      async contact(tenantId, customerId, now) {
        const doc = await get<MarketingContactsDoc>('marketing.contacts', tenantId, customerId);
        return marketingContactAt(doc, now ?? clock.now(), policy.marketing);
      },
    },
    campaigns: {
      results: (tenantId, campaignId) => get<CampaignResultsDoc>(campaignResults.name, tenantId, campaignId),
      history: (tenantId, customerId) => get<CampaignHistoryDoc>(campaignHistory.name, tenantId, customerId),
    },
    greetings: {
      async due(tenantId, date) {
        await fresh();
        return readGreetingsDue(date ?? greetingDateAt(clock.now(), policy.marketing), { tenantId, readModels, vault }, policy.marketing);
      },
    },
    referrals: withFresh(referralReads(readModels), fresh),
    get,
    query,
  };
};
