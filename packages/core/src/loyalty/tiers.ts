import type { IsoInstant } from '../kernel/codecs.js';
import { civilDateOf, instantAtLocal, localMinutesOf } from '../calendar/zoned.js';
import type { Tier, ValueClass } from './codecs.js';
import type { LoyaltyPolicy } from './policy.js';

/** What decides a tier at an instant. */
export interface TierFacts {
  /** Invited as a key account and not lapsed since. */
  readonly keyAccount: boolean;
  /** Paid membership: paid until this instant (exclusive), unless it was expired. */
  readonly membership: { readonly paidUntil: string; readonly active: boolean } | null;
  /** The latest monthly score, if any. */
  readonly score: { readonly score: number } | null;
}

/**
 * Tier = key account if invited and still eligible, else paid member while paid, else super
 * if the latest score ≥ `superScore`, else regular (DOMAIN §11).
 */
export const tierOf = (facts: TierFacts, at: string, policy: Pick<LoyaltyPolicy, 'superScore'>): Tier => {
  if (facts.keyAccount) return 'keyAccount';
  if (facts.membership?.active && at < facts.membership.paidUntil) return 'paidMember';
  if (facts.score && facts.score.score >= policy.superScore) return 'super';
  return 'regular';
};

/** 关键客户 for key accounts, 重要客户 for paid members, 普通客户 for everyone else. */
export const valueClassOf = (tier: Tier): ValueClass => (tier === 'keyAccount' ? 'key' : tier === 'paidMember' ? 'important' : 'ordinary');

/** The membership price (fen) for a latest score: the reduced price from `superScore` up, else the full price. */
export const membershipPriceFor = (score: number | null, policy: Pick<LoyaltyPolicy, 'superScore' | 'membershipPrice' | 'membershipFullPrice'>): number =>
  score !== null && score >= policy.superScore ? policy.membershipPrice : policy.membershipFullPrice;

/** Whether a score result qualifies for (or keeps) the key account tier. */
export const keyAccountEligible = (
  score: { readonly score: number; readonly spend12m: number; readonly clean: boolean } | null,
  policy: Pick<LoyaltyPolicy, 'keyAccountScore' | 'keyAccountSpend'>,
): boolean => score !== null && score.score >= policy.keyAccountScore && score.spend12m >= policy.keyAccountSpend && score.clean;

/**
 * The same local wall-clock time `months` calendar months later (the day clamped to the
 * month's length: 31 Jan + 1 month = 28/29 Feb).
 */
export const addLocalMonths = (at: string, months: number, timeZone: string): IsoInstant => {
  const ms = Date.parse(at);
  const d = civilDateOf(ms, timeZone);
  const index = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return new Date(instantAtLocal({ year, month, day: Math.min(d.day, last) }, localMinutesOf(ms, timeZone), timeZone)).toISOString() as IsoInstant;
};
