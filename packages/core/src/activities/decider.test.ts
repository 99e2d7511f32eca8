import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { fold } from '../kernel/decider.js';
import { ActivityCommand, type ActivityCommand as Cmd } from './commands.js';
import { agentCalendarDeciderFor, holdsAgentTime, type AgentCalendar } from './decider.js';
import { ActivityEvent } from './events.js';
import { overlaps } from './values.js';

const d = agentCalendarDeciderFor({ agents: [] });
const cmd = (c: unknown): Cmd => {
  const r = ActivityCommand.decode(c);
  if (E.isLeft(r)) throw new TypeError(`bad test command ${JSON.stringify(c)}`);
  return r.right;
};
const T = (hhmm: string, ms = 0) => new Date(Date.parse(`2026-06-01T${hhmm}:00.000Z`) + ms).toISOString();
const at = '2026-05-30T00:00:00.000Z';
const book = (activityId: string, start: string, end: string, opts: { kind?: string; tentative?: boolean } = {}) =>
  cmd({
    type: 'ScheduleActivity',
    data: { agentId: 'a-1', activityId, kind: opts.kind ?? 'appointment', title: 'visit', start, end, tentative: opts.tentative ?? false, participants: ['a-1'], links: { customerId: 'c-ann' }, at },
  });
const move = (activityId: string, start: string, end: string) => cmd({ type: 'RescheduleActivity', data: { agentId: 'a-1', activityId, start, end, at } });
const simple = (type: string, activityId: string) => cmd({ type, data: { agentId: 'a-1', activityId, at, ...(type === 'CancelActivity' ? { reason: null } : {}) } });
const task = (activityId: string) => cmd({ type: 'AddTask', data: { agentId: 'a-1', activityId, title: 'call back', dueAt: T('09:00'), links: {}, at } });

const run = (commands: readonly Cmd[], decider = d) => {
  let s: AgentCalendar = decider.initialState();
  const decisions = commands.map((c) => {
    const r = decider.decide(c, s);
    if (E.isRight(r)) s = fold(decider, s, r.right);
    return r;
  });
  return { s, decisions, last: decisions[decisions.length - 1]! };
};

