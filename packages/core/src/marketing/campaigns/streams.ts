import type { CommandHandlerDefinition } from '../../kernel/commandHandler.js';
import { streamName } from '../../kernel/streams.js';
import { CampaignCommand, CampaignRecipientCommand } from './commands.js';
import { campaignDecider, type Campaign } from './decider.js';
import type { CampaignEvent, CampaignRecipientEvent } from './events.js';
import { defaultCampaignsPolicy, type CampaignsPolicy } from './policy.js';
import { makeCampaignRecipientDecider, type CampaignRecipient } from './recipientDecider.js';

/** Stream category of campaigns: `campaign-<tenantId>.<campaignId>`. */
export const CAMPAIGN_CATEGORY = 'campaign';
export const campaignStream = (tenantId: string, campaignId: string): string => streamName(CAMPAIGN_CATEGORY, tenantId, campaignId);

/** Stream category of one customer's campaign outcomes: `campaignRecipient-<tenantId>.<customerId>`. */
export const CAMPAIGN_RECIPIENT_CATEGORY = 'campaignRecipient';
export const campaignRecipientStream = (tenantId: string, customerId: string): string => streamName(CAMPAIGN_RECIPIENT_CATEGORY, tenantId, customerId);

/** Where campaign commands go: one stream per campaign. */
export const campaignHandler: CommandHandlerDefinition<Campaign, CampaignCommand, CampaignEvent, unknown> = {
  name: 'marketing.campaign',
  commands: CampaignCommand,
  decider: campaignDecider,
  streamOf: (c, tenantId) => campaignStream(tenantId, c.data.campaignId),
};

/** Where a customer's campaign outcomes, responses and order notes go: one stream per customer. */
export const campaignRecipientHandler = (
  policy: CampaignsPolicy = defaultCampaignsPolicy,
): CommandHandlerDefinition<CampaignRecipient, CampaignRecipientCommand, CampaignRecipientEvent, unknown> => ({
  name: 'marketing.campaignRecipient',
  commands: CampaignRecipientCommand,
  decider: makeCampaignRecipientDecider(policy),
  streamOf: (c, tenantId) => campaignRecipientStream(tenantId, c.data.customerId),
});
