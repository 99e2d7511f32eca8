import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { specFor } from '../testing/deciderSpecification.js';
import { makeMarketingDecider, marketingDecider, type MarketingContact } from './decider.js';
import type { MarketingCommand } from './commands.js';
import type { MarketingEvent } from './events.js';
import type { ConsentFact } from './values.js';
import { inWindow } from './cap.js';

const given = specFor(marketingDecider);
const DAY = 86_400_000;
const T0 = Date.parse('2026-06-01T02:00:00.000Z');
const iso = (ms: number) => new Date(T0 + ms).toISOString();
const consent: ConsentFact = { status: 'given', since: '2026-01-01T00:00:00.000Z' as never, customerPosition: 3 as never };

const send = (id: string, ms: number, over: Partial<{ consent: ConsentFact; channel: string; campaignId: string }> = {}): MarketingCommand =>
  ({ type: 'SendMarketingMessage', data: { customerId: 'c-ann', messageId: id, channel: 'sms', at: iso(ms), consent, ...over } }) as MarketingCommand;
const sent = (id: string, ms: number, channel = 'sms'): MarketingEvent =>
  ({ type: 'MarketingMessageSent', data: { customerId: 'c-ann', messageId: id, channel, campaignId: null, at: iso(ms), consent } }) as MarketingEvent;
const four = [sent('m1', 0), sent('m2', 2 * DAY), sent('m3', 5 * DAY), sent('m4', 9 * DAY)];

describe('marketing messages', () => {
  it('records a message with the consent it relied on', () => given([]).when(send('m1', 0, { campaignId: 'summer' })).then([{ ...sent('m1', 0), data: { ...sent('m1', 0).data, campaignId: 'summer' } } as MarketingEvent]));

  it('refuses the 5th in 30 days with the instant the oldest leaves the window', () => {
    given(four).when(send('m5', 10 * DAY)).thenRejects('MARKETING_CAP_REACHED', ['data', 'at']);
    const s = four.reduce(marketingDecider.evolve, marketingDecider.initialState());
    expect(marketingDecider.decide(send('m5', 10 * DAY), s)).toMatchObject({ left: { details: { nextAllowedAt: iso(30 * DAY + 1), inWindow: 4 } } });
  });

  it('allows it again exactly at nextAllowedAt, not 1 ms before (the window is 30 × 24 h, both ends inclusive)', () => {
    given(four).when(send('m5', 30 * DAY)).thenRejects('MARKETING_CAP_REACHED', ['data', 'at']);
    given(four).when(send('m5', 30 * DAY + 1)).then([sent('m5', 30 * DAY + 1)]);
  });

  it('counts every channel together', () =>
    given([sent('m1', 0, 'sms'), sent('m2', DAY, 'email'), sent('m3', DAY, 'push'), sent('m4', DAY, 'phone')]).when(send('m5', 2 * DAY, { channel: 'email' })).thenRejects('MARKETING_CAP_REACHED', ['data', 'at']));

  it.each([
    ['withdrawn', { status: 'withdrawn', since: '2026-05-01T00:00:00.000Z', customerPosition: 4 }],
    ['never given', { status: 'never', since: null, customerPosition: 0 }],
    ['erased', { status: 'erased', since: null, customerPosition: 5 }],
    ['no customer', { status: 'unknownCustomer', since: null, customerPosition: null }],
    ['given only after the message time', { status: 'given', since: '2026-06-01T02:00:00.001Z', customerPosition: 2 }],
  ] as const)('refuses without consent at the message time (%s)', (_n, c) => given([]).when(send('m1', 0, { consent: c as never })).thenRejects('MARKETING_NO_CONSENT', ['data', 'channel']));

  it('accepts consent given exactly at the message time', () =>
    given([]).when(send('m1', 0, { consent: { ...consent, since: iso(0) as never } })).then([{ ...sent('m1', 0), data: { ...sent('m1', 0).data, consent: { ...consent, since: iso(0) } } } as MarketingEvent]));

  it('refuses a message dated before the last one, and a repeated message id', () => {
    given([sent('m1', DAY)]).when(send('m2', DAY - 1)).thenRejects('MARKETING_OUT_OF_ORDER', ['data', 'at']);
    given([sent('m1', DAY)]).when(send('m1', DAY)).thenRejects('MARKETING_MESSAGE_EXISTS', ['data', 'messageId']);
  });

  it('no longer counts a retracted message', () => {
    const retracted: MarketingEvent = { type: 'MarketingMessageRetracted', data: { customerId: 'c-ann', messageId: 'm4', reason: 'withdrawn', at: iso(9 * DAY) } } as MarketingEvent;
    given([...four, retracted]).when(send('m5', 10 * DAY)).then([sent('m5', 10 * DAY)]);
    given([...four, retracted])
      .when({ type: 'RetractMarketingMessage', data: { customerId: 'c-ann', messageId: 'm4', reason: 'again', at: iso(9 * DAY) } } as MarketingCommand)
      .thenRejects('MARKETING_MESSAGE_NOT_FOUND', ['data', 'messageId']);
  });

  it('follows the shop’s cap', () => {
    const d = makeMarketingDecider({ capMessages: 2, capWindowDays: 7 });
    const s = [sent('m1', 0), sent('m2', DAY)].reduce(d.evolve, d.initialState());
    expect(d.decide(send('m3', 7 * DAY), s)).toMatchObject({ left: { code: 'MARKETING_CAP_REACHED', details: { nextAllowedAt: iso(7 * DAY + 1) } } });
    expect(E.isRight(d.decide(send('m3', 7 * DAY + 1), s))).toBe(true);
  });
});

