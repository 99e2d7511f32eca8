import * as E from 'fp-ts/lib/Either.js';
import { validate } from '../kernel/codecs.js';
import { validationError, type ValidationError } from '../kernel/errors.js';
import { defaultComplaintPolicy, ComplaintPolicy } from '../complaints/policy.js';
import { CreditPolicy, creditPolicy } from '../credit/policy.js';
import { OrdersPolicy, ordersPolicy } from '../orders/policy.js';
import { defaultServicePolicy, ServicePolicy } from '../service/policy.js';
import { CouponsPolicy, couponsPolicy } from '../loyalty/coupons/policy.js';
import { MarketingPolicy, marketingPolicy } from '../marketing/policy.js';
import { CampaignsPolicy, campaignsPolicy } from '../marketing/campaigns/policy.js';
import { ReferralPolicy, referralPolicy } from '../referrals/policy.js';
import { LoyaltyPolicy, loyaltyPolicy } from '../loyalty/policy.js';
import { SalesPolicy, salesPolicy } from '../sales/policy.js';
import { ActivitiesPolicy, activitiesPolicy } from '../activities/policy.js';
import { TelemarketingPolicy, telemarketingPolicy } from '../telemarketing/policy.js';
import { KnowledgePolicy, knowledgePolicy } from '../knowledge/policy.js';
import { AnalyticsPolicy, analyticsPolicy } from '../analytics/policy.js';

/**
 * A shop's policy: every number of DOMAIN.md is a default here, and a shop overrides
 * what it needs, context by context. Validated as a whole: a bad value is refused with
 * its path (`orders.returnWindowDays`...).
 */
export interface CrmPolicyInput {
  readonly orders?: Partial<Record<keyof OrdersPolicy, unknown>>;
  readonly credit?: Partial<Record<keyof CreditPolicy, unknown>>;
  readonly complaints?: Partial<Record<keyof ComplaintPolicy, unknown>>;
  readonly service?: Partial<Record<keyof ServicePolicy, unknown>>;
  readonly loyalty?: Partial<Record<keyof LoyaltyPolicy, unknown>>;
  readonly coupons?: Partial<Record<keyof CouponsPolicy, unknown>>;
  readonly marketing?: Partial<Record<keyof MarketingPolicy, unknown>>;
  /** 营销管理: the attribution window of campaign orders. */
  readonly campaigns?: Partial<Record<keyof CampaignsPolicy, unknown>>;
  /** Three-level distribution: more than 3 levels, an entry fee or a per-recruit bonus is refused (anti-pyramid rules). */
  readonly referrals?: Partial<Record<keyof ReferralPolicy, unknown>>;
  readonly sales?: Partial<Record<keyof SalesPolicy, unknown>>;
  readonly activities?: Partial<Record<keyof ActivitiesPolicy, unknown>>;
  readonly telemarketing?: Partial<Record<keyof TelemarketingPolicy, unknown>>;
  /** 知识库: search weights per field, the default result count, tags per version. */
  readonly knowledge?: Partial<Record<keyof KnowledgePolicy, unknown>>;
  /** RFM window, churn multipliers, the core customers' share, the zone of days and months. */
  readonly analytics?: Partial<Record<keyof AnalyticsPolicy, unknown>>;
}

export interface CrmPolicy {
  readonly orders: OrdersPolicy;
  readonly credit: CreditPolicy;
  readonly complaints: ComplaintPolicy;
  readonly service: ServicePolicy;
  readonly loyalty: LoyaltyPolicy;
  readonly coupons: CouponsPolicy;
  readonly marketing: MarketingPolicy;
  readonly campaigns: CampaignsPolicy;
  readonly referrals: ReferralPolicy;
  readonly sales: SalesPolicy;
  readonly activities: ActivitiesPolicy;
  readonly telemarketing: TelemarketingPolicy;
  readonly knowledge: KnowledgePolicy;
  readonly analytics: AnalyticsPolicy;
}

const prefix = (e: ValidationError, slice: string): ValidationError => ({
  ...e,
  message: e.message.replace(/^invalid [^:]*:/, `invalid policy.${slice}:`),
  issues: e.issues.map((i) => ({ ...i, path: [slice, ...i.path] })),
});

