import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { make } from '../kernel/codecs.js';
import type { ValidationError } from '../kernel/errors.js';
import { policyWithOverrides } from '../kernel/policyOverrides.js';
import { TimeZoneName } from '../calendar/businessHours.js';

const Days = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 1 && n <= 3660, 'Days (integer 1-3660)');
const Percent = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 1 && n <= 100, 'Percent (integer 1-100)');
/** A multiplier in tenths (15 = 1.5×), so comparisons stay in integers. */
const Tenths = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 1 && n <= 1000, 'Tenths (integer 1-1000)');

/** The numbers of DOMAIN §6 and §11 "Segments", overridable per shop. */
export const AnalyticsPolicy = t.type(
  {
    /** Local dates and months (days since, KPI periods) are read in this zone. */
    timeZone: TimeZoneName,
    /** RFM and core customers look at completed orders in the last N × 24 h. */
    windowDays: Days,
    /** With ≥ 2 orders: at risk past this many tenths of the mean gap (15 = 1.5×). */
    atRiskGapTenths: Tenths,
    /** ... churned past this many tenths of the mean gap (30 = 3×). */
    churnedGapTenths: Tenths,
    /** With 1 order: at risk after this many days. */
    singleOrderAtRiskDays: Days,
    /** ... churned after this many days. */
    singleOrderChurnedDays: Days,
    /** Core customers make this share of revenue. */
    coreRevenuePercent: Percent,
  },
  'AnalyticsPolicy',
);
export type AnalyticsPolicy = t.TypeOf<typeof AnalyticsPolicy>;

export const defaultAnalyticsPolicy: AnalyticsPolicy = make(AnalyticsPolicy)({
  timeZone: 'Asia/Shanghai',
  windowDays: 365,
  atRiskGapTenths: 15,
  churnedGapTenths: 30,
  singleOrderAtRiskDays: 90,
  singleOrderChurnedDays: 180,
  coreRevenuePercent: 80,
});

export const AnalyticsPolicyInput = t.partial(AnalyticsPolicy.props, 'AnalyticsPolicyInput');

/** The defaults with a shop's overrides, or a ValidationError naming the bad field. */
export const analyticsPolicy: (overrides?: unknown) => E.Either<ValidationError, AnalyticsPolicy> = policyWithOverrides(AnalyticsPolicyInput, defaultAnalyticsPolicy, 'analytics policy');
