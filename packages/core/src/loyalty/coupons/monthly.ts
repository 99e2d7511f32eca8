import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { Fen, ShortText, validate } from '../../kernel/codecs.js';
import type { Command } from '../../kernel/command.js';
import type { ValidationError } from '../../kernel/errors.js';
import { deriveId } from '../../kernel/ids.js';
import { TimeZoneName } from '../../calendar/businessHours.js';
import { instantAtLocal } from '../../calendar/zoned.js';
import { CustomerId } from '../../shared/ids.js';
import { PositiveFen } from '../../orders/codecs.js';
import { TenantId } from '../../kernel/codecs.js';
import { LocalMonth } from './events.js';
import { CouponIssueDay } from './policy.js';

/** A customer and the tier they hold (from the loyalty account). */
export const TierMember = t.type({ customerId: CustomerId, tier: ShortText }, 'TierMember');
export type TierMember = t.TypeOf<typeof TierMember>;

/** One monthly coupon of a tier: `value` off an order of at least `minSpend` (fen). */
export const MonthlyCoupon = t.type({ value: PositiveFen, minSpend: Fen }, 'MonthlyCoupon');
export type MonthlyCoupon = t.TypeOf<typeof MonthlyCoupon>;

/** The monthly coupons of each tier (a tier left out gets none). */
export const TierCouponBenefits = t.record(t.string, t.array(MonthlyCoupon), 'TierCouponBenefits');
export type TierCouponBenefits = t.TypeOf<typeof TierCouponBenefits>;

const MonthlyInput = t.type({
  month: LocalMonth,
  members: t.array(TierMember),
  benefits: TierCouponBenefits,
  options: t.intersection([t.type({ tenantId: TenantId, timeZone: TimeZoneName }), t.partial({ issueDay: CouponIssueDay })]),
});

/** The options of {@link monthlyTierCoupons}. */
export interface MonthlyCouponOptions {
  readonly tenantId: string;
  /** Local months are read in this zone (the coupons policy's). */
  readonly timeZone: string;
  /** Coupons become valid at 00:00 local on this day of the month (default 1). */
  readonly issueDay?: number;
}

/** The command `runDue` sends to hand out a monthly tier coupon. */
export type IssueCouponCommand = Command<'IssueCoupon', Record<string, unknown>>;

/** When a local month's coupons are valid: 00:00 on the issue day through the month's last millisecond. */
export const monthlyValidity = (month: string, timeZone: string, issueDay = 1): { validFrom: string; validUntil: string } => {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const next = m === 12 ? { year: year + 1, month: 1, day: 1 } : { year, month: m + 1, day: 1 };
  return {
    validFrom: new Date(instantAtLocal({ year, month: m, day: issueDay }, 0, timeZone)).toISOString(),
    validUntil: new Date(instantAtLocal(next, 0, timeZone) - 1).toISOString(),
  };
};

/**
 * The `IssueCoupon` commands of a month's tier benefits: for each member, one coupon per
 * entry of their tier's list, valid from the issue day to the month's end (local time).
 * Pure and deterministic: the coupon id derives from tenant, month, customer, tier and the
 * entry's index, and the commandId from the coupon id, so running it again for the same
 * month issues nothing new. A customer who changes tier within the month gets the new
 * tier's set as well (each tier's set at most once a month). Members are sorted by id.
 */
export const monthlyTierCoupons = (
  month: string,
  members: readonly TierMember[] | readonly { readonly customerId: string; readonly tier: string }[],
  benefits: Readonly<Record<string, readonly { readonly value: number; readonly minSpend: number }[]>>,
  options: MonthlyCouponOptions,
): E.Either<ValidationError, IssueCouponCommand[]> => {
  const valid = validate(MonthlyInput, { month, members, benefits, options }, 'monthly tier coupons');
  if (E.isLeft(valid)) return valid;
  const { tenantId, timeZone, issueDay } = valid.right.options;
  const { validFrom, validUntil } = monthlyValidity(month, timeZone, issueDay);
  const sorted = [...valid.right.members].sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : a.tier < b.tier ? -1 : a.tier > b.tier ? 1 : 0));
  const out: IssueCouponCommand[] = [];
  for (const { customerId, tier } of sorted) {
    const list = Object.prototype.hasOwnProperty.call(valid.right.benefits, tier) ? valid.right.benefits[tier]! : [];
    list.forEach(({ value, minSpend }, i) => {
      const couponId = deriveId('coupons.monthlyTier', tenantId, month, customerId, tier, String(i));
      out.push({
        type: 'IssueCoupon',
        data: { couponId, ownerId: customerId, value, minSpend, validFrom, validUntil, source: { kind: 'monthlyTier', month, tier } },
        metadata: { commandId: deriveId('coupons.issue', tenantId, couponId), tenantId, actor: { kind: 'system', id: 'runDue' }, occurredAt: validFrom },
      });
    });
  }
  return E.right(out);
};
