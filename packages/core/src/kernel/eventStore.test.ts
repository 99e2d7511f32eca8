import { describe, expect, it } from 'vitest';
import { describeExpected, matchesFilter } from './eventStore.js';
import { storedAccountEvent, type AccountEvent } from './loyaltyAccount.fixture.js';

const earned = (accountId: string, points: number) => ({ type: 'PointsEarned', data: { accountId, points } }) as AccountEvent;

describe('matchesFilter', () => {
  const e = storedAccountEvent(earned('a1', 5), 1n, 'shop_a');
  it.each([
    [undefined, true],
    [{}, true],
    [{ categories: ['account'] }, true],
    [{ categories: ['customer'] }, false],
    [{ eventTypes: ['PointsEarned', 'X'] }, true],
    [{ eventTypes: ['PointsRedeemed'] }, false],
    [{ tenantId: 'shop_a' }, true],
    [{ tenantId: 'shop_b' }, false],
    [{ categories: ['account'], eventTypes: ['PointsEarned'], tenantId: 'shop_b' }, false],
  ])('%o → %s', (filter, expected) => expect(matchesFilter(e, filter)).toBe(expected));
});

describe('describeExpected', () => {
  it('writes versions as decimals and words as they are', () => {
    expect(describeExpected(12n)).toBe('12');
    expect(describeExpected('no_stream')).toBe('no_stream');
  });
});