describe('agent calendar: conflicts', () => {
  it('touching intervals (end == start) do not overlap; 1 ms does, refused with the id of the first', () => {
    expect(E.isRight(run([book('ap-1', T('09:00'), T('10:00')), book('ap-2', T('10:00'), T('11:00'))]).last)).toBe(true);
    expect(E.isRight(run([book('ap-1', T('09:00'), T('10:00')), book('ap-2', T('08:00'), T('09:00'))]).last)).toBe(true);
    expect(run([book('ap-1', T('09:00'), T('10:00')), book('ap-2', T('10:00', -1), T('11:00'))]).last).toMatchObject({
      left: { code: 'ACTIVITY_CONFLICT', path: ['data', 'start'], details: { conflictingActivityId: 'ap-1' } },
    });
    expect(run([book('ap-1', T('09:00'), T('10:00')), book('ap-2', T('08:00'), T('09:00', 1), { kind: 'meeting' })]).last).toMatchObject({
      left: { details: { conflictingActivityId: 'ap-1' } },
    });
    // the earliest of several conflicts is named
    expect(run([book('ap-9', T('11:00'), T('12:00')), book('ap-1', T('09:00'), T('10:00')), book('ap-2', T('08:00'), T('13:00'))]).last).toMatchObject({
      left: { details: { conflictingActivityId: 'ap-1' } },
    });
  });

  it('tentative ones, calls and emails are allowed to overlap; confirming a tentative one checks again', () => {
    const base = book('ap-1', T('09:00'), T('10:00'));
    expect(E.isRight(run([base, book('ap-2', T('09:30'), T('10:30'), { tentative: true })]).last)).toBe(true);
    expect(E.isRight(run([base, book('call-1', T('09:30'), T('09:40'), { kind: 'call' })]).last)).toBe(true);
    expect(E.isRight(run([base, book('em-1', T('09:30'), T('09:30'), { kind: 'email' })]).last)).toBe(true);
    expect(run([base, book('ap-2', T('09:30'), T('10:30'), { tentative: true }), simple('ConfirmActivity', 'ap-2')]).last).toMatchObject({
      left: { code: 'ACTIVITY_CONFLICT', details: { conflictingActivityId: 'ap-1' } },
    });
    // a tentative one does not block a confirmed one either
    expect(E.isRight(run([book('ap-2', T('09:30'), T('10:30'), { tentative: true }), base]).last)).toBe(true);
    // cancelling frees the time
    expect(E.isRight(run([base, simple('CancelActivity', 'ap-1'), book('ap-2', T('09:30'), T('10:30'))]).last)).toBe(true);
  });

  it('reschedule: into a conflict refused, next to it accepted, its own old slot is no conflict', () => {
    const two = [book('ap-1', T('09:00'), T('10:00')), book('ap-2', T('11:00'), T('12:00'))];
    expect(run([...two, move('ap-2', T('09:59'), T('11:00'))]).last).toMatchObject({ left: { code: 'ACTIVITY_CONFLICT', details: { conflictingActivityId: 'ap-1' } } });
    expect(run([...two, move('ap-2', T('10:00'), T('11:00'))]).last).toEqual(
      E.right([{ type: 'ActivityRescheduled', data: { agentId: 'a-1', activityId: 'ap-2', start: T('10:00'), end: T('11:00'), previousStart: T('11:00'), previousEnd: T('12:00'), at } }]),
    );
    expect(E.isRight(run([...two, move('ap-2', T('11:30'), T('12:30'))]).last)).toBe(true);
    expect(run([...two, move('ap-2', T('11:00'), T('12:00'))]).last).toEqual(E.right([]));
  });

  it('bad intervals, unknown agents and non-participants are refused with their paths', () => {
    expect(run([book('ap-1', T('10:00'), T('09:00'))]).last).toMatchObject({ left: { code: 'ACTIVITY_ENDS_BEFORE_START', path: ['data', 'end'] } });
    expect(run([book('ap-1', T('10:00'), T('10:00'))]).last).toMatchObject({ left: { code: 'ACTIVITY_ENDS_BEFORE_START', path: ['data', 'end'] } });
    expect(run([book('ap-1', T('09:00'), T('10:00')), move('ap-1', T('10:00'), T('09:59'))]).last).toMatchObject({ left: { path: ['data', 'end'] } });
    const known = agentCalendarDeciderFor({ agents: ['a-1', 'a-2'] as never });
    expect(E.isRight(run([book('ap-1', T('09:00'), T('10:00'))], known).last)).toBe(true);
    const withStranger = cmd({ type: 'ScheduleActivity', data: { ...book('m-1', T('09:00'), T('10:00')).data, kind: 'meeting', participants: ['a-1', 'a-7'] } });
    expect(run([withStranger], known).last).toMatchObject({ left: { code: 'ACTIVITY_UNKNOWN_AGENT', path: ['data', 'participants', 1] } });
    const strangersCalendar = cmd({ type: 'AddTask', data: { ...task('t-1').data, agentId: 'a-7' } });
    expect(run([strangersCalendar], known).last).toMatchObject({ left: { code: 'ACTIVITY_UNKNOWN_AGENT', path: ['data', 'agentId'] } });
    const notMine = cmd({ type: 'ScheduleActivity', data: { ...book('m-1', T('09:00'), T('10:00')).data, participants: ['a-2'] } });
    expect(run([notMine]).last).toMatchObject({ left: { code: 'ACTIVITY_NOT_A_PARTICIPANT', path: ['data', 'participants'] } });
  });
});