const SLICES = {
  orders: OrdersPolicy.props,
  credit: CreditPolicy.props,
  complaints: ComplaintPolicy.props,
  service: ServicePolicy.props,
  loyalty: LoyaltyPolicy.props,
  coupons: CouponsPolicy.props,
  marketing: MarketingPolicy.props,
  campaigns: CampaignsPolicy.props,
  referrals: ReferralPolicy.props,
  sales: SalesPolicy.props,
  activities: ActivitiesPolicy.props,
  telemarketing: TelemarketingPolicy.props,
  knowledge: KnowledgePolicy.props,
  analytics: AnalyticsPolicy.props,
} as const;

/** A misspelt setting would silently keep its default: name every key the policy does not know. */
const unknownKeys = (input: CrmPolicyInput): ValidationError | undefined => {
  const issues: { path: (string | number)[]; message: string }[] = [];
  for (const [slice, value] of Object.entries(input as Record<string, unknown>)) {
    const props = SLICES[slice as keyof typeof SLICES];
    if (!props) issues.push({ path: [slice], message: `unknown policy section; known: ${Object.keys(SLICES).join(', ')}` });
    else if (typeof value !== 'object' || value === null) issues.push({ path: [slice], message: 'expected an object of settings' });
    else for (const k of Object.keys(value)) if (!(k in props)) issues.push({ path: [slice, k], message: `unknown setting; known: ${Object.keys(props).join(', ')}` });
  }
  return issues.length === 0 ? undefined : validationError(issues, 'policy');
};

/** Merge a shop's overrides onto the defaults and validate every slice. */
export const resolveCrmPolicy = (input: CrmPolicyInput = {}): E.Either<ValidationError, CrmPolicy> => {
  const unknown = unknownKeys(input);
  if (unknown) return E.left(unknown);
  const orders = ordersPolicy(input.orders ?? {});
  if (E.isLeft(orders)) return E.left(prefix(orders.left, 'orders'));
  const credit = creditPolicy(input.credit ?? {});
  if (E.isLeft(credit)) return E.left(prefix(credit.left, 'credit'));
  const complaints = validate(ComplaintPolicy, { ...defaultComplaintPolicy, ...input.complaints }, 'policy', ['complaints']);
  if (E.isLeft(complaints)) return complaints;
  const service = validate(ServicePolicy, { ...defaultServicePolicy, ...input.service }, 'policy', ['service']);
  if (E.isLeft(service)) return service;
  const loyalty = loyaltyPolicy(input.loyalty ?? {});
  if (E.isLeft(loyalty)) return E.left(prefix(loyalty.left, 'loyalty'));
  const coupons = couponsPolicy(input.coupons ?? {});
  if (E.isLeft(coupons)) return E.left(prefix(coupons.left, 'coupons'));
  const marketing = marketingPolicy(input.marketing ?? {});
  if (E.isLeft(marketing)) return E.left(prefix(marketing.left, 'marketing'));
  const campaigns = campaignsPolicy(input.campaigns ?? {});
  if (E.isLeft(campaigns)) return E.left(prefix(campaigns.left, 'campaigns'));
  const referrals = referralPolicy(input.referrals ?? {});
  if (E.isLeft(referrals)) return E.left(prefix(referrals.left, 'referrals'));
  const sales = salesPolicy(input.sales ?? {});
  if (E.isLeft(sales)) return E.left(prefix(sales.left, 'sales'));
  const activities = activitiesPolicy(input.activities ?? {});
  if (E.isLeft(activities)) return E.left(prefix(activities.left, 'activities'));
  const telemarketing = telemarketingPolicy(input.telemarketing ?? {});
  if (E.isLeft(telemarketing)) return E.left(prefix(telemarketing.left, 'telemarketing'));
  const knowledge = knowledgePolicy(input.knowledge ?? {});
  if (E.isLeft(knowledge)) return E.left(prefix(knowledge.left, 'knowledge'));
  const analytics = analyticsPolicy(input.analytics ?? {});
  if (E.isLeft(analytics)) return E.left(prefix(analytics.left, 'analytics'));
  return E.right({
    sales: sales.right,
    activities: activities.right,
    telemarketing: telemarketing.right,
    knowledge: knowledge.right,
    analytics: analytics.right,
    orders: orders.right,
    credit: credit.right,
    complaints: complaints.right,
    service: service.right,
    loyalty: loyalty.right,
    coupons: coupons.right,
    marketing: marketing.right,
    campaigns: campaigns.right,
    referrals: referrals.right,
  });
};
