import type * as t from 'io-ts';
import type { CommandHandlerDefinition } from '../kernel/commandHandler.js';
import { LeadCommand } from './commands.js';
import { leadDecider, type Lead } from './decider.js';
import type { LeadEvent } from './events.js';
import { leadStream } from './streams.js';

/** The lead aggregate for the command bus: stream `lead-<tenant>.<leadId>`. */
export const leadHandler: CommandHandlerDefinition<Lead, LeadCommand, LeadEvent, t.OutputOf<typeof LeadCommand>> = {
  name: 'leads.lead',
  commands: LeadCommand,
  decider: leadDecider,
  streamOf: (c, tenantId) => leadStream(tenantId, c.data.leadId),
};
