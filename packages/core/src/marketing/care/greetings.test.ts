import { describe, expect, it } from 'vitest';
import { MemoryVault } from '@rapport/memory';
import type { CustomerProfileDoc } from '../../customers/projections/customerProfile.js';
import { customerProfile } from '../../customers/projections/customerProfile.js';
import { defaultMarketingPolicy } from '../policy.js';
import { birthdayGreetingsDue, greetingDateAt, holidayGreetingsDue, holidaysOn, isBirthdayOn } from './greetings.js';

const vault = new MemoryVault();
const doc = async (customerId: string, over: Partial<CustomerProfileDoc> & { born?: string } = {}): Promise<CustomerProfileDoc> => {
  const { born, ...rest } = over;
  const base: CustomerProfileDoc = { ...customerProfile.init(), customerId, tenantId: 'shop1', registeredAt: '2026-01-01T00:00:00.000Z' as never, consent: { sms: { given: true, at: '2026-01-01T00:00:00.000Z' as never } } };
  return { ...base, ...(born ? { birthday: await vault.encrypt('shop1', customerId, born) } : {}), ...rest };
};

describe('birthday greetings', () => {
  it('greets consenting, non-erased customers born that day, by their first preferred consented channel', async () => {
    const docs = [
      await doc('c-ann', { born: '1994-08-15' }),
      await doc('c-bo', { born: '1990-08-15', consent: { sms: { given: true, at: '2026-01-01T00:00:00.000Z' as never }, push: { given: true, at: '2026-01-01T00:00:00.000Z' as never } } }),
      await doc('c-cy', { born: '1991-08-15', consent: { sms: { given: false, at: '2026-02-01T00:00:00.000Z' as never } } }),
      await doc('c-di', { born: '1992-08-16' }),
      await doc('c-ed', {}),
      await doc('c-fa', { born: '1993-08-15', consent: {} }),
    ];
    const due = await birthdayGreetingsDue('2026-08-15', docs, vault, defaultMarketingPolicy);
    expect(due).toEqual([
      { tenantId: 'shop1', customerId: 'c-ann', occasion: 'birthday', name: 'birthday', channel: 'sms', date: '2026-08-15' },
      { tenantId: 'shop1', customerId: 'c-bo', occasion: 'birthday', name: 'birthday', channel: 'push', date: '2026-08-15' },
    ]);
    expect(await birthdayGreetingsDue('2026-08-15', docs, vault, { greetingChannels: ['email'] })).toEqual([]);
  });

  it('skips an erased customer: marked erased, or the vault no longer holds the key', async () => {
    const gone = await doc('c-gone', { born: '1994-08-15' });
    const marked = { ...(await doc('c-marked', { born: '1994-08-15' })), erased: true };
    await vault.erase('shop1', 'c-gone');
    expect(await birthdayGreetingsDue('2026-08-15', [gone, marked], vault, defaultMarketingPolicy)).toEqual([]);
  });

  it('greets a 29 February birthday on 28 February in other years', () => {
    expect(isBirthdayOn('2000-02-29', '2027-02-28')).toBe(true);
    expect(isBirthdayOn('2000-02-29', '2028-02-28')).toBe(false);
    expect(isBirthdayOn('2000-02-29', '2028-02-29')).toBe(true);
    expect(isBirthdayOn('2000-02-28', '2028-02-29')).toBe(false);
  });

  it('reads the date in the policy time zone', () => {
    expect(greetingDateAt('2026-08-14T15:59:59.999Z', defaultMarketingPolicy)).toBe('2026-08-14');
    expect(greetingDateAt('2026-08-14T16:00:00.000Z', defaultMarketingPolicy)).toBe('2026-08-15');
  });

  it('refuses a date that is not YYYY-MM-DD', async () => {
    await expect(birthdayGreetingsDue('2026-02-30', [], vault, defaultMarketingPolicy)).rejects.toMatchObject({ code: 'RAPPORT_INVALID_ARGUMENT' });
  });
});

describe('holiday greetings', () => {
  it('knows 春节 and 中秋节 per year and 双十一 every year', () => {
    expect(holidaysOn('2026-02-17', defaultMarketingPolicy.holidays).map((h) => h.name)).toEqual(['春节']);
    expect(holidaysOn('2027-09-15', defaultMarketingPolicy.holidays).map((h) => h.name)).toEqual(['中秋节']);
    expect(holidaysOn('2031-11-11', defaultMarketingPolicy.holidays).map((h) => h.name)).toEqual(['双十一']);
    expect(holidaysOn('2026-02-18', defaultMarketingPolicy.holidays)).toEqual([]);
  });

  it('greets only consenting, registered, non-erased customers on a holiday', async () => {
    const docs = [await doc('c-bo'), await doc('c-ann'), { ...(await doc('c-er')), erased: true }, await doc('c-no', { consent: {} }), { ...(await doc('c-lead')), registeredAt: null }];
    expect(holidayGreetingsDue('2026-11-11', docs, defaultMarketingPolicy).map((g) => [g.customerId, g.name, g.channel])).toEqual([
      ['c-ann', '双十一', 'sms'],
      ['c-bo', '双十一', 'sms'],
    ]);
    expect(holidayGreetingsDue('2026-11-12', docs, defaultMarketingPolicy)).toEqual([]);
  });
});
