import { describe, expect, it } from 'vitest';
import { fold } from './decider.js';
import { accountDecider, type AccountEvent } from './loyaltyAccount.fixture.js';

const opened = (accountId: string) => ({ type: 'AccountOpened', data: { accountId } }) as AccountEvent;
const earned = (accountId: string, points: number) => ({ type: 'PointsEarned', data: { accountId, points } }) as AccountEvent;

describe('fold', () => {
  it('folds events with evolve from a given state', () => {
    const s = fold(accountDecider, accountDecider.initialState(), [opened('a1'), earned('a1', 5), earned('a1', 6)]);
    expect(s).toEqual({ opened: true, closed: false, balance: 11 });
    expect(fold(accountDecider, s, [])).toBe(s);
  });
});
