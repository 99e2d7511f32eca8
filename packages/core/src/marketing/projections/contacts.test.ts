import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { foldProjection } from '../../kernel/projection.js';
import type { StoredEvent } from '../../kernel/envelope.js';
import { makeMarketingDecider, type MarketingContact } from '../decider.js';
import type { MarketingCommand } from '../commands.js';
import type { MarketingEvent } from '../events.js';
import { checkCap } from '../cap.js';
import { makeMarketingContacts, marketingContactAt, marketingContacts } from './contacts.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-06-01T02:00:00.000Z');
const iso = (ms: number) => new Date(T0 + ms).toISOString();
const consent = { status: 'given', since: '2026-01-01T00:00:00.000Z', customerPosition: 1 };

const attempt = fc.record({
  customer: fc.constantFrom('c-ann', 'c-bo'),
  gap: fc.integer({ min: 0, max: 4 * DAY }),
  channel: fc.constantFrom('sms', 'email', 'push'),
  retract: fc.boolean(),
});

/** Decide each attempt on its customer's stream; the accepted events in global order. */
const history = (attempts: readonly { customer: string; gap: number; channel: string; retract: boolean }[], cap = { capMessages: 4, capWindowDays: 30 }) => {
  const d = makeMarketingDecider(cap);
  const states = new Map<string, MarketingContact>();
  const last = new Map<string, string>();
  const out: StoredEvent<MarketingEvent>[] = [];
  let t = 0;
  attempts.forEach((a, i) => {
    t += a.gap;
    const s = states.get(a.customer) ?? d.initialState();
    const c = (a.retract && last.has(a.customer)
      ? { type: 'RetractMarketingMessage', data: { customerId: a.customer, messageId: last.get(a.customer), reason: 'r', at: iso(t) } }
      : { type: 'SendMarketingMessage', data: { customerId: a.customer, messageId: `m${i}`, channel: a.channel, at: iso(t), consent } }) as MarketingCommand;
    const r = d.decide(c, s);
    if (E.isLeft(r)) return;
    let next = s;
    for (const e of r.right) {
      next = d.evolve(next, e);
      if (e.type === 'MarketingMessageSent') last.set(a.customer, e.data.messageId);
      out.push({ ...e, metadata: { tenantId: 'shop1', globalPosition: BigInt(out.length + 1) } } as unknown as StoredEvent<MarketingEvent>);
    }
    states.set(a.customer, next);
  });
  return { events: out, states, decider: d };
};

describe('marketing.contacts', () => {
  it('rebuild equals incremental, and the document agrees with the decider on the next allowed time', () =>
    fc.assert(
      fc.property(fc.array(attempt, { maxLength: 50 }), fc.nat(), (attempts, n) => {
        const { events, states } = history(attempts);
        const cut = n % (events.length + 1);
        const docs = new Map(foldProjection(marketingContacts, events.slice(0, cut)));
        for (const e of events.slice(cut)) {
          const k = `shop1/${e.data.customerId}`;
          docs.set(k, marketingContacts.apply(docs.get(k) ?? marketingContacts.init(), e)!);
        }
        expect(docs).toEqual(foldProjection(marketingContacts, events));
        for (const [k, doc] of docs) {
          const s = states.get(k.slice(6))!;
          expect(doc.recent).toEqual(s.counted);
          if (doc.lastSentAt === null) continue;
          const check = checkCap(s.counted, doc.lastSentAt, { capMessages: 4, capWindowDays: 30 });
          expect(doc.nextAllowedAt).toBe(check.allowed ? doc.lastSentAt : check.nextAllowedAt);
          expect(doc.last30DaysCount).toBeLessThanOrEqual(4);
        }
      }),
    ));

  it('counts by channel, leaves retracted messages out and tells the cap as of now', () => {
    const { events } = history([
      { customer: 'c-ann', gap: 0, channel: 'sms', retract: false },
      { customer: 'c-ann', gap: DAY, channel: 'email', retract: false },
      { customer: 'c-ann', gap: DAY, channel: 'email', retract: false },
      { customer: 'c-ann', gap: 0, channel: 'sms', retract: true },
      { customer: 'c-ann', gap: DAY, channel: 'push', retract: false },
      { customer: 'c-ann', gap: DAY, channel: 'push', retract: false },
    ]);
    const doc = foldProjection(marketingContacts, events).get('shop1/c-ann')!;
    expect(doc).toMatchObject({ sent: 4, retracted: 1, byChannel: { sms: 1, email: 1, push: 2 }, lastSentAt: iso(4 * DAY), last30DaysCount: 4, nextAllowedAt: iso(30 * DAY + 1) });
    expect(marketingContactAt(doc, iso(30 * DAY))).toEqual({ inWindow: 4, allowedNow: false, nextAllowedAt: iso(30 * DAY + 1) });
    expect(marketingContactAt(doc, iso(30 * DAY + 1))).toEqual({ inWindow: 3, allowedNow: true, nextAllowedAt: iso(30 * DAY + 1) });
    expect(marketingContactAt(undefined, iso(0))).toEqual({ inWindow: 0, allowedNow: true, nextAllowedAt: null });
  });

  it('follows the shop’s cap', () => {
    const cap = { capMessages: 1, capWindowDays: 7 };
    const { events } = history([{ customer: 'c-ann', gap: DAY, channel: 'sms', retract: false }], cap);
    expect(foldProjection(makeMarketingContacts(cap), events).get('shop1/c-ann')).toMatchObject({ last30DaysCount: 1, nextAllowedAt: iso(8 * DAY + 1) });
  });
});
