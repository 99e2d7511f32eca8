import type * as t from 'io-ts';
import type { CommandHandlerDefinition } from '../kernel/commandHandler.js';
import { streamName } from '../kernel/streams.js';
import { PartnerAccessCommand, PartnerCommand } from './commands.js';
import { partnerAccessDecider, partnerDecider, type Partner, type PartnerAccessLog } from './decider.js';
import type { PartnerAccessEvent, PartnerEvent } from './events.js';

/** `partner-<tenant>.<partnerId>`: a partner's registration and grants. */
export const PARTNER_CATEGORY = 'partner';
export const partnerStream = (tenantId: string, partnerId: string): string => streamName(PARTNER_CATEGORY, tenantId, partnerId);

/** `partnerAccess-<tenant>.<partnerId>`: every read made through a partner's access. */
export const PARTNER_ACCESS_CATEGORY = 'partnerAccess';
export const partnerAccessStream = (tenantId: string, partnerId: string): string => streamName(PARTNER_ACCESS_CATEGORY, tenantId, partnerId);

/** The partner aggregate for the command bus. */
export const partnerHandler: CommandHandlerDefinition<Partner, PartnerCommand, PartnerEvent, t.OutputOf<typeof PartnerCommand>> = {
  name: 'partners.partner',
  commands: PartnerCommand,
  decider: partnerDecider,
  streamOf: (c, tenantId) => partnerStream(tenantId, c.data.partnerId),
};

/** The partner access log for the command bus. */
export const partnerAccessHandler: CommandHandlerDefinition<PartnerAccessLog, PartnerAccessCommand, PartnerAccessEvent, t.OutputOf<typeof PartnerAccessCommand>> = {
  name: 'partners.access',
  commands: PartnerAccessCommand,
  decider: partnerAccessDecider,
  streamOf: (c, tenantId) => partnerAccessStream(tenantId, c.data.partnerId),
};
