import * as E from 'fp-ts/lib/Either.js';
import type { Command } from '../../kernel/command.js';
import { InvalidArgument } from '../../kernel/errors.js';
import { localDateOf, localMonthOf } from '../../calendar/localDate.js';
import type { CrmModule, DueContext } from '../../crm/module.js';
import { readDueCouponExpiries } from './due.js';
import { CouponEvent } from './events.js';
import { monthlyTierCoupons } from './monthly.js';
import { defaultCouponsPolicy, type CouponsPolicy } from './policy.js';
import { couponDetail } from './projections/coupon.js';
import { couponWallet } from './projections/wallet.js';
import { couponHandler } from './streams.js';

/** Where the module finds who gets monthly tier coupons (the loyalty context's tiers and benefits). */
export interface MonthlyTierCouponSource {
  /** The shop's customers with their current tier. */
  members(context: DueContext): Promise<readonly { readonly customerId: string; readonly tier: string }[]>;
  /** Each tier's monthly coupons. */
  readonly benefits: Readonly<Record<string, readonly { readonly value: number; readonly minSpend: number }[]>>;
}

export interface CouponsModuleOptions {
  /** When given, `runDue` also issues the month's tier coupons from the issue day on. */
  readonly monthly?: MonthlyTierCouponSource;
}

/**
 * The coupons context as `createCrm` assembles it. Due work: expiry of coupons past
 * `validUntil`, and (with `options.monthly`) the local month's tier coupons once its issue
 * day has begun. Both are idempotent for any `now`.
 */
export const couponsModuleFor = (policy: CouponsPolicy = defaultCouponsPolicy, options: CouponsModuleOptions = {}): CrmModule => ({
  name: 'coupons',
  events: [CouponEvent],
  deciders: [couponHandler],
  projections: [couponDetail, couponWallet],
  due: async (now, context) => {
    const out: Command[] = await readDueCouponExpiries(now, context);
    const monthly = options.monthly;
    if (monthly && Number(localDateOf(now, policy.timeZone).slice(8, 10)) >= policy.monthlyIssueDay) {
      const issued = monthlyTierCoupons(localMonthOf(now, policy.timeZone), await monthly.members(context), monthly.benefits, {
        tenantId: context.tenantId,
        timeZone: policy.timeZone,
        issueDay: policy.monthlyIssueDay,
      });
      // members and benefits come from the host's reader: a bad one is a bug there, not a refusal
      if (E.isLeft(issued)) throw new InvalidArgument(`monthly tier coupons: ${issued.left.message}`);
      out.push(...issued.right);
    }
    return out;
  },
});

/** The coupons context with the default policy and no monthly tier coupons. */
export const couponsModule: CrmModule = couponsModuleFor();
