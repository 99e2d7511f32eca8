import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { specFor } from '../../testing/deciderSpecification.js';
import type { CampaignCommand } from './commands.js';
import { campaignDecider, consentChannelOf } from './decider.js';
import type { CampaignEvent } from './events.js';

const given = specFor(campaignDecider);
const T = '2026-06-01T02:00:00.000Z';
const define = (over: Record<string, unknown> = {}): CampaignCommand =>
  ({ type: 'DefineCampaign', data: { campaignId: 'qixi', name: '七夕', channel: 'sms', audience: ['c-1', 'c-2', 'c-3'], cost: 10_000, scheduledAt: T, at: '2026-05-30T00:00:00.000Z', ...over } }) as CampaignCommand;
const defined = (over: Record<string, unknown> = {}): CampaignEvent =>
  ({
    type: 'CampaignDefined',
    data: { campaignId: 'qixi', name: '七夕', channel: 'sms', inviteVia: null, audience: ['c-1', 'c-2', 'c-3'], audienceSource: null, cost: 10_000, scheduledAt: T, at: '2026-05-30T00:00:00.000Z', ...over },
  }) as CampaignEvent;
const start = (at = T): CampaignCommand => ({ type: 'StartCampaignSend', data: { campaignId: 'qixi', at } }) as CampaignCommand;
const started = (at = T): CampaignEvent => ({ type: 'CampaignSendStarted', data: { campaignId: 'qixi', at } }) as CampaignEvent;
const complete = (sent: number, refused: number, at = T): CampaignCommand => ({ type: 'CompleteCampaignSend', data: { campaignId: 'qixi', sent, refused, at } }) as CampaignCommand;

describe('campaign decider', () => {
  it('defines a campaign with its channel, audience, cost and schedule', () => {
    given([]).when(define()).then([defined()]);
    given([]).when(define({ audienceSource: 'segment:importantValue' })).then([defined({ audienceSource: 'segment:importantValue' })]);
    given([]).when(define({ channel: 'event', inviteVia: 'push' })).then([defined({ channel: 'event', inviteVia: 'push' })]);
  });

  it('refuses a second definition, an empty audience and a repeated customer (with the index of the repeat)', () => {
    given([defined()]).when(define()).thenRejects('CAMPAIGN_EXISTS', ['data', 'campaignId']);
    given([]).when(define({ audience: [] })).thenRejects('CAMPAIGN_AUDIENCE_SIZE', ['data', 'audience']);
    given([]).when(define({ audience: ['c-1', 'c-2', 'c-1'] })).thenRejects('CAMPAIGN_AUDIENCE_REPEATS', ['data', 'audience', 2]);
  });

  it('asks an event campaign, and only it, for the channel its invitation goes by', () => {
    given([]).when(define({ channel: 'event' })).thenRejects('CAMPAIGN_INVITE_CHANNEL', ['data', 'inviteVia']);
    given([]).when(define({ channel: 'email', inviteVia: 'sms' })).thenRejects('CAMPAIGN_INVITE_CHANNEL', ['data', 'inviteVia']);
    expect(consentChannelOf({ channel: 'event', inviteVia: 'phone' })).toBe('phone');
    expect(consentChannelOf({ channel: 'email', inviteVia: null })).toBe('email');
  });

  it('sends once, not before the schedule (exactly at it is fine)', () => {
    given([]).when(start()).thenRejects('CAMPAIGN_NOT_FOUND', ['data', 'campaignId']);
    given([defined()]).when(start('2026-06-01T01:59:59.999Z')).thenRejects('CAMPAIGN_NOT_DUE', ['data', 'at']);
    given([defined()]).when(start()).then([started()]);
    given([defined(), started()]).when(start('2026-06-02T00:00:00.000Z')).thenRejects('CAMPAIGN_ALREADY_SENT', ['data', 'campaignId']);
    given([defined(), started(), { type: 'CampaignSendCompleted', data: { campaignId: 'qixi', sent: 3, refused: 0, at: T } } as CampaignEvent])
      .when(start())
      .thenRejects('CAMPAIGN_ALREADY_SENT', ['data', 'campaignId']);
  });

  it('completes only a send in progress whose counts cover the audience', () => {
    given([defined()]).when(complete(3, 0)).thenRejects('CAMPAIGN_SEND_INCOMPLETE', ['data', 'campaignId']);
    given([defined(), started()]).when(complete(1, 1)).thenRejects('CAMPAIGN_SEND_INCOMPLETE', ['data', 'sent']);
    given([defined(), started()]).when(complete(2, 1)).then([{ type: 'CampaignSendCompleted', data: { campaignId: 'qixi', sent: 2, refused: 1, at: T } } as CampaignEvent]);
  });

  it('accepts exactly the sends at or after the schedule (property)', () =>
    fc.assert(
      fc.property(fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 }), (offset) => {
        const at = new Date(Date.parse(T) + offset).toISOString();
        const s = campaignDecider.evolve(campaignDecider.initialState(), defined());
        return E.isRight(campaignDecider.decide(start(at), s)) === offset >= 0;
      }),
    ));

  it('accepts a completion exactly when sent + refused = audience size (property)', () =>
    fc.assert(
      fc.property(fc.nat(5), fc.nat(5), (sent, refused) => {
        const s = [defined(), started()].reduce(campaignDecider.evolve, campaignDecider.initialState());
        return E.isRight(campaignDecider.decide(complete(sent, refused), s)) === (sent + refused === 3);
      }),
    ));
});
