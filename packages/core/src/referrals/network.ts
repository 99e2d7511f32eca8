import * as E from 'fp-ts/lib/Either.js';
import { absurd } from 'fp-ts/lib/function.js';
import type { Decider } from '../kernel/decider.js';
import { domainError, type DomainError } from '../kernel/errors.js';
import { localMonthOf } from '../calendar/localDate.js';
import { levelCommissions } from './arithmetic.js';
import type { ReferralNetworkCommand } from './commands.js';
import type { Fen } from '../kernel/codecs.js';
import type { CustomerId } from '../shared/ids.js';
import type { Month, ReferralLevel } from './codecs.js';
import type { ReferralNetworkEvent } from './events.js';
import { MAX_REFERRAL_LEVELS, type BasisPoints, type ReferralPolicy } from './policy.js';

export type ReferralNetworkErrorCode =
  | 'REFERRAL_SELF_REFERRAL'
  | 'REFERRAL_ALREADY_SET'
  | 'REFERRAL_CYCLE'
  | 'REFERRAL_UNKNOWN_REFERRER';

/** A member of the network: its referrer (set at registration) and the uplines above it. */
export interface NetworkMember {
  readonly referrerId: CustomerId | null;
  readonly upline: readonly CustomerId[];
}

/** What is held on one commissioned order, level by level. */
export interface OrderCommissions {
  readonly buyerId: CustomerId;
  /** The net paid the held commissions were last computed on. */
  net: number;
  /** The rates at completion: every recomputation uses them, whatever the policy says later. */
  readonly rates: readonly number[];
  readonly levels: { readonly level: number; readonly beneficiaryId: CustomerId; held: number }[];
}

/**
 * The shop's referral network: who referred whom, and what each commissioned order holds.
 * `referrerOf` also knows referrers that appear only in history (for the cycle check).
 */
export interface ReferralNetwork {
  readonly members: Map<string, NetworkMember>;
  readonly referrerOf: Map<string, CustomerId | null>;
  readonly orders: Map<string, OrderCommissions>;
}

type Refusal = DomainError<ReferralNetworkErrorCode>;
const no = (code: ReferralNetworkErrorCode, message: string, details?: Record<string, unknown>): E.Either<Refusal, never> =>
  E.left(domainError(code, message, ['data', 'referrerId'], details));

/** True when walking up from `from` reaches `target` (bounded, so a corrupt history cannot loop). */
const reaches = (s: ReferralNetwork, from: string, target: string): boolean => {
  let at: CustomerId | null | undefined = from as CustomerId;
  for (let steps = 0; at != null && steps <= s.referrerOf.size; steps++) {
    if (at === target) return true;
    at = s.referrerOf.get(at);
  }
  return false;
};

const join = (c: Extract<ReferralNetworkCommand, { type: 'JoinReferralNetwork' }>, s: ReferralNetwork) => {
  const { customerId, referrerId, at } = c.data;
  // the order of DOMAIN §11: self-referral, referrer already set, cycle; the first that applies
  if (referrerId === customerId) return no('REFERRAL_SELF_REFERRAL', 'a customer cannot refer themselves');
  const member = s.members.get(customerId);
  if (member)
    return no(
      'REFERRAL_ALREADY_SET',
      `customer ${customerId} joined already (referrer ${member.referrerId ?? 'none'}); a referrer is set only at registration`,
      { referrerId: member.referrerId },
    );
  if (referrerId === null) return E.right<Refusal, ReferralNetworkEvent[]>([{ type: 'ReferralNetworkJoined', data: { customerId, referrerId, upline: [], at } }]);
  if (reaches(s, referrerId, customerId))
    return no('REFERRAL_CYCLE', `customer ${customerId} is already above ${referrerId} in the network: the referral would make a cycle`);
  const referrer = s.members.get(referrerId);
  if (!referrer) return no('REFERRAL_UNKNOWN_REFERRER', `referrer ${referrerId} is not a registered customer`);
  const upline = [referrerId, ...referrer.upline].slice(0, MAX_REFERRAL_LEVELS);
  return E.right<Refusal, ReferralNetworkEvent[]>([{ type: 'ReferralNetworkJoined', data: { customerId, referrerId, upline, at } }]);
};

