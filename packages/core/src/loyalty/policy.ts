import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { Fen, issuesOf, make } from '../kernel/codecs.js';
import { validationError, type ValidationError, type ValidationIssue } from '../kernel/errors.js';
import { TimeZoneName } from '../calendar/businessHours.js';
import { PositiveFen } from '../orders/codecs.js';
import { Hundredths, Points, TIERS, type Tier } from './codecs.js';

const between = (name: string, lo: number, hi: number) =>
  t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= lo && n <= hi, name);

/** A day of the month every month has: 1–28. */
export const ScoreDay = between('ScoreDay (1-28)', 1, 28);
/** A whole number of months, 1–120. */
export const Months = between('Months (1-120)', 1, 120);
/** A positive whole number (a divisor, a count): 1–10,000,000. */
export const PositiveCount = between('PositiveCount', 1, 10_000_000);

/** How the member score (淘气值) is counted (DOMAIN §4, §10). */
export const MemberScoreRules = t.type(
  {
    /** Net fen per shopping point (1 per 10 CNY). */
    fenPerSpendPoint: PositiveCount,
    orderSpendCap: Points,
    daySpendCap: Points,
    orderBonus: Points,
    monthOrderBonusCap: Points,
    reviewPoints: Points,
    sharePoints: Points,
    answerPoints: Points,
    monthRewardsCap: Points,
    familyFirst: Points,
    familyNext: Points,
    familyMaxCounted: Points,
    baseClean: Points,
    baseUnclean: Points,
  },
  'MemberScoreRules',
);
export type MemberScoreRules = t.TypeOf<typeof MemberScoreRules>;

/** 客服 priority that comes with a tier (complaints raise paid members, key accounts get a manager). */
export const ServicePriority = t.keyof({ standard: null, raised: null, dedicated: null }, 'ServicePriority');
export type ServicePriority = t.TypeOf<typeof ServicePriority>;

/** What a tier gets. */
export const TierBenefits = t.type(
  {
    /** Price paid in hundredths of the list price: 95 = 9.5折, 100 = no discount. */
    discount: Hundredths,
    /** Points per whole CNY, in hundredths: 150 = ×1.5. */
    pointsMultiplier: Hundredths,
    servicePriority: ServicePriority,
    /** Coupons handed out every month (the coupons context issues them). */
    monthlyCoupons: t.array(t.type({ value: PositiveFen, minSpend: Fen })),
  },
  'TierBenefits',
);
export type TierBenefits = t.TypeOf<typeof TierBenefits>;

export const TierBenefitsTable = t.type(
  { regular: TierBenefits, super: TierBenefits, paidMember: TierBenefits, keyAccount: TierBenefits },
  'TierBenefitsTable',
);

/** The loyalty slice of the shop's CrmPolicy. */
export const LoyaltyPolicy = t.type(
  {
    /** Lots, score days and months are read in this zone. */
    timeZone: TimeZoneName,
    /** A lot earned in month M is usable through month M + this. */
    pointsLifeMonths: Months,
    /** The monthly score is taken at 00:00 local on this day. */
    scoreDay: ScoreDay,
    score: MemberScoreRules,
    /** Latest monthly score for 超级会员. */
    superScore: Points,
    /** Key account (APASS) invitation: latest score, 12-month spend (fen), and a clean record. */
    keyAccountScore: Points,
    keyAccountSpend: Fen,
    /** 88VIP for a score ≥ superScore at purchase; everyone else pays the full price. */
    membershipPrice: PositiveFen,
    membershipFullPrice: PositiveFen,
    /** How long one purchase keeps the membership. */
    membershipMonths: Months,
    benefits: TierBenefitsTable,
  },
  'LoyaltyPolicy',
);
export type LoyaltyPolicy = t.TypeOf<typeof LoyaltyPolicy>;

const coupons = (n: number, value: number, minSpend: number) => Array.from({ length: n }, () => ({ value, minSpend }));

