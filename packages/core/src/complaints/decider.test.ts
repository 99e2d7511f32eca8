import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { make } from '../kernel/codecs.js';
import { fold } from '../kernel/decider.js';
import type { DomainError } from '../kernel/errors.js';
import { ComplaintCommand } from './commands.js';
import { complaintDecider, type Complaint, type ComplaintStatus, type FiledComplaint } from './decider.js';
import type { ComplaintEvent } from './events.js';
import { defaultComplaintPolicy, type ComplaintCustomerTier, type ComplaintSeverity } from './policy.js';
import { complaintSlaFor, slaDueAt } from './sla.js';

const d = complaintDecider();
const cmd = make(ComplaintCommand);
const H = 3_600_000;
const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

const T0 = '2026-03-02T02:00:00.000Z'; // 10:00 in Shanghai
const file = (extra: Record<string, unknown> = {}) =>
  cmd({ type: 'FileComplaint', data: { complaintId: 'cp-1', customerId: 'c-ann', category: 'logistics', channel: 'chat', severity: 'minor', customerTier: 'regular', orderId: 'o-1', at: T0, ...extra } });
const c = (type: string, data: Record<string, unknown>) => cmd({ type, data: { complaintId: 'cp-1', ...data } });

const run = (commands: ComplaintCommand[]): { state: Complaint; events: ComplaintEvent[] } => {
  let state = d.initialState();
  const events: ComplaintEvent[] = [];
  for (const k of commands) {
    const r = d.decide(k, state);
    if (E.isLeft(r)) throw new Error(`${k.type} refused: ${r.left.message}`);
    events.push(...r.right);
    state = fold(d, state, r.right);
  }
  return { state, events };
};
const refusal = (commands: ComplaintCommand[], last: ComplaintCommand): DomainError => {
  const r = d.decide(last, run(commands).state);
  if (E.isRight(r)) throw new Error(`${last.type} was accepted`);
  return r.left;
};

const ack = (at: string) => c('AcknowledgeComplaint', { agentId: 'ag-1', at });
const start = (at: string) => c('StartComplaintWork', { agentId: 'ag-1', at });
const ask = (at: string) => c('AskComplaintCustomer', { question: 'photo of the parcel?', at });
const answer = (at: string) => c('RecordComplaintAnswer', { answer: 'sent', at });
const resolve = (at: string) => c('ResolveComplaint', { agentId: 'ag-1', resolution: { kind: 'apology' }, at });
const close = (at: string) => c('CloseComplaint', { at });
const reopen = (at: string) => c('ReopenComplaint', { reason: 'still broken', at });
const escalate = (toLevel: number, at: string) => c('EscalateComplaint', { toLevel, reason: 'customer asked for a manager', at });
const rate = (score: number, at: string) => c('RateComplaintSatisfaction', { score, at });

describe('priority at filing', () => {
  const cases: [ComplaintSeverity, ComplaintCustomerTier, string, number, number, string][] = [
    ['critical', 'regular', 'urgent', 3 * 60_000, 24 * H, 'elapsed'],
    ['major', 'super', 'high', 15 * 60_000, 48 * H, 'business'],
    ['minor', 'regular', 'normal', H, 72 * H, 'business'],
    ['trivial', 'regular', 'low', 4 * H, 105 * H, 'business'],
    ['trivial', 'paidMember', 'normal', H, 72 * H, 'business'],
    ['minor', 'paidMember', 'high', 15 * 60_000, 48 * H, 'business'],
    ['major', 'paidMember', 'urgent', 3 * 60_000, 24 * H, 'elapsed'],
    ['critical', 'paidMember', 'urgent', 3 * 60_000, 24 * H, 'elapsed'],
    ['trivial', 'keyAccount', 'urgent', 30_000, 24 * H, 'elapsed'],
  ];
  it.each(cases)('%s for a %s customer → %s', (severity, tier, priority, fr, res, hours) => {
    expect(complaintSlaFor(severity, tier, defaultComplaintPolicy)).toMatchObject({ priority, firstResponseMs: fr, resolutionMs: res, hours });
  });

  it('a normal complaint filed at 23:00 is due for first response at 09:00 next day', () => {
    const { state } = run([file({ at: '2026-03-02T15:00:00.000Z' })]);
    expect(slaDueAt((state as FiledComplaint).timers, 'firstResponse')).toBe('2026-03-03T01:00:00.000Z');
  });
});

