import type { Command } from '../../kernel/command.js';
import { deriveId } from '../../kernel/ids.js';
import type { ReadModelStore } from '../../kernel/readModelStore.js';
import { addMs } from './instants.js';
import { couponDetail, type CouponDoc } from './projections/coupon.js';

/** The command `runDue` sends to expire a coupon. */
export type ExpireCouponCommand = Command<'ExpireCoupon', { readonly couponId: string; readonly at: string }>;

/**
 * The open coupons whose `validUntil` lies before `now`, as `ExpireCoupon` commands (earliest
 * first, ties by id). Each expires at its own first instant past `validUntil`, and the
 * commandId derives from tenant and coupon only, so any later `now` issues nothing new.
 */
export const dueCouponExpiries = (now: string, docs: Iterable<CouponDoc>): ExpireCouponCommand[] =>
  [...docs]
    .filter((d) => d.status === 'issued' && d.validUntil < now)
    .sort((a, b) => (a.validUntil !== b.validUntil ? (a.validUntil < b.validUntil ? -1 : 1) : a.couponId < b.couponId ? -1 : a.couponId > b.couponId ? 1 : 0))
    .map((d) => {
      const at = addMs(d.validUntil, 1);
      return {
        type: 'ExpireCoupon',
        data: { couponId: d.couponId, at },
        metadata: { commandId: deriveId('coupons.expire', d.tenantId, d.couponId), tenantId: d.tenantId, actor: { kind: 'system', id: 'runDue' }, occurredAt: at },
      };
    });

/** {@link dueCouponExpiries} over one shop's `loyalty.coupon` documents. */
export const readDueCouponExpiries = async (now: string, context: { readonly tenantId: string; readonly readModels: ReadModelStore }): Promise<ExpireCouponCommand[]> => {
  const docs: CouponDoc[] = [];
  for await (const d of context.readModels.query<CouponDoc>(couponDetail.name, context.tenantId, { where: { status: 'issued' } })) docs.push(d);
  return dueCouponExpiries(now, docs);
};
