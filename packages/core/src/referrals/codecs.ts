import * as t from 'io-ts';
import { nullable } from '../customers/values.js';

export { nullable };

export interface MonthBrand {
  readonly Month: unique symbol;
}
/** A calendar month `YYYY-MM` (01–12), read in the policy's time zone. */
export const Month = t.brand(t.string, (s): s is t.Branded<string, MonthBrand> => /^\d{4}-(0[1-9]|1[0-2])$/.test(s), 'Month');
export type Month = t.TypeOf<typeof Month>;

export interface LevelBrand {
  readonly ReferralLevel: unique symbol;
}
/** 1 = the buyer's direct referrer, 2 = that referrer's referrer, 3 = the next one up. */
export const ReferralLevel = t.brand(
  t.number,
  (n): n is t.Branded<number, LevelBrand> => Number.isInteger(n) && n >= 1 && n <= 3,
  'ReferralLevel',
);
export type ReferralLevel = t.TypeOf<typeof ReferralLevel>;

export interface SignedFenBrand {
  readonly SignedFen: unique symbol;
}
/** Fen that may be negative: a statement's gross, and the deficit it carries forward. */
export const SignedFen = t.brand(t.number, (n): n is t.Branded<number, SignedFenBrand> => Number.isSafeInteger(n), 'SignedFen');
export type SignedFen = t.TypeOf<typeof SignedFen>;
