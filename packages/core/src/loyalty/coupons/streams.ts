import type { CommandHandlerDefinition } from '../../kernel/commandHandler.js';
import { streamName } from '../../kernel/streams.js';
import { CouponCommand } from './commands.js';
import { couponDecider, type Coupon } from './decider.js';
import type { CouponEvent } from './events.js';

/** Stream category of coupons: `coupon-<tenantId>.<couponId>`. */
export const COUPON_CATEGORY = 'coupon';
export const couponStream = (tenantId: string, couponId: string): string => streamName(COUPON_CATEGORY, tenantId, couponId);

/** Where coupon commands go: one stream per coupon. */
export const couponHandler: CommandHandlerDefinition<Coupon, CouponCommand, CouponEvent, unknown> = {
  name: 'loyalty.coupon',
  commands: CouponCommand,
  decider: couponDecider,
  streamOf: (c, tenantId) => couponStream(tenantId, c.data.couponId),
};
