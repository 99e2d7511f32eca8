import * as E from 'fp-ts/lib/Either.js';
import type { IsoInstant } from '../kernel/codecs.js';
import type { Decider } from '../kernel/decider.js';
import { domainError, type DomainError } from '../kernel/errors.js';
import type { TierChangeReason } from './codecs.js';
import type { LoyaltyCommand } from './commands.js';
import type { LoyaltyEvent } from './events.js';
import { balanceAt, lotExpiry, pointsFor, takeFromLots } from './lots.js';
import type { LoyaltyPolicy } from './policy.js';
import { emptyAccount, evolveAccount, type LoyaltyAccount } from './state.js';
import { addLocalMonths, keyAccountEligible, membershipPriceFor, tierOf } from './tiers.js';

export type LoyaltyErrorCode =
  | 'LOYALTY_POINTS_INSUFFICIENT'
  | 'LOYALTY_REDEMPTION_EXISTS'
  | 'LOYALTY_ORDER_NOT_EARNED'
  | 'LOYALTY_LOT_NOT_EXPIRED'
  | 'LOYALTY_ACTIVITY_RECORDED'
  | 'LOYALTY_FAMILY_SELF'
  | 'LOYALTY_FAMILY_BOUND'
  | 'LOYALTY_FAMILY_NOT_BOUND'
  | 'LOYALTY_SCORE_MONTH_RECORDED'
  | 'LOYALTY_SCORE_COMPONENTS'
  | 'LOYALTY_MEMBERSHIP_PRICE'
  | 'LOYALTY_MEMBERSHIP_ACTIVE'
  | 'LOYALTY_KEY_ACCOUNT_EXISTS'
  | 'LOYALTY_KEY_ACCOUNT_INELIGIBLE';

type Decision = E.Either<DomainError<LoyaltyErrorCode>, readonly LoyaltyEvent[]>;

const no = (code: LoyaltyErrorCode, message: string, field: string, details?: Record<string, unknown>): Decision =>
  E.left(domainError(code, message, ['data', field], details));
const yes = (...events: LoyaltyEvent[]): Decision => E.right(events);

/** Append a `TierChanged` when the events leave the customer in another tier at `at`. */
const withTierChange = (
  s: LoyaltyAccount,
  events: LoyaltyEvent[],
  customerId: string,
  at: IsoInstant,
  policy: LoyaltyPolicy,
  reason: TierChangeReason,
  detail: string,
): Decision => {
  const next = events.reduce(evolveAccount, s);
  const to = tierOf(next, at, policy);
  if (to === next.tier) return E.right(events);
  return E.right([...events, { type: 'TierChanged', data: { customerId, from: next.tier, to, reason, detail, at } } as LoyaltyEvent]);
};

