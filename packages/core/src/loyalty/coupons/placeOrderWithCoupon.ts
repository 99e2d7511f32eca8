import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { IsoInstant } from '../../kernel/codecs.js';
import type { Command, CommandMetadataInput, Handled } from '../../kernel/command.js';
import { RapportError, domainError, type CrmError } from '../../kernel/errors.js';
import { deriveId } from '../../kernel/ids.js';
import { CouponId, CustomerId, OrderId, SellerId } from '../../shared/ids.js';
import { validateInput } from '../../customers/input.js';
import { followUp } from '../../customers/workflow.js';
import { PlaceOrder } from '../../orders/commands.js';
import { linesAmount } from '../../orders/state.js';
import type { CouponEvent } from './events.js';

/** What {@link placeOrderWithCoupon} needs: the command bus (`crm.handle`). */
export interface CouponOrderDeps {
  readonly handle: (command: Command) => Promise<E.Either<CrmError, Handled>>;
}

/** `PlaceOrder`'s data without `couponAmount` (it comes from the coupon), with the coupon to use. */
export const CouponOrderData = t.type(
  {
    orderId: OrderId,
    customerId: CustomerId,
    sellerId: SellerId,
    lines: PlaceOrder.props.data.types[0].props.lines,
    couponId: CouponId,
    at: IsoInstant,
  },
  'CouponOrderData',
);

/** The input of {@link placeOrderWithCoupon}, in plain form. */
export interface CouponOrderInput {
  readonly data: {
    readonly orderId: string;
    readonly customerId: string;
    readonly sellerId: string;
    readonly lines: readonly { readonly sku: string; readonly productId: string; readonly category: string; readonly quantity: number; readonly unitPrice: number }[];
    readonly couponId: string;
    readonly at: string;
  };
  readonly metadata: CommandMetadataInput;
}

const redeemPath = (path: readonly (string | number)[]): readonly (string | number)[] =>
  path[0] === 'data' && path[1] === 'orderAmount' ? ['data', 'lines'] : path;

/**
 * Place an order with a coupon. Validates the input (every bad field named by its path,
 * nothing sent), redeems the coupon for the buyer on the order's lines amount at the
 * order's time, then sends `PlaceOrder` with `couponAmount` = the coupon's value and its
 * `couponId`, under the input's commandId. If the order is refused, a
 * `ReleaseCouponRedemption` gives the coupon back and the order's refusal is returned.
 * The coupon commands' ids derive from the order command's id, so sending the same input
 * again redeems, places and releases nothing twice. A coupon refusal names the input's
 * field (`data.customerId`, `data.at`, `data.lines` for the minimum spend...).
 */
export const placeOrderWithCoupon = async (deps: CouponOrderDeps, input: CouponOrderInput): Promise<E.Either<CrmError, Handled>> => {
  const valid = validateInput(CouponOrderData, input, (d) =>
    Number.isSafeInteger(linesAmount(d.lines)) ? [] : [{ path: ['data', 'lines'], message: 'the lines add up to more fen than can be counted exactly' }],
  );
  if (E.isLeft(valid)) return valid;
  const { data, metadata } = valid.right;
  const { orderId, customerId, couponId, at } = data;

  const redeemed = await deps.handle({
    type: 'RedeemCoupon',
    data: { couponId, customerId, orderId, orderAmount: linesAmount(data.lines), at },
    metadata: followUp(metadata, deriveId(metadata.commandId, 'coupon.redeem')),
  });
  if (E.isLeft(redeemed)) {
    const err = redeemed.left;
    return E.left(err.kind === 'DomainError' ? domainError(err.code, err.message, redeemPath(err.path), err.details) : err);
  }
  const redemption = (redeemed.right.events as readonly CouponEvent[]).find((e) => e.type === 'CouponRedeemed');
  if (redemption?.type !== 'CouponRedeemed')
    throw new RapportError('RAPPORT_COUPON_REDEMPTION_MISSING', `redeeming coupon ${couponId} recorded no CouponRedeemed event`);

  const placed = await deps.handle({
    type: 'PlaceOrder',
    data: { ...data, couponAmount: redemption.data.value },
    metadata,
  });
  if (E.isLeft(placed)) {
    const code = placed.left.code;
    // a refusal of the release means another order holds the coupon now: ours was given back already
    await deps.handle({
      type: 'ReleaseCouponRedemption',
      data: { couponId, orderId, reason: `order ${orderId} refused: ${code}`, at },
      metadata: followUp(metadata, deriveId(metadata.commandId, 'coupon.release')),
    });
  }
  return placed;
};
