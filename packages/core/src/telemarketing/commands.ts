import * as t from 'io-ts';
import { IsoInstant, ShortText, tagged } from '../kernel/codecs.js';
import { AgentId, CustomerId } from '../shared/ids.js';
import { ConsentFact } from '../marketing/values.js';
import { CallRecorded } from './events.js';
import { CallListId } from './ids.js';

/** One candidate of a list with their phone consent as read from their stream at build time. */
export const CallCandidate = t.type({ customerId: CustomerId, consent: ConsentFact }, 'CallCandidate');
export type CallCandidate = t.TypeOf<typeof CallCandidate>;

/** Sent by `buildCallList`, which reads each candidate's phone consent first. */
export const BuildCallList = tagged('BuildCallList', {
  listId: CallListId,
  name: ShortText,
  agents: t.array(AgentId),
  candidates: t.array(CallCandidate),
  at: IsoInstant,
});

/** Sent by `recordCall`, which reads the customer's phone consent right before. */
export const RecordCall = tagged('RecordCall', { ...CallRecorded.props.data.props, consent: ConsentFact });

export const TelemarketingCommand = t.union([BuildCallList, RecordCall]);
export type TelemarketingCommand = t.TypeOf<typeof TelemarketingCommand>;
