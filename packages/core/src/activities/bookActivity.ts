import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import type { Command, CommandMetadataInput, Handled } from '../kernel/command.js';
import { validate } from '../kernel/codecs.js';
import type { CrmError } from '../kernel/errors.js';
import { deriveId } from '../kernel/ids.js';
import { ActivityScheduled } from './events.js';

/** A booking for all its participants: the ScheduleActivity data without the calendar owner. */
export const ActivityBooking = t.type((({ agentId: _, ...rest }) => rest)(ActivityScheduled.props.data.props), 'ActivityBooking');

export interface BookActivityDeps {
  readonly handle: (command: Command) => Promise<E.Either<CrmError, Handled>>;
}

/**
 * Book an appointment or meeting on every participant's calendar, in participant-id order.
 * Each calendar checks its own agent's conflicts; when one refuses, the calendars already
 * booked are released (the activity cancelled there, reason `released`) and the refusal is
 * returned with the refusing agent in its details. CommandIds derive from the booking's
 * commandId and the agent, so a retried booking repeats nothing.
 */
export const bookActivity = async (
  deps: BookActivityDeps,
  input: { readonly data: unknown; readonly metadata: CommandMetadataInput },
): Promise<E.Either<CrmError, readonly Handled[]>> => {
  const booking = validate(ActivityBooking, input.data, 'ActivityBooking', ['data']);
  if (E.isLeft(booking)) return booking;
  const data = input.data as Record<string, unknown>;
  const agents = [...new Set(booking.right.participants)].sort();
  const booked: Handled[] = [];
  const bookedAgents: string[] = [];
  for (const agentId of agents) {
    const r = await deps.handle({
      type: 'ScheduleActivity',
      data: { ...data, agentId },
      metadata: { ...input.metadata, commandId: deriveId('activities.book', input.metadata.commandId, agentId) },
    });
    if (E.isRight(r)) {
      booked.push(r.right);
      bookedAgents.push(agentId);
      continue;
    }
    for (const released of bookedAgents) {
      const undo = await deps.handle({
        type: 'CancelActivity',
        data: { agentId: released, activityId: booking.right.activityId, reason: `released: ${agentId} refused`, at: booking.right.at },
        metadata: { ...input.metadata, commandId: deriveId('activities.release', input.metadata.commandId, released) },
      });
      if (E.isLeft(undo)) return undo;
    }
    return E.left(r.left.kind === 'DomainError' ? { ...r.left, details: { ...r.left.details, agentId } } : r.left);
  }
  return E.right(booked);
};
