import * as E from 'fp-ts/lib/Either.js';
import { make } from '../kernel/codecs.js';
import type { Decider } from '../kernel/decider.js';
import type { DomainError } from '../kernel/errors.js';
import { PayoutCommand, ReferralNetworkCommand } from './commands.js';
import { ReferralNetworkEvent } from './events.js';

/** Test helpers: typed commands and events from plain objects, and a decider driven command by command. */
export const networkCommand = make(ReferralNetworkCommand);
export const networkEvent = make(ReferralNetworkEvent);
export const payoutCommand = make(PayoutCommand);

export const T0 = '2026-03-01T02:00:00.000Z';
export const join = (customerId: string, referrerId: string | null, at = T0) =>
  networkCommand({ type: 'JoinReferralNetwork', data: { customerId, referrerId, at } });
export const earn = (orderId: string, customerId: string, netPaid: number, at = '2026-03-10T02:00:00.000Z') =>
  networkCommand({ type: 'EarnReferralCommissions', data: { orderId, customerId, netPaid, at } });
export const clawBack = (orderId: string, customerId: string, netPaid: number, at = '2026-03-20T02:00:00.000Z') =>
  networkCommand({ type: 'ClawBackReferralCommissions', data: { orderId, customerId, netPaid, at } });

/** Decide each command on the state so far, evolve with what was decided; refusals are kept apart. */
export const drive = <S, C, Ev>(d: Decider<S, C, Ev, DomainError>, commands: readonly C[]) => {
  let state = d.initialState();
  const events: Ev[] = [];
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