describe('lifecycle', () => {
  const t = (h: number) => plus(T0, h * H);
  const reach: Record<ComplaintStatus, ComplaintCommand[]> = {
    filed: [file()],
    acknowledged: [file(), ack(t(0.1))],
    inProgress: [file(), ack(t(0.1)), start(t(0.2))],
    awaitingCustomer: [file(), ack(t(0.1)), start(t(0.2)), ask(t(0.3))],
    resolved: [file(), ack(t(0.1)), start(t(0.2)), resolve(t(0.4))],
    closed: [file(), ack(t(0.1)), start(t(0.2)), resolve(t(0.4)), close(t(0.5))],
  };
  const next = t(1);
  const commands: [string, ComplaintCommand, ComplaintStatus[]][] = [
    ['assign', c('AssignComplaint', { agentId: 'ag-2', at: next }), ['filed', 'acknowledged', 'inProgress', 'awaitingCustomer']],
    ['acknowledge', ack(next), ['filed']],
    ['start work', start(next), ['acknowledged']],
    ['ask the customer', ask(next), ['inProgress']],
    ['record the answer', answer(next), ['awaitingCustomer']],
    ['resolve', resolve(next), ['inProgress', 'awaitingCustomer']],
    ['close', close(next), ['resolved']],
    ['reopen', reopen(next), ['resolved', 'closed']],
    ['escalate', escalate(2, next), ['filed', 'acknowledged', 'inProgress', 'awaitingCustomer']],
    ['rate', rate(5, next), ['resolved', 'closed']],
  ];
  for (const [name, command, allowed] of commands)
    for (const status of Object.keys(reach) as ComplaintStatus[])
      it(`${name} a complaint that is ${status}: ${allowed.includes(status) ? 'accepted' : 'refused naming the state'}`, () => {
        const r = d.decide(command, run(reach[status]).state);
        if (allowed.includes(status)) expect(E.isRight(r)).toBe(true);
        else {
          expect(E.isLeft(r) && r.left).toMatchObject({ code: 'COMPLAINT_INVALID_STATE', details: { status }, path: ['data', 'complaintId'] });
          expect(E.isLeft(r) && r.left.message).toContain(status);
        }
      });

  it('refuses commands to a complaint never filed, and filing twice', () => {
    expect(refusal([], ack(T0)).code).toBe('COMPLAINT_NOT_FOUND');
    expect(refusal([file()], file())).toMatchObject({ code: 'COMPLAINT_ALREADY_FILED', path: ['data', 'complaintId'] });
  });

  it('refuses a command dated before the last event', () => {
    expect(refusal([file(), ack(t(1))], start(t(0.5)))).toMatchObject({ code: 'COMPLAINT_OUT_OF_ORDER', path: ['data', 'at'] });
  });

  it('reopens within 7 × 24 h of the resolution, inclusive; on day 8 it is refused', () => {
    const resolvedAt = t(0.4);
    expect(E.isRight(d.decide(reopen(plus(resolvedAt, 7 * 24 * H)), run(reach.closed).state))).toBe(true);
    expect(refusal(reach.closed, reopen(plus(resolvedAt, 7 * 24 * H + 1)))).toMatchObject({ code: 'COMPLAINT_REOPEN_WINDOW_PASSED', path: ['data', 'at'] });
    expect(refusal(reach.resolved, reopen(plus(resolvedAt, 8 * 24 * H))).code).toBe('COMPLAINT_REOPEN_WINDOW_PASSED');
  });

  it('a reopened complaint goes back to work and can be resolved again', () => {
    const { state } = run([...reach.closed, reopen(t(2)), resolve(t(3))]);
    expect(state).toMatchObject({ status: 'resolved', resolvedAt: t(3) });
  });

  it('takes satisfaction once after resolution', () => {
    const { state, events } = run([...reach.resolved, rate(4, t(1))]);
    expect(events.at(-1)).toMatchObject({ type: 'ComplaintSatisfactionRated', data: { score: 4, resolvedBy: 'ag-1', resolvedAt: t(0.4) } });
    expect(refusal([...reach.resolved, rate(4, t(1))], rate(5, t(2)))).toMatchObject({ code: 'COMPLAINT_ALREADY_RATED', path: ['data', 'score'] });
    expect((state as FiledComplaint).satisfaction).toBe(4);
  });

  it('escalates by hand to 2 and 3, never beyond 3, never sideways', () => {
    const { state } = run([file(), escalate(2, t(0.1)), escalate(3, t(0.2))]);
    expect((state as FiledComplaint).level).toBe(3);
    expect(refusal([file(), escalate(2, t(0.1)), escalate(3, t(0.2))], escalate(3, t(0.3)))).toMatchObject({ code: 'COMPLAINT_ESCALATION_BEYOND_TOP', path: ['data', 'toLevel'] });
    expect(refusal([file()], escalate(4, t(0.1))).code).toBe('COMPLAINT_ESCALATION_BEYOND_TOP');
    expect(refusal([file(), escalate(2, t(0.1))], escalate(2, t(0.2))).code).toBe('COMPLAINT_ESCALATION_NOT_HIGHER');
    expect(run([file(), escalate(3, t(0.1))]).state).toMatchObject({ level: 3 });
  });

  it('a refund or replacement must concern the complaint’s order', () => {
    const refund = (orderId: string) => c('ResolveComplaint', { agentId: 'ag-1', resolution: { kind: 'refund', orderId, refundId: 'rf-1', amount: 1000 }, at: t(1) });
    expect(refusal(reach.inProgress, refund('o-2'))).toMatchObject({ code: 'COMPLAINT_REFUND_OTHER_ORDER', path: ['data', 'resolution', 'orderId'] });
    expect(run([...reach.inProgress, refund('o-1')]).state).toMatchObject({ resolution: { kind: 'refund', refundId: 'rf-1' } });
  });
});

