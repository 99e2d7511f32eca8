import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import type { Decider } from '../kernel/decider.js';
import { domainError, type DomainError } from '../kernel/errors.js';
import { specFor } from './deciderSpecification.js';

// A tiny points account: Earn adds, Redeem may not overdraw, Close needs a zero balance and
// closing a closed account changes nothing.
type Event =
  | { type: 'PointsEarned'; data: { points: number } }
  | { type: 'PointsRedeemed'; data: { points: number } }
  | { type: 'AccountClosed'; data: Record<string, never> };
type Command =
  | { type: 'Earn'; data: { points: number } }
  | { type: 'Redeem'; data: { points: number } }
  | { type: 'Close'; data: Record<string, never> };
type State = { balance: number; closed: boolean };
type Code = 'POINTS_INSUFFICIENT' | 'ACCOUNT_NOT_EMPTY' | 'ACCOUNT_CLOSED';

const account: Decider<State, Command, Event, DomainError<Code>> = {
  initialState: () => ({ balance: 0, closed: false }),
  decide: (c, s) => {
    if (c.type === 'Close') {
      if (s.closed) return E.right([]);
      return s.balance === 0 ? E.right([{ type: 'AccountClosed', data: {} }]) : E.left(domainError('ACCOUNT_NOT_EMPTY', `${s.balance} points left`, ['type']));
    }
    if (s.closed) return E.left(domainError('ACCOUNT_CLOSED', 'account is closed', ['type']));
    if (c.type === 'Earn') return E.right([{ type: 'PointsEarned', data: { points: c.data.points } }]);
    return c.data.points > s.balance
      ? E.left(domainError('POINTS_INSUFFICIENT', `${c.data.points} > ${s.balance}`, ['data', 'points']))
      : E.right([{ type: 'PointsRedeemed', data: { points: c.data.points } }]);
  },
  evolve: (s, e) => {
    switch (e.type) {
      case 'PointsEarned':
        return { ...s, balance: s.balance + e.data.points };
      case 'PointsRedeemed':
        return { ...s, balance: s.balance - e.data.points };
      case 'AccountClosed':
        return { ...s, closed: true };
    }
  },
};

const given = specFor(account);
const earned = (points: number): Event => ({ type: 'PointsEarned', data: { points } });
const redeemed = (points: number): Event => ({ type: 'PointsRedeemed', data: { points } });
type PointsCommand = Extract<Command, { type: 'Earn' | 'Redeem' }>;
const earn = (points: number): PointsCommand => ({ type: 'Earn', data: { points } });
const redeem = (points: number): PointsCommand => ({ type: 'Redeem', data: { points } });
const close: Command = { type: 'Close', data: {} };

describe('specFor', () => {
  describe('passes when the decider does what is expected', () => {
    it('then: folds the given events before deciding', () => given([earned(30), earned(20)]).when(redeem(50)).then([redeemed(50)]));
    it('then: from the initial state when nothing is given', () => given([]).when(earn(5)).then([earned(5)]));
    it('thenRejects: code and path', () =>
      given([earned(30), redeemed(10)]).when(redeem(21)).thenRejects('POINTS_INSUFFICIENT', ['data', 'points']));
    it('thenRejects: code alone', () => given([earned(1)]).when(close).thenRejects('ACCOUNT_NOT_EMPTY'));
    it('thenNothing: accepted with no events', () => given([{ type: 'AccountClosed', data: {} }]).when(close).thenNothing());
  });

  describe('fails, saying why, when the decider does something else', () => {
    it('then: other events', () =>
      expect(() => given([earned(30)]).when(redeem(10)).then([redeemed(11)])).toThrow(/Redeem after 1 given event\(s\): decided events/));
    it('then: more events than decided', () =>
      expect(() => given([earned(30)]).when(redeem(10)).then([redeemed(10), redeemed(10)])).toThrow());
    it('then: the decider refused, naming code, path and message', () =>
      expect(() => given([earned(30)]).when(redeem(31)).then([redeemed(31)])).toThrow(
        /expected events .*but the decider refused with POINTS_INSUFFICIENT at data\.points: 31 > 30/,
      ));
    it('thenRejects: the decider accepted', () =>
      expect(() => given([earned(30)]).when(redeem(30)).thenRejects('POINTS_INSUFFICIENT', ['data', 'points'])).toThrow(
        /expected a refusal POINTS_INSUFFICIENT at data\.points, but the decider accepted with events \[\{"type":"PointsRedeemed"/,
      ));
    it('thenRejects: another code', () =>
      expect(() => given([{ type: 'AccountClosed', data: {} }]).when(earn(1)).thenRejects('POINTS_INSUFFICIENT')).toThrow(/ACCOUNT_CLOSED/));
    it('thenRejects: the right code at another path', () =>
      expect(() => given([]).when(redeem(1)).thenRejects('POINTS_INSUFFICIENT', ['data', 'amount'])).toThrow(/path of refusal/));
    it('thenNothing: events were decided', () =>
      expect(() => given([]).when(close).thenNothing()).toThrow(/expected no events/));
    it('thenNothing: the decider refused', () =>
      expect(() => given([earned(2)]).when(close).thenNothing()).toThrow(/refused with ACCOUNT_NOT_EMPTY at type: 2 points left/));
  });

  it('then passes exactly for what decide returns, for any history and command', () => {
    const history = fc.array(fc.oneof(fc.nat(100).map(earned), fc.nat(100).map(redeemed)), { maxLength: 8 });
    const command = fc.oneof(fc.nat(300).map(earn), fc.nat(300).map(redeem));
    fc.assert(
      fc.property(history, command, fc.nat(300), (events, c, other) => {
        const balance = events.reduce((b, e) => (e.type === 'PointsEarned' ? b + e.data.points : e.type === 'PointsRedeemed' ? b - e.data.points : b), 0);
        const accepts = c.type === 'Earn' || c.data.points <= balance;
        const spec = given(events).when(c);
        if (accepts) {
          const as = c.type === 'Earn' ? earned : redeemed;
          spec.then([as(c.data.points)]);
          expect(() => spec.thenRejects('POINTS_INSUFFICIENT')).toThrow();
          if (other !== c.data.points) expect(() => spec.then([as(other)])).toThrow();
        } else {
          spec.thenRejects('POINTS_INSUFFICIENT', ['data', 'points']);
          expect(() => spec.then([redeemed(c.data.points)])).toThrow();
          expect(() => spec.thenNothing()).toThrow();
        }
      }),
    );
  });
});