/** The loyalty account's behaviour under a shop's policy. */
export const loyaltyDeciderFor = (policy: LoyaltyPolicy): Decider<LoyaltyAccount, LoyaltyCommand, LoyaltyEvent, DomainError<LoyaltyErrorCode>> => {
  const decide = (c: LoyaltyCommand, s: LoyaltyAccount): Decision => {
    switch (c.type) {
      case 'EarnPoints': {
        const { customerId, orderId, netPaidFen, at } = c.data;
        if (s.lots[orderId]) return yes(); // one lot per order: a repeated completion changes nothing
        const tier = tierOf(s, at, policy);
        const multiplier = policy.benefits[tier].pointsMultiplier;
        const { usableUntil, expiresAt } = lotExpiry(at, policy.timeZone, policy.pointsLifeMonths);
        const points = pointsFor(netPaidFen, multiplier);
        return yes({ type: 'PointsEarned', data: { customerId, orderId, netPaidFen, tier, multiplier, points, at, usableUntil, expiresAt } } as LoyaltyEvent);
      }
      case 'ReversePoints': {
        const { customerId, orderId, netPaidFen, at } = c.data;
        const lot = s.lots[orderId];
        if (!lot) return no('LOYALTY_ORDER_NOT_EARNED', `no points were earned on order ${orderId}`, 'orderId');
        const pointsAfter = pointsFor(netPaidFen, lot.multiplier);
        const due = lot.credited - pointsAfter;
        if (due <= 0) return yes(); // the new net paid gives no fewer points
        const { taken, short } = takeFromLots(Object.values(s.lots), due, at, orderId);
        return yes({
          type: 'PointsReversed',
          data: { customerId, orderId, netPaidFen, pointsBefore: lot.credited, pointsAfter, taken, writtenOff: short, at },
        } as LoyaltyEvent);
      }
      case 'RedeemPoints': {
        const { customerId, redemptionId, points, at } = c.data;
        if (s.redemptions[redemptionId]) return no('LOYALTY_REDEMPTION_EXISTS', `redemption ${redemptionId} was already recorded`, 'redemptionId');
        const balance = balanceAt(Object.values(s.lots), at);
        if (points > balance) return no('LOYALTY_POINTS_INSUFFICIENT', `${points} points asked, ${balance} usable at ${at}`, 'points', { balance });
        const { taken } = takeFromLots(Object.values(s.lots), points, at);
        return yes({ type: 'PointsRedeemed', data: { customerId, redemptionId, points, taken, at } } as LoyaltyEvent);
      }
      case 'ExpirePoints': {
        const { customerId, orderId, at } = c.data;
        const lot = s.lots[orderId];
        if (!lot) return no('LOYALTY_ORDER_NOT_EARNED', `no points were earned on order ${orderId}`, 'orderId');
        if (at < lot.expiresAt) return no('LOYALTY_LOT_NOT_EXPIRED', `the lot of ${orderId} is usable until ${lot.usableUntil}`, 'at', { expiresAt: lot.expiresAt });
        if (lot.remaining === 0) return yes(); // used up, or already expired
        return yes({ type: 'PointsExpired', data: { customerId, orderId, points: lot.remaining, at } } as LoyaltyEvent);
      }
      case 'RecordShare':
        return s.activities[`share:${c.data.shareId}`]
          ? no('LOYALTY_ACTIVITY_RECORDED', `share ${c.data.shareId} was already recorded`, 'shareId')
          : yes({ type: 'ShareRecorded', data: c.data } as LoyaltyEvent);
      case 'RecordAnsweredQuestion':
        return s.activities[`answer:${c.data.questionId}`]
          ? no('LOYALTY_ACTIVITY_RECORDED', `answer ${c.data.questionId} was already recorded`, 'questionId')
          : yes({ type: 'AnsweredQuestionRecorded', data: c.data } as LoyaltyEvent);
      case 'RecordChargeback':
        return s.activities[`chargeback:${c.data.chargebackId}`]
          ? no('LOYALTY_ACTIVITY_RECORDED', `charge-back ${c.data.chargebackId} was already recorded`, 'chargebackId')
          : yes({ type: 'ChargebackRecorded', data: c.data } as LoyaltyEvent);
      case 'BindFamilyAccount': {
        const { customerId, familyAccountId } = c.data;
        if ((familyAccountId as string) === customerId) return no('LOYALTY_FAMILY_SELF', 'a customer cannot be their own family account', 'familyAccountId');
        if (s.family[familyAccountId]) return no('LOYALTY_FAMILY_BOUND', `${familyAccountId} is already bound`, 'familyAccountId');
        return yes({ type: 'FamilyAccountBound', data: c.data } as LoyaltyEvent);
      }
      case 'UnbindFamilyAccount':
        return s.family[c.data.familyAccountId]
          ? yes({ type: 'FamilyAccountUnbound', data: c.data } as LoyaltyEvent)
          : no('LOYALTY_FAMILY_NOT_BOUND', `${c.data.familyAccountId} is not bound`, 'familyAccountId');
      case 'RecordMonthlyScore': {
        const d = c.data;
        if (s.score && d.month <= s.score.month)
          return no('LOYALTY_SCORE_MONTH_RECORDED', `the score of ${s.score.month} is already recorded`, 'month', { latestMonth: s.score.month });
        const { spend, orderBonus, rewards, family, base } = d.components;
        const sum = spend + orderBonus + rewards + family + base;
        if (sum !== d.score) return no('LOYALTY_SCORE_COMPONENTS', `score ${d.score} is not the sum of its components (${sum})`, 'score');
        const events: LoyaltyEvent[] = [{ type: 'MonthlyScoreRecorded', data: d } as LoyaltyEvent];
        const stillEligible = keyAccountEligible(d, policy);
        if (s.keyAccount && !stillEligible) {
          events.push({ type: 'KeyAccountLapsed', data: { customerId: d.customerId, month: d.month, score: d.score, spend12m: d.spend12m, clean: d.clean, at: d.at } } as LoyaltyEvent);
          const why = `${d.month}: score ${d.score} (needs ${policy.keyAccountScore}), 12-month spend ${d.spend12m} fen (needs ${policy.keyAccountSpend}), ${d.clean ? 'clean' : 'not clean'}`;
          return withTierChange(s, events, d.customerId, d.at, policy, 'keyAccountLapsed', `no longer eligible as a key account: ${why}`);
        }
        const cmp = d.score >= policy.superScore ? '≥' : '<';
        return withTierChange(s, events, d.customerId, d.at, policy, 'monthlyScore', `monthly score of ${d.month}: ${d.score} ${cmp} ${policy.superScore}`);
      }
      case 'BuyMembership': {
        const { customerId, pricePaidFen, at } = c.data;
        const scoreAtPurchase = s.score?.score ?? null;
        const price = membershipPriceFor(scoreAtPurchase, policy);
        if (pricePaidFen !== price)
          return no('LOYALTY_MEMBERSHIP_PRICE', `the membership costs ${price} fen for a score of ${scoreAtPurchase ?? 'none'}, not ${pricePaidFen}`, 'pricePaidFen', { price });
        const current = s.membership;
        // bought while paid: the new year starts where the paid one ends
        const paidFrom = current?.active && at < current.paidUntil ? current.paidUntil : at;
        const paidUntil = addLocalMonths(paidFrom, policy.membershipMonths, policy.timeZone);
        const bought: LoyaltyEvent = { type: 'MembershipBought', data: { customerId, pricePaidFen, scoreAtPurchase, paidFrom, paidUntil, at } } as LoyaltyEvent;
        return withTierChange(s, [bought], customerId, at, policy, 'membershipBought', `membership bought for ${pricePaidFen} fen, paid until ${paidUntil}`);
      }
      case 'ExpireMembership': {
        const { customerId, paidUntil, at } = c.data;
        const m = s.membership;
        if (!m || !m.active || m.paidUntil !== paidUntil) return yes(); // renewed or already expired
        if (at < m.paidUntil) return no('LOYALTY_MEMBERSHIP_ACTIVE', `the membership is paid until ${m.paidUntil}`, 'at', { paidUntil: m.paidUntil });
        const expired: LoyaltyEvent = { type: 'MembershipExpired', data: { customerId, paidUntil, at } } as LoyaltyEvent;
        return withTierChange(s, [expired], customerId, at, policy, 'membershipExpired', `membership paid until ${paidUntil} ran out`);
      }
      case 'InviteKeyAccount': {
        const { customerId, at } = c.data;
        if (s.keyAccount) return no('LOYALTY_KEY_ACCOUNT_EXISTS', 'already a key account', 'customerId');
        const sc = s.score;
        if (!keyAccountEligible(sc, policy))
          return no(
            'LOYALTY_KEY_ACCOUNT_INELIGIBLE',
            sc
              ? `needs score ≥ ${policy.keyAccountScore}, 12-month spend ≥ ${policy.keyAccountSpend} fen and a clean record; has ${sc.score}, ${sc.spend12m} fen, ${sc.clean ? 'clean' : 'not clean'} (${sc.month})`
              : 'no monthly score recorded yet',
            'customerId',
            sc ? { score: sc.score, spend12m: sc.spend12m, clean: sc.clean, month: sc.month } : {},
          );
        const invited: LoyaltyEvent = { type: 'KeyAccountInvited', data: { customerId, score: sc!.score, spend12m: sc!.spend12m, at } } as LoyaltyEvent;
        return withTierChange(s, [invited], customerId, at, policy, 'keyAccountInvited', `invited with score ${sc!.score} and 12-month spend ${sc!.spend12m} fen (${sc!.month})`);
      }
    }
  };
  return { initialState: emptyAccount, decide, evolve: evolveAccount };
};