export const defaultLoyaltyPolicy: LoyaltyPolicy = make(LoyaltyPolicy)({
  timeZone: 'Asia/Shanghai',
  pointsLifeMonths: 12,
  scoreDay: 8,
  score: {
    fenPerSpendPoint: 1000,
    orderSpendCap: 100,
    daySpendCap: 300,
    orderBonus: 5,
    monthOrderBonusCap: 60,
    reviewPoints: 2,
    sharePoints: 1,
    answerPoints: 1,
    monthRewardsCap: 100,
    familyFirst: 20,
    familyNext: 10,
    familyMaxCounted: 3,
    baseClean: 400,
    baseUnclean: 200,
  },
  superScore: 1000,
  keyAccountScore: 2500,
  keyAccountSpend: 30_000_000,
  membershipPrice: 8_800,
  membershipFullPrice: 88_800,
  membershipMonths: 12,
  benefits: {
    regular: { discount: 100, pointsMultiplier: 100, servicePriority: 'standard', monthlyCoupons: [] },
    super: { discount: 100, pointsMultiplier: 150, servicePriority: 'standard', monthlyCoupons: [] },
    // 88VIP: 9.5折 and four coupons a month (seed 000)
    paidMember: { discount: 95, pointsMultiplier: 200, servicePriority: 'raised', monthlyCoupons: coupons(4, 1_000, 10_000) },
    // APASS: a dedicated manager, 满300减50 coupons
    keyAccount: { discount: 95, pointsMultiplier: 300, servicePriority: 'dedicated', monthlyCoupons: coupons(4, 5_000, 30_000) },
  },
});

/** The benefits of a tier under a policy. */
export const tierBenefits = (policy: LoyaltyPolicy, tier: Tier): TierBenefits => policy.benefits[tier];

/** The monthly coupons of every tier, in the shape the coupons module's monthly source takes. */
export const monthlyCouponBenefits = (policy: LoyaltyPolicy): Record<Tier, readonly { value: number; minSpend: number }[]> =>
  Object.fromEntries(TIERS.map((tier) => [tier, policy.benefits[tier].monthlyCoupons])) as unknown as Record<Tier, readonly { value: number; minSpend: number }[]>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const unknownKeys = (input: Record<string, unknown>, props: t.Props, base: (string | number)[]): ValidationIssue[] =>
  Object.keys(input)
    .filter((k) => !(k in props))
    .map((k) => ({ path: [...base, k], message: `unknown setting; known: ${Object.keys(props).join(', ')}` }));

/**
 * The defaults with a shop's overrides, or a ValidationError naming each bad field (paths
 * relative to the slice: `['score', 'daySpendCap']`, `['benefits', 'super', 'pointsMultiplier']`).
 * `score` and each tier of `benefits` merge setting by setting; unknown keys are refused.
 */
export const loyaltyPolicy = (overrides: unknown = {}): E.Either<ValidationError, LoyaltyPolicy> => {
  const input = overrides ?? {};
  if (!isObject(input)) return E.left(validationError([{ path: [], message: 'expected an object of loyalty settings' }], 'loyalty policy'));
  const issues = unknownKeys(input, LoyaltyPolicy.props, []);
  const d = defaultLoyaltyPolicy;
  const merged: Record<string, unknown> = { ...d };
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined || !(k in LoyaltyPolicy.props)) continue;
    if (k === 'score' && isObject(v)) {
      issues.push(...unknownKeys(v, MemberScoreRules.props, ['score']));
      merged.score = { ...d.score, ...v };
    } else if (k === 'benefits' && isObject(v)) {
      issues.push(...unknownKeys(v, TierBenefitsTable.props, ['benefits']));
      const benefits: Record<string, unknown> = { ...d.benefits };
      for (const [tier, b] of Object.entries(v)) {
        if (!(tier in TierBenefitsTable.props)) continue;
        if (isObject(b)) {
          issues.push(...unknownKeys(b, TierBenefits.props, ['benefits', tier]));
          benefits[tier] = { ...d.benefits[tier as Tier], ...b };
        } else benefits[tier] = b;
      }
      merged.benefits = benefits;
    } else merged[k] = v;
  }
  if (issues.length > 0) return E.left(validationError(issues, 'loyalty policy'));
  const decoded = LoyaltyPolicy.decode(merged);
  return E.isLeft(decoded) ? E.left(validationError(issuesOf(decoded.left), 'loyalty policy')) : E.right(decoded.right);
};
