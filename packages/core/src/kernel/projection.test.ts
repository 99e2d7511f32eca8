import { describe, expect, it } from 'vitest';
import { pointsBalance, pointsLedger, SHOP_TOTAL, storedAccountEvent, type AccountEvent } from './loyaltyAccount.fixture.js';
import { foldProjection, projectionEventTypes } from './projection.js';

let position = 0n;
const stored = (e: AccountEvent, tenantId = 'shop_a') => storedAccountEvent(e, (position += 1n), tenantId);
const opened = (accountId: string) => ({ type: 'AccountOpened', data: { accountId } }) as AccountEvent;
const earned = (accountId: string, points: number) => ({ type: 'PointsEarned', data: { accountId, points } }) as AccountEvent;
const closed = (accountId: string) => ({ type: 'AccountClosed', data: { accountId } }) as AccountEvent;

describe('foldProjection', () => {
  it('keys documents by tenant and id, and null deletes', () => {
    const docs = foldProjection(pointsBalance, [
      stored(opened('a1')),
      stored(earned('a1', 5)),
      stored(earned('a1', 7), 'shop_b'),
      stored(earned('a2', 1)),
      stored(closed('a2')),
    ]);
    expect(Object.fromEntries(docs)).toEqual({
      'shop_a/a1': { balance: 5, earned: 5, redeemed: 0 },
      'shop_b/a1': { balance: 7, earned: 7, redeemed: 0 },
    });
  });

  it('feeds only the events the projection reads, to every id keyOf names', () => {
    const docs = foldProjection(pointsLedger, [stored(opened('a1')), stored(earned('a1', 5)), stored(earned('a2', 2))]);
    expect(Object.fromEntries(docs)).toEqual({
      'shop_a/a1': { points: 5, events: 1 },
      'shop_a/a2': { points: 2, events: 1 },
      [`shop_a/${SHOP_TOTAL}`]: { points: 7, events: 2 },
    });
  });

  it('names the types a projection reads, from a codec or a list', () => {
    expect(projectionEventTypes(pointsBalance as never)).toEqual(['AccountOpened', 'PointsEarned', 'PointsRedeemed', 'AccountClosed']);
    expect(projectionEventTypes(pointsLedger as never)).toEqual(['PointsEarned', 'PointsRedeemed']);
  });
});
