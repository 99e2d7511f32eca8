import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { MemoryEventStore, MemoryReadModelStore } from '@rapport/memory';
import { fixedClock } from '../kernel/clock.js';
import type { StoredEvent } from '../kernel/envelope.js';
import { foldProjection } from '../kernel/projection.js';
import { EventRegistry } from '../kernel/registry.js';
import { createCrmKernel } from '../crm/createCrm.js';
import { bookActivity } from './bookActivity.js';
import { rescheduleMeeting } from './rescheduleMeeting.js';
import type { ActivityEvent } from './events.js';
import { activitiesModuleFor } from './module.js';
import { activitiesPolicy, defaultActivitiesPolicy, type ActivitiesPolicy } from './policy.js';
import { activityEntries, readActivities } from './projections/activity.js';
import { activitiesReads } from './reads.js';

const meta = (commandId: string) => ({ commandId, tenantId: 'shop1', actor: { kind: 'agent' as const, id: 'a-1' } });
const T = (s: string) => `2026-06-01T${s}.000Z`; // UTC; Shanghai is +8
const at = '2026-05-30T00:00:00.000Z';

const setup = (policy: ActivitiesPolicy = defaultActivitiesPolicy) => {
  const registry = new EventRegistry();
  const eventStore = new MemoryEventStore({ registry });
  const readModels = new MemoryReadModelStore();
  const kernel = createCrmKernel({ eventStore, readModels, registry, clock: fixedClock(at), modules: [activitiesModuleFor(policy)] });
  const events = async () => {
    const out: StoredEvent<ActivityEvent>[] = [];
    for await (const e of eventStore.readAll<ActivityEvent>()) out.push(e);
    return out;
  };
  let n = 0;
  const send = (type: string, data: Record<string, unknown>) => kernel.handle({ type, data, metadata: meta(`c-${++n}`) });
  const appointment = (agentId: string, activityId: string, start: string, end: string, extra: Record<string, unknown> = {}) =>
    send('ScheduleActivity', { agentId, activityId, kind: 'appointment', title: 'fitting', start, end, tentative: false, participants: [agentId], links: {}, at, ...extra });
  return { kernel, eventStore, readModels, events, send, appointment, reads: activitiesReads(readModels, policy) };
};

describe('bookActivity: a meeting on every participant’s calendar', () => {
  it('is refused with the conflicting id when one participant is busy, and releases the calendars already booked', async () => {
    const { kernel, appointment, events, reads } = setup();
    expect(E.isRight(await appointment('a-2', 'ap-2', T('09:00:00'), T('10:00:00')))).toBe(true);
    const meeting = (activityId: string, start: string, end: string) =>
      bookActivity(kernel, {
        data: { activityId, kind: 'meeting', title: 'quarterly review', start, end, tentative: false, participants: ['a-2', 'a-1', 'a-3'], links: { customerId: 'c-ann' }, at },
        metadata: meta(`book-${activityId}`),
      });
    const refused = await meeting('m-1', T('09:30:00'), T('10:30:00'));
    expect(refused).toMatchObject({ left: { code: 'ACTIVITY_CONFLICT', details: { conflictingActivityId: 'ap-2', agentId: 'a-2' } } });
    await kernel.settle();
    // a-1 was booked first (ids in order) and released; a-3 was never reached
    expect((await events()).map((e) => [e.type, e.data.agentId, e.data.activityId])).toEqual([
      ['ActivityScheduled', 'a-2', 'ap-2'],
      ['ActivityScheduled', 'a-1', 'm-1'],
      ['ActivityCancelled', 'a-1', 'm-1'],
    ]);
    const booked = await meeting('m-2', T('10:00:00'), T('11:00:00'));
    expect(E.isRight(booked) && booked.right.map((h) => h.stream)).toEqual(['calendar-shop1.a-1', 'calendar-shop1.a-2', 'calendar-shop1.a-3']);
    expect(E.isRight(await meeting('m-2', T('10:00:00'), T('11:00:00')))).toBe(true); // the same booking again repeats nothing
    await kernel.settle();
    expect((await events()).length).toBe(6);
    const day = await reads.teamDay('shop1', '2026-06-01', ['a-1', 'a-2', 'a-3', 'a-4']);
    expect(day.map((d) => [d.agentId, d.activities.map((a) => a.activityId)])).toEqual([
      ['a-1', ['m-2']],
      ['a-2', ['ap-2', 'm-2']],
      ['a-3', ['m-2']],
      ['a-4', []],
    ]);
    expect((await reads.linkedTo('shop1', 'customerId', 'c-ann')).map((a) => a.activityId)).toEqual(['m-2']);
  });
});