describe('agent calendar: lifecycle', () => {
  it('tasks: done, undone, cancelled; the refusal names the status', () => {
    expect(run([task('t-1'), simple('CompleteActivity', 't-1'), simple('ReopenTask', 't-1'), simple('CompleteActivity', 't-1')]).s.entries['t-1']).toMatchObject({ status: 'done' });
    expect(run([task('t-1'), simple('ReopenTask', 't-1')]).last).toMatchObject({ left: { code: 'ACTIVITY_ILLEGAL_MOVE', message: 'activity is open: only a done task can be reopened' } });
    expect(run([task('t-1'), simple('CancelActivity', 't-1'), simple('CompleteActivity', 't-1')]).last).toMatchObject({ left: { details: { status: 'cancelled' } } });
    expect(run([task('t-1'), move('t-1', T('09:00'), T('10:00'))]).last).toMatchObject({ left: { code: 'ACTIVITY_ILLEGAL_MOVE' } });
    expect(run([task('t-1'), task('t-1')]).last).toMatchObject({ left: { code: 'ACTIVITY_EXISTS' } });
    expect(run([simple('CompleteActivity', 'x')]).last).toMatchObject({ left: { code: 'ACTIVITY_NOT_FOUND' } });
  });

  it('appointments: complete or cancel once; neither can be rescheduled afterwards', () => {
    const ap = book('ap-1', T('09:00'), T('10:00'));
    for (const end of ['CompleteActivity', 'CancelActivity']) {
      expect(run([ap, simple(end, 'ap-1'), simple('CancelActivity', 'ap-1')]).last).toMatchObject({ left: { code: 'ACTIVITY_ILLEGAL_MOVE' } });
      expect(run([ap, simple(end, 'ap-1'), move('ap-1', T('11:00'), T('12:00'))]).last).toMatchObject({ left: { code: 'ACTIVITY_ILLEGAL_MOVE' } });
    }
    expect(run([ap, simple('ReopenTask', 'ap-1')]).last).toMatchObject({ left: { code: 'ACTIVITY_ILLEGAL_MOVE' } });
  });

  it('a reminder is sent once per start; a stale one changes nothing', () => {
    const ap = book('ap-1', T('09:00'), T('10:00'));
    const remind = (start: string) => cmd({ type: 'SendActivityReminder', data: { agentId: 'a-1', activityId: 'ap-1', start, remindAt: T('08:45') } });
    expect(run([ap, remind(T('09:00'))]).last).toEqual(E.right([{ type: 'ActivityReminderSent', data: { agentId: 'a-1', activityId: 'ap-1', start: T('09:00'), remindAt: T('08:45') } }]));
    expect(run([ap, remind(T('09:00')), remind(T('09:00'))]).last).toEqual(E.right([]));
    expect(run([ap, move('ap-1', T('11:00'), T('12:00')), remind(T('09:00'))]).last).toEqual(E.right([]));
    expect(run([ap, simple('CancelActivity', 'ap-1'), remind(T('09:00'))]).last).toEqual(E.right([]));
  });
});

describe('agent calendar: properties', () => {
  const ids = ['x1', 'x2', 'x3', 'x4'];
  // quarter hours over a morning, so touching and overlapping both happen often
  const slot = fc.integer({ min: 0, max: 12 }).map((q) => new Date(Date.parse('2026-06-01T08:00:00.000Z') + q * 15 * 60_000).toISOString());
  const interval = fc.tuple(slot, fc.integer({ min: 1, max: 6 }), fc.integer({ min: -1, max: 1 })).map(([start, quarters, ms]) => ({
    start,
    end: new Date(Date.parse(start) + quarters * 15 * 60_000 + ms).toISOString(),
  }));
  const command = fc.oneof(
    fc.tuple(fc.constantFrom(...ids), interval, fc.constantFrom('appointment', 'meeting', 'call'), fc.boolean()).map(([id, i, kind, tentative]) => book(id, i.start, i.end, { kind, tentative })),
    fc.tuple(fc.constantFrom(...ids), interval).map(([id, i]) => move(id, i.start, i.end)),
    fc.tuple(fc.constantFrom('ConfirmActivity', 'CancelActivity', 'CompleteActivity'), fc.constantFrom(...ids)).map(([type, id]) => simple(type, id)),
  );

  it('property: no agent ever holds two overlapping confirmed appointments or meetings, and every event is valid', () =>
    fc.assert(
      fc.property(fc.array(command, { maxLength: 30 }), (cmds) => {
        const { s, decisions } = run(cmds);
        for (const r of decisions) if (E.isRight(r)) for (const e of r.right) expect(ActivityEvent.is(e)).toBe(true);
        const held = Object.values(s.entries).filter(holdsAgentTime);
        for (let i = 0; i < held.length; i++) for (let j = i + 1; j < held.length; j++) expect(overlaps(held[i]!, held[j]!)).toBe(false);
      }),
      { numRuns: 300 },
    ));

  it('property: a confirmed booking is refused exactly when a plain scan finds an overlapping held entry', () =>
    fc.assert(
      fc.property(fc.array(command, { maxLength: 20 }), interval, (cmds, i) => {
        const { s } = run(cmds);
        const r = d.decide(book('new', i.start, i.end), s);
        const clash = Object.entries(s.entries).some(([, e]) => (e.kind === 'appointment' || e.kind === 'meeting') && !e.tentative && e.status !== 'cancelled' && e.start < i.end && i.start < e.end);
        if (i.end <= i.start) expect(E.isLeft(r) && r.left.code).toBe('ACTIVITY_ENDS_BEFORE_START');
        else expect(E.isLeft(r)).toBe(clash);
      }),
      { numRuns: 300 },
    ));
});
