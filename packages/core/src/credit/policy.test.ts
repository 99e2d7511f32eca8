import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { ordersPolicy, defaultOrdersPolicy } from '../orders/policy.js';
import { localMonthOf as localMonth } from '../calendar/localDate.js';
import { creditPolicy, defaultCreditPolicy } from './policy.js';

describe('policies', () => {
  it('default to Taobao’s numbers', () => {
    expect(defaultOrdersPolicy).toEqual({ noReasonReturnDays: 7, qualityReturnDays: 30, ratingDays: 15, autoCompleteDays: 10 });
    expect(defaultCreditPolicy).toMatchObject({ timeZone: 'Asia/Shanghai', sameProductDays: 14, monthlyCap: 6, goodRateDays: 180 });
    expect(defaultCreditPolicy.levels).toHaveLength(20);
  });
  it('take a shop’s overrides and keep the rest', () => {
    expect(ordersPolicy({ autoCompleteDays: 15, ratingDays: undefined })).toEqual(E.right({ ...defaultOrdersPolicy, autoCompleteDays: 15 }));
    expect(creditPolicy({ timeZone: 'Europe/Berlin', monthlyCap: 3 })).toEqual(E.right({ ...defaultCreditPolicy, timeZone: 'Europe/Berlin', monthlyCap: 3 }));
  });
  it('refuse bad values with the field path', () => {
    expect(ordersPolicy({ noReasonReturnDays: 0 })).toMatchObject({ left: { kind: 'ValidationError', issues: [{ path: ['noReasonReturnDays'] }] } });
    expect(creditPolicy({ timeZone: 'Mars/Olympus' })).toMatchObject({ left: { issues: [{ path: ['timeZone'] }] } });
    expect(creditPolicy({ levels: [{ kind: 'heart', rank: 1, from: 10 }, { kind: 'heart', rank: 2, from: 5 }] })).toMatchObject({
      left: { issues: [{ path: ['levels'] }] },
    });
    expect(creditPolicy({ levels: [{ kind: 'star', rank: 6, from: 1 }] })).toMatchObject({
      left: { issues: [{ path: ['levels', 0, 'kind'] }, { path: ['levels', 0, 'rank'] }] },
    });
  });
});

describe('local months', () => {
  it('read the calendar month in the policy time zone', () => {
    expect(localMonth('2026-03-31T15:59:59.999Z', 'Asia/Shanghai')).toBe('2026-03');
    expect(localMonth('2026-03-31T16:00:00.000Z', 'Asia/Shanghai')).toBe('2026-04');
    expect(localMonth('2026-03-31T16:00:00.000Z', 'UTC')).toBe('2026-03');
    expect(localMonth('2026-01-01T04:59:59.999Z', 'America/New_York')).toBe('2025-12');
  });
});