/**
 * The network decider for a policy. Joining follows registration; commissions follow
 * order completion (at most 3 levels, rounded down level by level); a refund of a
 * completed order recomputes every level on the new net paid and claws back the
 * difference, so the total taken back never exceeds what was paid for a level.
 *
 * `evolve` updates the state's maps in place: a shop's network holds every member, and
 * copying it per event would make a fold quadratic. Each fold starts from a fresh
 * `initialState()`, so no state is shared.
 */
export const makeReferralNetworkDecider = (
  policy: ReferralPolicy,
): Decider<ReferralNetwork, ReferralNetworkCommand, ReferralNetworkEvent, DomainError> => {
  const monthOf = (at: string) => localMonthOf(at, policy.timeZone) as Month;

  const decide = (c: ReferralNetworkCommand, s: ReferralNetwork): E.Either<Refusal, readonly ReferralNetworkEvent[]> => {
    switch (c.type) {
      case 'JoinReferralNetwork':
        return join(c, s);
      case 'EarnReferralCommissions': {
        const { orderId, customerId: buyerId, netPaid: net, at } = c.data;
        const upline = s.members.get(buyerId)?.upline ?? [];
        // an order commissioned before (a redelivery), or a buyer nobody referred: nothing to pay
        if (s.orders.has(orderId) || upline.length === 0) return E.right([]);
        const month = monthOf(at);
        return E.right(
          levelCommissions(net, policy.levels)
            .slice(0, upline.length)
            .map((l, i) => ({
              type: 'ReferralCommissionEarned' as const,
              data: { orderId, buyerId, level: l.level as ReferralLevel, beneficiaryId: upline[i]!, net, base: l.base as Fen, rate: l.rate as BasisPoints, amount: l.amount as Fen, month, at },
            })),
        );
      }
      case 'ClawBackReferralCommissions': {
        const { orderId, netPaid: net, at } = c.data;
        const order = s.orders.get(orderId);
        if (!order || net >= order.net) return E.right([]);
        const after = levelCommissions(net, order.rates);
        const month = monthOf(at);
        return E.right(
          order.levels.flatMap((l) => {
            const recomputed = after[l.level - 1]!;
            const amount = Math.max(0, l.held - recomputed.amount);
            if (amount === 0) return [];
            return [
              {
                type: 'ReferralCommissionClawedBack' as const,
                data: {
                  orderId,
                  buyerId: order.buyerId,
                  level: l.level as ReferralLevel,
                  beneficiaryId: l.beneficiaryId,
                  netBefore: order.net as Fen,
                  net,
                  base: recomputed.base as Fen,
                  rate: recomputed.rate as BasisPoints,
                  commissionBefore: l.held as Fen,
                  commissionAfter: (l.held - amount) as Fen,
                  amount: amount as Fen,
                  month,
                  at,
                },
              },
            ];
          }),
        );
      }
      default:
        return absurd(c);
    }
  };

  const evolve = (s: ReferralNetwork, e: ReferralNetworkEvent): ReferralNetwork => {
    switch (e.type) {
      case 'ReferralNetworkJoined': {
        const { customerId, referrerId, upline } = e.data;
        s.members.set(customerId, { referrerId, upline });
        s.referrerOf.set(customerId, referrerId);
        if (referrerId !== null && !s.referrerOf.has(referrerId)) s.referrerOf.set(referrerId, upline[1] ?? null);
        return s;
      }
      case 'ReferralCommissionEarned': {
        const { orderId, buyerId, level, beneficiaryId, net, rate, amount } = e.data;
        const order = s.orders.get(orderId) ?? { buyerId, net, rates: [], levels: [] };
        (order.rates as number[])[level - 1] = rate;
        order.levels.push({ level, beneficiaryId, held: amount });
        s.orders.set(orderId, order);
        return s;
      }
      case 'ReferralCommissionClawedBack': {
        const order = s.orders.get(e.data.orderId);
        if (!order) return s;
        order.net = e.data.net;
        const l = order.levels.find((x) => x.level === e.data.level);
        if (l) l.held = e.data.commissionAfter;
        return s;
      }
      default:
        return absurd(e);
    }
  };

  return { initialState: () => ({ members: new Map(), referrerOf: new Map(), orders: new Map() }), decide, evolve };
};
