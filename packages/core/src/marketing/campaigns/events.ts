import * as t from 'io-ts';
import { Fen, IsoInstant, ShortText, tagged } from '../../kernel/codecs.js';
import { CustomerId, OrderId } from '../../shared/ids.js';
import { ConsentChannel, nullable } from '../../customers/values.js';
import { CampaignId, MarketingMessageId } from '../values.js';
import { CampaignChannel, CampaignRefusalReason, CampaignResponse } from './values.js';

/*
 * Two streams. `campaign-<tenant>.<campaignId>`: the definition and the send's start and
 * end. `campaignRecipient-<tenant>.<customerId>`: what each campaign did for one customer
 * (reached or refused, responses, the attributed order), so attribution needs only the
 * customer's own stream when an order is paid.
 */

/**
 * A campaign (营销活动) defined: channel, the audience (customer ids taken from a segment or
 * a query), cost in fen and when it is scheduled. An `event` campaign's invitation goes
 * out by `inviteVia`, and that channel's consent is checked.
 */
export const CampaignDefined = tagged('CampaignDefined', {
  campaignId: CampaignId,
  name: ShortText,
  channel: CampaignChannel,
  inviteVia: nullable(ConsentChannel),
  audience: t.array(CustomerId),
  /** Where the audience came from (a segment's name, a query), for the record. */
  audienceSource: nullable(ShortText),
  cost: Fen,
  scheduledAt: IsoInstant,
  at: IsoInstant,
});

/** The send began at `at`: from now on the campaign is not sent again. */
export const CampaignSendStarted = tagged('CampaignSendStarted', { campaignId: CampaignId, at: IsoInstant });

/** Every recipient was reached or refused. */
export const CampaignSendCompleted = tagged('CampaignSendCompleted', { campaignId: CampaignId, sent: t.number, refused: t.number, at: IsoInstant });

export const CampaignEvent = t.union([CampaignDefined, CampaignSendStarted, CampaignSendCompleted]);
export type CampaignEvent = t.TypeOf<typeof CampaignEvent>;

/** The campaign's marketing message to this customer was recorded (it counts toward the cap). */
export const CampaignRecipientReached = tagged('CampaignRecipientReached', {
  campaignId: CampaignId,
  customerId: CustomerId,
  channel: CampaignChannel,
  messageId: MarketingMessageId,
  at: IsoInstant,
});

/** The customer was left out at send time, with the reason (`nextAllowedAt` for the cap). */
export const CampaignRecipientRefused = tagged('CampaignRecipientRefused', {
  campaignId: CampaignId,
  customerId: CustomerId,
  channel: CampaignChannel,
  reason: CampaignRefusalReason,
  nextAllowedAt: nullable(IsoInstant),
  at: IsoInstant,
});

/** The recipient's response: delivered, opened, clicked, attended. */
export const CampaignResponseRecorded = tagged('CampaignResponseRecorded', {
  campaignId: CampaignId,
  customerId: CustomerId,
  response: CampaignResponse,
  at: IsoInstant,
});

/**
 * The recipient's first paid order within the attribution window of the send. `net` is
 * what was paid less refunds so far; `replaces` names an order attributed before whose
 * payment turned out to be later (a payment recorded late).
 */
export const CampaignOrderAttributed = tagged('CampaignOrderAttributed', {
  campaignId: CampaignId,
  customerId: CustomerId,
  orderId: OrderId,
  paid: Fen,
  net: Fen,
  sentAt: IsoInstant,
  paidAt: IsoInstant,
  replaces: nullable(OrderId),
});

/** Money paid back on an attributed order: `net` is the order's new net (never below 0). */
export const CampaignOrderRefunded = tagged('CampaignOrderRefunded', {
  campaignId: CampaignId,
  customerId: CustomerId,
  orderId: OrderId,
  amount: Fen,
  net: Fen,
  at: IsoInstant,
});

export const CampaignRecipientEvent = t.union([
  CampaignRecipientReached,
  CampaignRecipientRefused,
  CampaignResponseRecorded,
  CampaignOrderAttributed,
  CampaignOrderRefunded,
]);
export type CampaignRecipientEvent = t.TypeOf<typeof CampaignRecipientEvent>;