describe('SLA breaches', () => {
  // normal: first response 1 business hour → due 11:00 local (03:00Z)
  const due = '2026-03-02T03:00:00.000Z';
  it('acknowledging at the due instant meets the target; a moment later records a breach', () => {
    expect(run([file(), ack(due)]).events.map((e) => e.type)).toEqual(['ComplaintFiled', 'ComplaintAcknowledged']);
    const late = run([file(), ack(plus(due, 1))]);
    expect(late.events.at(-1)).toMatchObject({ type: 'ComplaintSlaBreached', data: { clock: 'firstResponse', dueAt: due, firstForComplaint: true } });
    expect(late.state).toMatchObject({ breaches: { firstResponse: { dueAt: due } } });
  });

  it('recording a breach escalates one level, once per clock, and only after the due time', () => {
    const breach = (at: string) => c('RecordComplaintSlaBreach', { clock: 'firstResponse', at });
    expect(refusal([file()], breach(due))).toMatchObject({ code: 'COMPLAINT_SLA_NOT_DUE', path: ['data', 'at'] });
    const { state, events } = run([file(), breach(plus(due, 1))]);
    expect(events.slice(1).map((e) => e.type)).toEqual(['ComplaintSlaBreached', 'ComplaintEscalated']);
    expect(state).toMatchObject({ level: 2 });
    expect(refusal([file(), breach(plus(due, 1))], breach(plus(due, 2))).code).toBe('COMPLAINT_SLA_ALREADY_BREACHED');
  });

  it('awaiting the customer pauses the resolution clock', () => {
    const t = (h: number) => plus(T0, h * H);
    // normal: 72 business hours from 10:00 on the 2nd: 13.5 h that day, 3 × 15 h, 13.5 h on the 6th → 22:00 local
    const base = [file(), ack(t(0.1)), start(t(0.2))];
    expect(slaDueAt((run(base).state as FiledComplaint).timers, 'resolution')).toBe('2026-03-06T14:00:00.000Z');
    // 2 business hours awaiting the customer push it past closing: 30 min into the 7th → 09:00 local
    const { state } = run([...base, ask(t(1)), answer(t(3))]);
    expect(slaDueAt((state as FiledComplaint).timers, 'resolution')).toBe('2026-03-07T01:00:00.000Z');
    const waiting = run([...base, ask(t(1))]).state as FiledComplaint;
    expect(slaDueAt(waiting.timers, 'resolution')).toBeNull();
  });
});

describe('decider properties', () => {
  const step = fc.oneof(
    fc.constant('ack'), fc.constant('start'), fc.constant('ask'), fc.constant('answer'), fc.constant('resolve'),
    fc.constant('close'), fc.constant('reopen'), fc.constant('escalate2'), fc.constant('escalate3'), fc.constant('breachFr'),
    fc.constant('breachRes'), fc.constant('rate'), fc.constant('assign'),
  );
  const toCommand = (s: string, at: string): ComplaintCommand => {
    switch (s) {
      case 'ack': return ack(at);
      case 'start': return start(at);
      case 'ask': return ask(at);
      case 'answer': return answer(at);
      case 'resolve': return resolve(at);
      case 'close': return close(at);
      case 'reopen': return reopen(at);
      case 'escalate2': return escalate(2, at);
      case 'escalate3': return escalate(3, at);
      case 'breachFr': return c('RecordComplaintSlaBreach', { clock: 'firstResponse', at });
      case 'breachRes': return c('RecordComplaintSlaBreach', { clock: 'resolution', at });
      case 'rate': return rate(5, at);
      default: return c('AssignComplaint', { agentId: 'ag-2', at });
    }
  };
  it('levels stay within 1–3, breaches are never undone, satisfaction is given at most once', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(step, fc.integer({ min: 0, max: 30 * 60 })), { maxLength: 30 }), fc.constantFrom<ComplaintSeverity>('critical', 'major', 'minor', 'trivial'), (steps, severity) => {
        let state = fold(d, d.initialState(), E.getOrElseW(() => [])(d.decide(file({ severity }), d.initialState())));
        let at = T0;
        let ratings = 0;
        for (const [s, minutes] of steps) {
          at = plus(at, minutes * 60_000);
          const r = d.decide(toCommand(s, at), state);
          if (E.isLeft(r)) continue;
          const before = state as FiledComplaint;
          state = fold(d, state, r.right);
          const after = state as FiledComplaint;
          ratings += r.right.filter((e) => e.type === 'ComplaintSatisfactionRated').length;
          expect(after.level).toBeGreaterThanOrEqual(before.level);
          expect([1, 2, 3]).toContain(after.level);
          if (before.breaches.firstResponse) expect(after.breaches.firstResponse).toEqual(before.breaches.firstResponse);
          if (before.breaches.resolution) expect(after.breaches.resolution).toEqual(before.breaches.resolution);
        }
        expect(ratings).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });
});