describe('rescheduleMeeting', () => {
  it('moves the meeting on every calendar, or on none when one participant is busy at the new time', async () => {
    const { kernel, appointment, readModels } = setup();
    const participants = ['a-1', 'a-2', 'a-3'];
    await bookActivity(kernel, {
      data: { activityId: 'm-1', kind: 'meeting', title: 'review', start: T('09:00:00'), end: T('10:00:00'), tentative: false, participants, links: {}, at },
      metadata: meta('book'),
    });
    await appointment('a-2', 'ap-2', T('14:00:00'), T('15:00:00'));
    const move = (start: string, end: string, id: string) => rescheduleMeeting(kernel, { data: { activityId: 'm-1', participants, start, end, at }, metadata: meta(id) });
    expect(await move(T('14:30:00'), T('15:30:00'), 'r1')).toMatchObject({ left: { code: 'ACTIVITY_CONFLICT', details: { conflictingActivityId: 'ap-2', agentId: 'a-2' } } });
    await kernel.settle();
    const starts = async () => (await readActivities(readModels, 'shop1')).filter((d) => d.activityId === 'm-1').map((d) => [d.agentId, d.start]).sort();
    expect(await starts()).toEqual(participants.map((a) => [a, T('09:00:00')]));
    expect(E.isRight(await move(T('15:00:00'), T('16:00:00'), 'r2'))).toBe(true);
    await kernel.settle();
    expect(await starts()).toEqual(participants.map((a) => [a, T('15:00:00')]));
    expect(await rescheduleMeeting(kernel, { data: { activityId: 'm-1', participants, start: 'soon', end: T('16:00:00'), at }, metadata: meta('r3') })).toMatchObject({
      left: { issues: [{ path: ['data', 'start'] }] },
    });
  });
});

describe('reminders through runDue', () => {
  it('fall due exactly N minutes before the start, once however often runDue runs; a reschedule reminds again', async () => {
    const { kernel, appointment, send, events } = setup();
    await appointment('a-1', 'ap-1', T('09:00:00'), T('10:00:00'));
    const reminders = async () => (await events()).filter((e) => e.type === 'ActivityReminderSent').map((e) => e.data);
    expect(await kernel.runDue('2026-06-01T08:44:59.999Z', 'shop1')).toEqual(E.right({ issued: 0, repeated: 0, refused: [] }));
    expect(await kernel.runDue(T('08:45:00'), 'shop1')).toEqual(E.right({ issued: 1, repeated: 0, refused: [] }));
    expect(await kernel.runDue(T('08:45:00'), 'shop1')).toEqual(E.right({ issued: 0, repeated: 0, refused: [] }));
    expect(await kernel.runDue(T('08:59:00'), 'shop1')).toEqual(E.right({ issued: 0, repeated: 0, refused: [] }));
    expect(await reminders()).toEqual([{ agentId: 'a-1', activityId: 'ap-1', start: T('09:00:00'), remindAt: T('08:45:00') }]);
    await send('RescheduleActivity', { agentId: 'a-1', activityId: 'ap-1', start: T('11:00:00'), end: T('12:00:00'), at });
    expect(await kernel.runDue(T('10:45:00'), 'shop1')).toEqual(E.right({ issued: 1, repeated: 0, refused: [] }));
    expect((await reminders()).map((r) => r.remindAt)).toEqual([T('08:45:00'), T('10:45:00')]);
    // past the start nothing more is sent
    await appointment('a-1', 'ap-late', T('13:00:00'), T('14:00:00'));
    expect(await kernel.runDue(T('13:00:00'), 'shop1')).toEqual(E.right({ issued: 0, repeated: 0, refused: [] }));
  });

  it('use the policy’s minutes', async () => {
    const policy = activitiesPolicy({ reminderMinutesBefore: 30 });
    if (E.isLeft(policy)) throw new Error('policy');
    const { kernel, appointment } = setup(policy.right);
    await appointment('a-1', 'ap-1', T('09:00:00'), T('10:00:00'));
    expect(await kernel.runDue('2026-06-01T08:29:59.999Z', 'shop1')).toMatchObject({ right: { issued: 0 } });
    expect(await kernel.runDue(T('08:30:00'), 'shop1')).toMatchObject({ right: { issued: 1 } });
  });
});

