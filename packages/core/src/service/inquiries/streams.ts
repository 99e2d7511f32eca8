import type { CommandHandlerDefinition } from '../../kernel/commandHandler.js';
import { streamName } from '../../kernel/streams.js';
import { InquiryCommand } from './commands.js';
import { inquiryDecider, type Inquiry } from './decider.js';
import type { InquiryEvent } from './events.js';

/** Stream category of inquiries: `inquiry-<tenantId>.<inquiryId>`. */
export const INQUIRY_CATEGORY = 'inquiry';
export const inquiryStream = (tenantId: string, inquiryId: string): string => streamName(INQUIRY_CATEGORY, tenantId, inquiryId);

export const inquiryHandler: CommandHandlerDefinition<Inquiry, InquiryCommand, InquiryEvent, unknown> = {
  name: 'service.inquiry',
  commands: InquiryCommand,
  decider: inquiryDecider,
  streamOf: (c, tenantId) => inquiryStream(tenantId, c.data.inquiryId),
};
