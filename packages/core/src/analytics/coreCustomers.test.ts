import { describe, expect, it } from 'vitest';
import { coreCustomersReport } from './coreCustomers.js';
import { customerDoc } from './fixtures.js';
import { defaultAnalyticsPolicy as policy } from './policy.js';

const asOf = '2026-06-30T12:00:00.000Z';
const spend = (id: string, fen: number) => customerDoc(id, asOf, [{ completedDaysAgo: 3, paid: fen }]);
const core = (docs: ReturnType<typeof spend>[]) => coreCustomersReport(docs, { asOf, by: 'recordedAt' }, policy);

describe('core customers (DOMAIN §6, §11)', () => {
  it('the shortest prefix by spend (then id) that reaches 80%; a tie at the cut goes by id', () => {
    // total 1000, 80% = 800: x 600, then y or z at 200 — y by id reaches exactly 800
    const r = core([spend('z', 200), spend('x', 600), spend('y', 200)]);
    expect(r.customers).toEqual([
      { customerId: 'x', netSpend: 600 },
      { customerId: 'y', netSpend: 200 },
    ]);
    expect([r.totalNet, r.coreNet, r.share]).toEqual([1000, 800, { numerator: 800, denominator: 1000, percent: 80 }]);
  });

  it('keeps adding tied customers while below 80%', () => {
    // total 1300, 80% = 1040: a 400, b 700, c 1000 (< 1040), d 1300
    const r = core([spend('d', 300), spend('a', 400), spend('c', 300), spend('b', 300)]);
    expect(r.customers.map((c) => c.customerId)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('never counts zero spenders; with nothing spent there are no core customers', () => {
    const refundedInFull = customerDoc('r', asOf, [{ completedDaysAgo: 3, paid: 500, refunds: [{ daysAgo: 2, amount: 500 }] }]);
    expect(core([spend('a', 100), refundedInFull]).customers.map((c) => c.customerId)).toEqual(['a']);
    expect(core([refundedInFull])).toMatchObject({ totalNet: 0, coreNet: 0, share: null, customers: [], spenders: 0 });
  });

  it('looks at the 365-day window only', () => {
    const old = customerDoc('old', asOf, [{ completedDaysAgo: 366, paid: 1_000_000 }]);
    expect(core([old, spend('a', 100)]).customers.map((c) => c.customerId)).toEqual(['a']);
  });
});
