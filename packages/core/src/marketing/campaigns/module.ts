import type { CrmModule } from '../../crm/module.js';
import type { Reactor } from '../../kernel/reactor.js';
import { CampaignEvent, CampaignRecipientEvent } from './events.js';
import { defaultCampaignsPolicy, type CampaignsPolicy } from './policy.js';
import { campaignHistory } from './projections/history.js';
import { campaignResults } from './projections/results.js';
import { campaignHandler, campaignRecipientHandler } from './streams.js';

/** What the campaigns module is assembled with besides its policy. */
export interface CampaignsModuleOptions {
  /**
   * Reactors that tell the campaigns about payments and refunds (`NoteCampaignOrderPaid`,
   * `NoteCampaignOrderRefund`): `createCrm` adds the one from the orders context.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly reactors?: readonly Reactor<any>[];
}

/**
 * Campaigns (营销管理) as `createCrm` assembles them: the campaign and per-customer streams,
 * the `marketing.campaignResults` and `marketing.campaignHistory` projections. Send with
 * `sendCampaign({ handle, eventStore }, input)` (it needs the marketing module for the
 * messages and the cap). No due work.
 */
export const campaignsModuleFor = (policy: CampaignsPolicy = defaultCampaignsPolicy, options: CampaignsModuleOptions = {}): CrmModule => ({
  name: 'campaigns',
  events: [CampaignEvent, CampaignRecipientEvent],
  deciders: [campaignHandler, campaignRecipientHandler(policy)],
  projections: [campaignResults, campaignHistory],
  reactors: options.reactors ?? [],
});
