import * as E from 'fp-ts/lib/Either.js';
import { absurd } from 'fp-ts/lib/function.js';
import type { IsoInstant } from '../../kernel/codecs.js';
import type { Decider } from '../../kernel/decider.js';
import type { CampaignCommand } from './commands.js';
import { refuseCampaign, type CampaignError } from './errors.js';
import type { CampaignDefined, CampaignEvent } from './events.js';
import type * as t from 'io-ts';
import { MAX_AUDIENCE } from './values.js';

export type CampaignDefinition = t.TypeOf<typeof CampaignDefined>['data'];

/** One campaign: not defined yet, defined, being sent, or sent. */
export type Campaign =
  | { readonly status: 'none' }
  | { readonly status: 'defined'; readonly definition: CampaignDefinition }
  | { readonly status: 'sending' | 'sent'; readonly definition: CampaignDefinition; readonly sentAt: IsoInstant };

type Decision = E.Either<CampaignError, readonly CampaignEvent[]>;
type Cmd<T extends CampaignCommand['type']> = Extract<CampaignCommand, { type: T }>;

const define = (c: Cmd<'DefineCampaign'>, s: Campaign): Decision => {
  const d = c.data;
  if (s.status !== 'none') return refuseCampaign('CAMPAIGN_EXISTS', `campaign ${d.campaignId} is defined already`, ['data', 'campaignId']);
  if (d.audience.length === 0 || d.audience.length > MAX_AUDIENCE)
    return refuseCampaign('CAMPAIGN_AUDIENCE_SIZE', `an audience names 1 to ${MAX_AUDIENCE} customers, not ${d.audience.length}`, ['data', 'audience']);
  const seen = new Set<string>();
  for (const [i, id] of d.audience.entries()) {
    if (seen.has(id)) return refuseCampaign('CAMPAIGN_AUDIENCE_REPEATS', `customer ${id} is in the audience twice`, ['data', 'audience', i], { customerId: id });
    seen.add(id);
  }
  if ((d.channel === 'event') !== (d.inviteVia !== undefined))
    return refuseCampaign(
      'CAMPAIGN_INVITE_CHANNEL',
      d.channel === 'event' ? 'an event campaign names the channel its invitation goes by' : `a ${d.channel} campaign goes by ${d.channel}: inviteVia is for event campaigns`,
      ['data', 'inviteVia'],
    );
  return E.right([
    {
      type: 'CampaignDefined',
      data: {
        campaignId: d.campaignId,
        name: d.name,
        channel: d.channel,
        inviteVia: d.inviteVia ?? null,
        audience: d.audience,
        audienceSource: d.audienceSource ?? null,
        cost: d.cost,
        scheduledAt: d.scheduledAt,
        at: d.at,
      },
    },
  ]);
};

const start = (c: Cmd<'StartCampaignSend'>, s: Campaign): Decision => {
  const { campaignId, at } = c.data;
  if (s.status === 'none') return refuseCampaign('CAMPAIGN_NOT_FOUND', `no campaign ${campaignId}`, ['data', 'campaignId']);
  if (s.status !== 'defined') return refuseCampaign('CAMPAIGN_ALREADY_SENT', `campaign ${campaignId} was sent at ${s.sentAt}`, ['data', 'campaignId'], { sentAt: s.sentAt });
  if (at < s.definition.scheduledAt)
    return refuseCampaign('CAMPAIGN_NOT_DUE', `campaign ${campaignId} is scheduled for ${s.definition.scheduledAt}`, ['data', 'at'], { scheduledAt: s.definition.scheduledAt });
  return E.right([{ type: 'CampaignSendStarted', data: { campaignId, at } }]);
};

const complete = (c: Cmd<'CompleteCampaignSend'>, s: Campaign): Decision => {
  const { campaignId, sent, refused } = c.data;
  if (s.status === 'none') return refuseCampaign('CAMPAIGN_NOT_FOUND', `no campaign ${campaignId}`, ['data', 'campaignId']);
  if (s.status !== 'sending') return refuseCampaign('CAMPAIGN_SEND_INCOMPLETE', `campaign ${campaignId} is ${s.status}, not sending`, ['data', 'campaignId']);
  const size = s.definition.audience.length;
  if (!Number.isSafeInteger(sent) || !Number.isSafeInteger(refused) || sent < 0 || refused < 0 || sent + refused !== size)
    return refuseCampaign('CAMPAIGN_SEND_INCOMPLETE', `${sent} sent + ${refused} refused is not the audience of ${size}`, ['data', 'sent'], { audienceSize: size });
  return E.right([{ type: 'CampaignSendCompleted', data: { campaignId, sent, refused, at: c.data.at < s.sentAt ? s.sentAt : c.data.at } }]);
};

/**
 * A campaign's life: defined once (an audience of distinct customers, an invitation
 * channel exactly for `event` campaigns), sent once and not before its schedule, then
 * closed when every recipient is reached or refused.
 */
export const campaignDecider: Decider<Campaign, CampaignCommand, CampaignEvent, CampaignError> = {
  initialState: () => ({ status: 'none' }),
  decide: (c, s) => {
    switch (c.type) {
      case 'DefineCampaign':
        return define(c, s);
      case 'StartCampaignSend':
        return start(c, s);
      case 'CompleteCampaignSend':
        return complete(c, s);
      default:
        return absurd(c);
    }
  },
  evolve: (s, e) => {
    switch (e.type) {
      case 'CampaignDefined':
        return { status: 'defined', definition: e.data };
      case 'CampaignSendStarted':
        return s.status === 'none' ? s : { status: 'sending', definition: s.definition, sentAt: e.data.at };
      case 'CampaignSendCompleted':
        return s.status === 'sending' ? { ...s, status: 'sent' } : s;
      default:
        return absurd(e);
    }
  },
};

/** The channel whose consent a campaign's messages need: its own, or an event's invitation channel. */
export const consentChannelOf = (d: Pick<CampaignDefinition, 'channel' | 'inviteVia'>) => (d.channel === 'event' ? d.inviteVia! : d.channel);
