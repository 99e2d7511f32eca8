import type * as t from 'io-ts';
import type { CommandHandlerDefinition } from '../kernel/commandHandler.js';
import { streamName } from '../kernel/streams.js';
import { TelemarketingCommand } from './commands.js';
import { callListDeciderFor, type CallList } from './decider.js';
import type { TelemarketingEvent } from './events.js';
import { defaultTelemarketingPolicy, type TelemarketingPolicy } from './policy.js';

/** `call_list-<tenant>.<listId>`: one call list and every call made from it. */
export const CALL_LIST_CATEGORY = 'call_list';
export const callListStream = (tenantId: string, listId: string): string => streamName(CALL_LIST_CATEGORY, tenantId, listId);

/** Where telemarketing commands go: one stream per call list. */
export const callListHandlerFor = (
  policy: TelemarketingPolicy = defaultTelemarketingPolicy,
): CommandHandlerDefinition<CallList, TelemarketingCommand, TelemarketingEvent, t.OutputOf<typeof TelemarketingCommand>> => ({
  name: 'telemarketing.callList',
  commands: TelemarketingCommand,
  decider: callListDeciderFor(policy),
  streamOf: (c, tenantId) => callListStream(tenantId, c.data.listId),
});
