import * as t from 'io-ts';
import { idCodec } from '../kernel/codecs.js';

/**
 * Small codecs of the orders context: counts, positive money, enums. Bad input fails
 * here, as a ValidationError naming the field, before any rule runs.
 */

export interface QuantityBrand {
  readonly Quantity: unique symbol;
}
/** How many pieces of a line: a safe integer ≥ 1. */
export const Quantity = t.brand(t.number, (n): n is t.Branded<number, QuantityBrand> => Number.isSafeInteger(n) && n >= 1, 'Quantity');
export type Quantity = t.TypeOf<typeof Quantity>;

export interface LineNumberBrand {
  readonly LineNumber: unique symbol;
}
/** An order line by its 1-based position. */
export const LineNumber = t.brand(t.number, (n): n is t.Branded<number, LineNumberBrand> => Number.isSafeInteger(n) && n >= 1, 'LineNumber');
export type LineNumber = t.TypeOf<typeof LineNumber>;

export interface PositiveFenBrand {
  readonly PositiveFen: unique symbol;
}
/** Money that must be more than nothing (a refund of 0 fen is no refund). */
export const PositiveFen = t.brand(t.number, (n): n is t.Branded<number, PositiveFenBrand> => Number.isSafeInteger(n) && n >= 1, 'PositiveFen');
export type PositiveFen = t.TypeOf<typeof PositiveFen>;

export interface LabelBrand {
  readonly Label: unique symbol;
}
/** A short free label (a category, a cancel reason): 1–100 characters. */
export const Label = t.brand(t.string, (s): s is t.Branded<string, LabelBrand> => s.length >= 1 && s.length <= 100, 'Label');
export type Label = t.TypeOf<typeof Label>;

export interface RatingTextBrand {
  readonly RatingText: unique symbol;
}
/** The optional words of a rating: at most 500 characters. */
export const RatingText = t.brand(t.string, (s): s is t.Branded<string, RatingTextBrand> => s.length <= 500, 'RatingText');
export type RatingText = t.TypeOf<typeof RatingText>;

/** A return of goods, named by the caller so a refund can point at it. */
export const ReturnId = idCodec('ReturnId');
export type ReturnId = t.TypeOf<typeof ReturnId>;

const oneOf = <const K extends readonly [string, string, ...string[]]>(name: string, values: K) =>
  t.keyof(Object.fromEntries(values.map((v) => [v, null])) as { [P in K[number]]: null }, name);

export const PaymentMethod = oneOf('PaymentMethod', ['alipay', 'wechat', 'unionpay', 'bankTransfer', 'cashOnDelivery']);
export type PaymentMethod = t.TypeOf<typeof PaymentMethod>;

/** 好评 / 中评 / 差评. */
export const Rating = oneOf('Rating', ['good', 'neutral', 'bad']);
export type Rating = t.TypeOf<typeof Rating>;

/** Who rates: the buyer rates the seller, the seller rates the buyer. */
export const RatingSide = oneOf('RatingSide', ['buyer', 'seller']);
export type RatingSide = t.TypeOf<typeof RatingSide>;

/** 七天无理由退货 (`noReason`) or a quality problem (`quality`). */
export const ReturnReason = oneOf('ReturnReason', ['noReason', 'quality']);
export type ReturnReason = t.TypeOf<typeof ReturnReason>;

/** The buyer confirmed receipt, or the order completed itself when its time ran out. */
export const CompletedBy = oneOf('CompletedBy', ['buyer', 'auto']);
export type CompletedBy = t.TypeOf<typeof CompletedBy>;

/**
 * `{ type, data }` where `data` has optional fields too (the kernel's `tagged` takes
 * required ones only). Union indexes are left out of field paths, so paths stay
 * `['data', 'text']`.
 */
export const taggedWith = <T extends string, P extends t.Props, O extends t.Props>(type: T, props: P, optional: O) =>
  t.type({ type: t.literal(type), data: t.intersection([t.type(props), t.partial(optional)]) }, type);
