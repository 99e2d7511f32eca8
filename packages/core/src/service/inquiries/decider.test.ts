import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { make } from '../../kernel/codecs.js';
import { fold } from '../../kernel/decider.js';
import { InquiryCommand } from './commands.js';
import { inquiryDecider as d, type Inquiry } from './decider.js';
import type { InquiryEvent } from './events.js';

const cmd = make(InquiryCommand);
const T0 = '2026-03-10T01:00:00.000Z';
const plus = (iso: string, s: number) => new Date(Date.parse(iso) + s * 1000).toISOString();
const open = cmd({ type: 'OpenInquiry', data: { inquiryId: 'iq-1', customerId: 'c-ann', channel: 'chat', agentId: 'ag-amy', at: T0 } });
const msg = (s: number) => cmd({ type: 'RecordInquiryCustomerMessage', data: { inquiryId: 'iq-1', at: plus(T0, s) } });
const reply = (s: number, agentId = 'ag-amy') => cmd({ type: 'RecordInquiryAgentReply', data: { inquiryId: 'iq-1', agentId, at: plus(T0, s) } });
const rate = (score: number, s: number) => cmd({ type: 'RateInquiry', data: { inquiryId: 'iq-1', score, at: plus(T0, s) } });

const run = (cs: InquiryCommand[]) => {
  let s: Inquiry = d.initialState();
  const events: InquiryEvent[] = [];
  for (const c of cs) {
    const r = d.decide(c, s);
    if (E.isLeft(r)) return { s, events, refused: r.left };
    events.push(...r.right);
    s = fold(d, s, r.right);
  }
  return { s, events, refused: undefined };
};

describe('inquiry', () => {
  it('a reply answers the earliest unanswered customer message; a follow-up answers none', () => {
    const { events } = run([open, reply(20), msg(60), msg(80), reply(90), reply(100)]);
    const replies = events.filter((e) => e.type === 'InquiryAgentReplied').map((e) => e.data);
    expect(replies.map((r) => [r.respondsTo, r.first])).toEqual([[T0, true], [plus(T0, 60), false], [null, false]]);
    expect(replies.every((r) => r.openedAt === T0 && r.agentId === 'ag-amy')).toBe(true);
  });

  it('refuses a reply by another agent, a rating before any reply, a second rating, time going back', () => {
    expect(run([open, reply(10, 'ag-bob')]).refused).toMatchObject({ code: 'INQUIRY_OTHER_AGENT', path: ['data', 'agentId'] });
    expect(run([open, rate(5, 10)]).refused).toMatchObject({ code: 'INQUIRY_NOT_ANSWERED', path: ['data', 'score'] });
    expect(run([open, reply(5), rate(5, 10), rate(4, 20)]).refused).toMatchObject({ code: 'INQUIRY_ALREADY_RATED' });
    expect(run([open, reply(50), msg(40)]).refused).toMatchObject({ code: 'INQUIRY_OUT_OF_ORDER', path: ['data', 'at'] });
    expect(run([reply(5)]).refused).toMatchObject({ code: 'INQUIRY_NOT_FOUND' });
    expect(run([open, open]).refused).toMatchObject({ code: 'INQUIRY_ALREADY_OPEN' });
  });

  it('each response waits at least 0 ms, there is at most one per customer message, exactly one first reply', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 300 })), { maxLength: 40 }), (steps) => {
        let t = 0;
        const cs = [open, ...steps.map(([isReply, gap]) => ((t += gap), isReply ? reply(t) : msg(t)))];
        const { events, refused } = run(cs);
        expect(refused).toBeUndefined();
        const replies = events.filter((e): e is Extract<InquiryEvent, { type: 'InquiryAgentReplied' }> => e.type === 'InquiryAgentReplied');
        const asked = 1 + events.filter((e) => e.type === 'InquiryCustomerMessaged').length;
        const responses = replies.filter((r) => r.data.respondsTo !== null);
        expect(responses.length).toBeLessThanOrEqual(asked);
        for (const r of responses) expect(r.data.respondsTo! <= r.data.at).toBe(true);
        expect(replies.filter((r) => r.data.first).length).toBe(replies.length > 0 ? 1 : 0);
      }),
    );
  });
});
