import type * as t from 'io-ts';
import { idCodec } from '../kernel/codecs.js';

/** One activity (task, appointment, meeting, call or email); a meeting has the same id on every participant's calendar. */
export const CalendarActivityId = idCodec('ActivityId');
export type CalendarActivityId = t.TypeOf<typeof CalendarActivityId>;
