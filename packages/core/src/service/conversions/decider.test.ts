import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { make } from '../../kernel/codecs.js';
import { fold } from '../../kernel/decider.js';
import { ServiceCustomerCommand } from './commands.js';
import { paidWithin, serviceCustomerDecider, type ServiceCustomer } from './decider.js';
import type { ServiceCustomerEvent } from './events.js';

const d = serviceCustomerDecider();
const cmd = make(ServiceCustomerCommand);
const OPENED = '2026-03-10T01:00:00.000Z';
const plus = (iso: string, min: number) => new Date(Date.parse(iso) + min * 60_000).toISOString();
const note = (inquiryId: string, openedAt = OPENED) => cmd({ type: 'NoteCustomerInquiry', data: { customerId: 'c-ann', inquiryId, agentId: 'ag-amy', openedAt } });
const pay = (orderId: string, paidAt: string, amount = 5000) => cmd({ type: 'RecordCustomerPayment', data: { customerId: 'c-ann', orderId, amount, paidAt } });

const run = (cs: ServiceCustomerCommand[]) => {
  let s: ServiceCustomer = d.initialState();
  const events: ServiceCustomerEvent[] = [];
  for (const c of cs) {
    const r = d.decide(c, s);
    if (E.isLeft(r)) throw new Error(r.left.message);
    events.push(...r.right);
    s = fold(d, s, r.right);
  }
  return events;
};
const pairs = (events: ServiceCustomerEvent[]) =>
  events.flatMap((e) => (e.type === 'InquiryOrderPaid' ? [`${e.data.inquiryId}/${e.data.orderId}`] : [])).sort();

describe('inquiry conversion within 24 h', () => {
  it('a payment 23:59 after the first message converts, 24:01 does not, exactly 24:00 does', () => {
    expect(pairs(run([note('iq-1'), pay('o-1', plus(OPENED, 23 * 60 + 59))]))).toEqual(['iq-1/o-1']);
    expect(pairs(run([note('iq-1'), pay('o-1', plus(OPENED, 24 * 60 + 1))]))).toEqual([]);
    expect(pairs(run([note('iq-1'), pay('o-1', plus(OPENED, 24 * 60))]))).toEqual(['iq-1/o-1']);
    expect(pairs(run([note('iq-1'), pay('o-1', plus(OPENED, -1))]))).toEqual([]);
  });

  it('matches whichever fact arrives second; the same payment twice is nothing new, a different one is refused', () => {
    expect(pairs(run([pay('o-1', plus(OPENED, 30)), note('iq-1')]))).toEqual(['iq-1/o-1']);
    expect(run([note('iq-1'), pay('o-1', plus(OPENED, 30)), pay('o-1', plus(OPENED, 30))]).length).toBe(3);
    const s = fold(d, d.initialState(), run([pay('o-1', plus(OPENED, 30))]));
    const r = d.decide(pay('o-1', plus(OPENED, 30), 4000), s);
    expect(E.isLeft(r) && r.left).toMatchObject({ code: 'SERVICE_PAYMENT_CONFLICT', path: ['data', 'orderId'] });
  });

  it('the pairs do not depend on the order facts arrive in', () => {
    const fact = fc.oneof(
      fc.integer({ min: 0, max: 5 * 24 * 60 }).map((m) => ({ kind: 'note' as const, at: plus(OPENED, m) })),
      fc.integer({ min: 0, max: 5 * 24 * 60 }).map((m) => ({ kind: 'pay' as const, at: plus(OPENED, m) })),
    );
    fc.assert(
      fc.property(fc.array(fact, { maxLength: 12 }).chain((fs) => fc.tuple(fc.constant(fs), fc.shuffledSubarray(fs.map((_, i) => i), { minLength: fs.length, maxLength: fs.length }))), ([facts, order]) => {
        const commands = facts.map((f, i) => (f.kind === 'note' ? note(`iq-${i}`, f.at) : pay(`o-${i}`, f.at)));
        const expected = facts.flatMap((n, i) =>
          n.kind !== 'note' ? [] : facts.flatMap((p, j) => (p.kind === 'pay' && paidWithin(n.at, p.at, 24 * 3_600_000) ? [`iq-${i}/o-${j}`] : [])),
        );
        expect(pairs(run(order.map((i) => commands[i]!)))).toEqual(expected.sort());
      }),
    );
  });
});
