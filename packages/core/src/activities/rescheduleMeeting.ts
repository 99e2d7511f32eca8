import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import type { CommandMetadataInput, Handled } from '../kernel/command.js';
import { IsoInstant, validate } from '../kernel/codecs.js';
import type { CrmError } from '../kernel/errors.js';
import { deriveId } from '../kernel/ids.js';
import { AgentId } from '../shared/ids.js';
import type { BookActivityDeps } from './bookActivity.js';
import type { ActivityEvent } from './events.js';
import { CalendarActivityId } from './ids.js';

export const MeetingReschedule = t.type({ activityId: CalendarActivityId, participants: t.array(AgentId), start: IsoInstant, end: IsoInstant, at: IsoInstant }, 'MeetingReschedule');

/**
 * Move an activity booked with {@link bookActivity} on every participant's calendar, in
 * participant-id order. When one calendar refuses (a conflict there), the calendars already
 * moved are moved back to where they were and the refusal is returned with
 * `details.agentId`: either every participant has the new time or none has.
 */
export const rescheduleMeeting = async (
  deps: BookActivityDeps,
  input: { readonly data: unknown; readonly metadata: CommandMetadataInput },
): Promise<E.Either<CrmError, readonly Handled[]>> => {
  const v = validate(MeetingReschedule, input.data, 'MeetingReschedule', ['data']);
  if (E.isLeft(v)) return v;
  const { activityId, start, end, at } = v.right;
  const moved: { agentId: string; previousStart: string; previousEnd: string }[] = [];
  const done: Handled[] = [];
  for (const agentId of [...new Set(v.right.participants)].sort()) {
    const r = await deps.handle({
      type: 'RescheduleActivity',
      data: { agentId, activityId, start, end, at },
      metadata: { ...input.metadata, commandId: deriveId('activities.reschedule', input.metadata.commandId, agentId) },
    });
    if (E.isRight(r)) {
      done.push(r.right);
      const e = r.right.events[0] as ActivityEvent | undefined;
      if (e?.type === 'ActivityRescheduled') moved.push({ agentId, previousStart: e.data.previousStart, previousEnd: e.data.previousEnd });
      continue;
    }
    for (const m of moved) {
      // the old slot was free a moment ago on this calendar, and only this workflow moved it
      const back = await deps.handle({
        type: 'RescheduleActivity',
        data: { agentId: m.agentId, activityId, start: m.previousStart, end: m.previousEnd, at },
        metadata: { ...input.metadata, commandId: deriveId('activities.rescheduleBack', input.metadata.commandId, m.agentId) },
      });
      if (E.isLeft(back)) return back;
    }
    return E.left(r.left.kind === 'DomainError' ? { ...r.left, details: { ...r.left.details, agentId } } : r.left);
  }
  return E.right(done);
};