describe('marketing cap properties', () => {
  const attempt = fc.record({
    gap: fc.oneof(fc.integer({ min: 0, max: 3 * DAY }), fc.constantFrom(0, 1, 30 * DAY, 30 * DAY + 1, 30 * DAY - 1), fc.integer({ min: -DAY, max: -1 })),
    channel: fc.constantFrom('sms', 'email', 'push', 'phone'),
    retract: fc.boolean(),
  });

  it('never more than 4 counted messages in any 30 × 24 h window, for any sequence of sends and retractions', () =>
    fc.assert(
      fc.property(fc.array(attempt, { maxLength: 60 }), (attempts) => {
        let s: MarketingContact = marketingDecider.initialState();
        const counted = new Map<string, string>();
        let t = 0;
        attempts.forEach((a, i) => {
          t += a.gap;
          const c: MarketingCommand = a.retract && counted.size > 0
            ? ({ type: 'RetractMarketingMessage', data: { customerId: 'c-ann', messageId: [...counted.keys()].at(-1)!, reason: 'r', at: iso(t) } } as MarketingCommand)
            : send(`m${i}`, t, { channel: a.channel });
          const r = marketingDecider.decide(c, s);
          if (E.isLeft(r)) {
            if (r.left.code === 'MARKETING_CAP_REACHED') {
              // the refusal's nextAllowedAt is accepted (were it sent then)
              const next = (r.left.details as { nextAllowedAt: string }).nextAllowedAt;
              expect(next > iso(t)).toBe(true);
              expect(E.isRight(marketingDecider.decide(send(`probe${i}`, Date.parse(next) - T0), s))).toBe(true);
            }
            return;
          }
          for (const e of r.right) {
            s = marketingDecider.evolve(s, e);
            if (e.type === 'MarketingMessageSent') counted.set(e.data.messageId, e.data.at);
            else counted.delete(e.data.messageId);
          }
        });
        const all = [...counted.entries()].map(([messageId, at]) => ({ messageId, at: at as never, channel: 'sms' as const }));
        for (const m of all) expect(inWindow(all, m.at, { capMessages: 4, capWindowDays: 30 }).length).toBeLessThanOrEqual(4);
      }),
    ));
});