describe('views and bad input', () => {
  it('team day in the policy zone, open tasks by due time', async () => {
    const { kernel, appointment, send, reads } = setup();
    // 23:30–00:30 Shanghai spans two local dates; 16:00Z is local midnight
    await appointment('a-1', 'late', '2026-06-01T15:30:00.000Z', '2026-06-01T16:30:00.000Z');
    await appointment('a-1', 'to-midnight', '2026-06-01T15:00:00.000Z', '2026-06-01T15:30:00.000Z');
    await appointment('a-2', 'early', '2026-06-01T00:00:00.000Z', '2026-06-01T01:00:00.000Z', { tentative: true });
    await appointment('a-2', 'gone', '2026-06-01T02:00:00.000Z', '2026-06-01T03:00:00.000Z');
    await send('CancelActivity', { agentId: 'a-2', activityId: 'gone', reason: null, at });
    for (const [id, due] of [['t-2', T('12:00:00')], ['t-1', T('09:00:00')], ['t-3', T('12:00:00')]] as const)
      await send('AddTask', { agentId: 'a-1', activityId: id, title: 'follow up', dueAt: due, links: { leadId: 'lead-1' }, at });
    await send('CompleteActivity', { agentId: 'a-1', activityId: 't-3', at });
    await kernel.settle();
    const day = (date: string) => reads.teamDay('shop1', date).then((ds) => ds.map((d) => [d.agentId, d.activities.map((a) => a.activityId)]));
    expect(await day('2026-06-01')).toEqual([
      ['a-1', ['t-1', 't-2', 't-3', 'to-midnight', 'late']],
      ['a-2', ['early']],
    ]);
    expect(await day('2026-06-02')).toEqual([['a-1', ['late']]]);
    expect((await reads.openTasks('shop1')).map((t) => t.activityId)).toEqual(['t-1', 't-2']);
    expect((await reads.openTasks('shop1', 'a-2')).length).toBe(0);
  });

  it('end before start, an unknown agent and malformed fields are refused with their paths; nothing is written', async () => {
    const policy = activitiesPolicy({ agents: ['a-1', 'a-2'] });
    if (E.isLeft(policy)) throw new Error('policy');
    const { appointment, send, events } = setup(policy.right);
    expect(await appointment('a-1', 'ap-1', T('10:00:00'), T('09:00:00'))).toMatchObject({ left: { code: 'ACTIVITY_ENDS_BEFORE_START', path: ['data', 'end'] } });
    expect(await appointment('a-9', 'ap-1', T('09:00:00'), T('10:00:00'))).toMatchObject({ left: { code: 'ACTIVITY_UNKNOWN_AGENT', path: ['data', 'agentId'] } });
    const bad = await send('ScheduleActivity', { agentId: 'a-1', activityId: 'ap 1', kind: 'visit', title: '', start: 'tomorrow', end: T('10:00:00'), tentative: 'no', participants: ['a-1'], links: { customerId: 5 }, at });
    expect(E.isLeft(bad) && bad.left.kind === 'ValidationError' ? bad.left.issues.map((i) => i.path) : []).toEqual([
      ['data', 'activityId'],
      ['data', 'kind'],
      ['data', 'title'],
      ['data', 'start'],
      ['data', 'tentative'],
      ['data', 'links', 'customerId'],
    ]);
    expect(await events()).toEqual([]);
    expect(activitiesPolicy({ reminderMinutesBefore: -1, agents: ['ok', 'not ok'] })).toMatchObject({ left: { issues: [{ path: ['reminderMinutesBefore'] }, { path: ['agents', 1] }] } });
  });

  it('property: rebuild equals incremental equals foldProjection', () =>
    fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.tuple(fc.constantFrom('a-1', 'a-2'), fc.constantFrom('x1', 'x2', 'x3'), fc.integer({ min: 8, max: 12 }), fc.boolean()).map(([agentId, activityId, h, tentative]) => [
              'ScheduleActivity',
              { agentId, activityId, kind: 'meeting', title: 't', start: T(`${h}:00:00`), end: T(`${h + 1}:00:00`), tentative, participants: [agentId], links: {}, at },
            ] as const),
            fc.tuple(fc.constantFrom('a-1', 'a-2'), fc.constantFrom('x1', 'x2', 'x3'), fc.integer({ min: 8, max: 12 })).map(([agentId, activityId, h]) => [
              'RescheduleActivity',
              { agentId, activityId, start: T(`${h}:30:00`), end: T(`${h + 1}:30:00`), at },
            ] as const),
            fc.tuple(fc.constantFrom('CompleteActivity', 'ConfirmActivity'), fc.constantFrom('a-1', 'a-2'), fc.constantFrom('x1', 'x2', 'x3')).map(([type, agentId, activityId]) => [type, { agentId, activityId, at }] as const),
            fc.tuple(fc.constantFrom('a-1', 'a-2'), fc.constantFrom('x1', 'x2', 'x3')).map(([agentId, activityId]) => ['CancelActivity', { agentId, activityId, reason: null, at }] as const),
          ),
          { maxLength: 25 },
        ),
        fc.integer({ min: 1, max: 4 }),
        async (cmds, every) => {
          const { kernel, send, readModels, events } = setup();
          for (const [i, [type, data]] of cmds.entries()) {
            await send(type, data);
            if (i % every === 0) await kernel.projections.catchUp();
          }
          await kernel.projections.catchUp();
          const sort = (ds: Iterable<{ agentId: string; activityId: string }>) => [...ds].sort((a, b) => (a.agentId + a.activityId < b.agentId + b.activityId ? -1 : 1));
          const reference = sort(foldProjection(activityEntries, await events()).values());
          expect(sort(await readActivities(readModels, 'shop1'))).toEqual(reference);
          await kernel.projections.rebuild();
          expect(sort(await readActivities(readModels, 'shop1'))).toEqual(reference);
        },
      ),
      { numRuns: 30 },
    ));
});
