import * as E from 'fp-ts/lib/Either.js';
import { make } from '../kernel/codecs.js';
import type { StoredEvent } from '../kernel/envelope.js';
import type { DomainError } from '../kernel/errors.js';
import { LoyaltyCommand } from './commands.js';
import { loyaltyDeciderFor } from './decider.js';
import type { LoyaltyEvent } from './events.js';
import { defaultLoyaltyPolicy, type LoyaltyPolicy } from './policy.js';
import type { LoyaltyAccount } from './state.js';

/** Test helpers: typed loyalty commands from plain objects, and the decider driven command by command. */
export const command = make(LoyaltyCommand);
export const C = 'c-ann';

export const earn = (orderId: string, netPaidFen: number, at: string) => command({ type: 'EarnPoints', data: { customerId: C, orderId, netPaidFen, at } });
export const reverse = (orderId: string, netPaidFen: number, at: string) => command({ type: 'ReversePoints', data: { customerId: C, orderId, netPaidFen, at } });
export const redeem = (redemptionId: string, points: number, at: string) => command({ type: 'RedeemPoints', data: { customerId: C, redemptionId, points, at } });
export const expire = (orderId: string, at: string) => command({ type: 'ExpirePoints', data: { customerId: C, orderId, at } });

/** A monthly score command whose only non-zero parts are the base and `spend` (so score = base + spend). */
export const monthly = (month: string, score: number, at: string, extra: { spend12m?: number; clean?: boolean } = {}) => {
  const clean = extra.clean ?? true;
  const base = clean ? 400 : 200;
  return command({
    type: 'RecordMonthlyScore',
    data: {
      customerId: C,
      month,
      at,
      windowFrom: at,
      score,
      components: { spend: score - base, orderBonus: 0, rewards: 0, family: 0, base },
      spend12m: extra.spend12m ?? 0,
      clean,
    },
  });
};

/** Decide each command on the state so far, evolve with what was decided; refusals are kept apart. */
export const drive = (commands: readonly LoyaltyCommand[], policy: LoyaltyPolicy = defaultLoyaltyPolicy) => {
  const d = loyaltyDeciderFor(policy);
  let state: LoyaltyAccount = d.initialState();
  const events: LoyaltyEvent[] = [];
  const refusals: DomainError[] = [];
  for (const c of commands) {
    const r = d.decide(c, state);
    if (E.isLeft(r)) refusals.push(r.left);
    else
      for (const e of r.right) {
        state = d.evolve(state, e);
        events.push(e);
      }
  }
  return { state, events, refusals };
};

/** Stored-looking envelopes for a fold (only what the projections read). */
export const stored = <E extends { type: string; data: unknown }>(events: readonly E[], tenantId = 'shop1'): StoredEvent<E & { type: string; data: unknown }>[] =>
  events.map((e, i) => ({
    ...e,
    metadata: { tenantId, globalPosition: BigInt(i + 1), streamPosition: BigInt(i), occurredAt: '2026-01-01T00:00:00.000Z', eventId: `e-${i}` },
  })) as unknown as StoredEvent<E & { type: string; data: unknown }>[];
