import * as E from 'fp-ts/lib/Either.js';
import { absurd } from 'fp-ts/lib/function.js';
import type { IsoInstant } from '../kernel/codecs.js';
import type { Decider } from '../kernel/decider.js';
import { checkCap, pruneCounted, type CountedMessage, type MarketingCap } from './cap.js';
import type { MarketingCommand } from './commands.js';
import { refuseMarketing, type MarketingError } from './errors.js';
import type { MarketingEvent } from './events.js';
import { defaultMarketingPolicy } from './policy.js';

/** One customer's marketing contacts, as far as the rules need them. */
export interface MarketingContact {
  /** The latest `at` of a recorded message (retracted ones too: time order is kept). */
  readonly lastAt: IsoInstant | null;
  /** Messages that still count, no older than the window before `lastAt`. */
  readonly counted: readonly CountedMessage[];
}

type Decision = E.Either<MarketingError, readonly MarketingEvent[]>;
type Cmd<T extends MarketingCommand['type']> = Extract<MarketingCommand, { type: T }>;

const send = (cap: MarketingCap, c: Cmd<'SendMarketingMessage'>, s: MarketingContact): Decision => {
  const { customerId, messageId, channel, campaignId, at, consent } = c.data;
  if (consent.status !== 'given' || consent.since === null || consent.since > at)
    return refuseMarketing(
      'MARKETING_NO_CONSENT',
      consent.status === 'given' ? `customer ${customerId} consented to ${channel} only at ${consent.since}` : `customer ${customerId} has no ${channel} consent (${consent.status})`,
      ['data', 'channel'],
      { status: consent.status, since: consent.since },
    );
  if (s.lastAt !== null && at < s.lastAt)
    return refuseMarketing('MARKETING_OUT_OF_ORDER', `the last message to ${customerId} was recorded at ${s.lastAt}`, ['data', 'at'], { lastSentAt: s.lastAt });
  if (s.counted.some((m) => m.messageId === messageId)) return refuseMarketing('MARKETING_MESSAGE_EXISTS', `message ${messageId} is recorded already`, ['data', 'messageId']);
  const check = checkCap(s.counted, at, cap);
  if (!check.allowed)
    return refuseMarketing(
      'MARKETING_CAP_REACHED',
      `${check.inWindow} messages to ${customerId} in the ${cap.capWindowDays} days up to ${at}; the next is allowed at ${check.nextAllowedAt}`,
      ['data', 'at'],
      { nextAllowedAt: check.nextAllowedAt, inWindow: check.inWindow, capMessages: cap.capMessages, capWindowDays: cap.capWindowDays },
    );
  return E.right([{ type: 'MarketingMessageSent', data: { customerId, messageId, channel, campaignId: campaignId ?? null, at, consent } }]);
};

const retract = (c: Cmd<'RetractMarketingMessage'>, s: MarketingContact): Decision =>
  s.counted.some((m) => m.messageId === c.data.messageId)
    ? E.right([{ type: 'MarketingMessageRetracted', data: c.data }])
    : refuseMarketing('MARKETING_MESSAGE_NOT_FOUND', `message ${c.data.messageId} is not a counted message`, ['data', 'messageId']);

/**
 * The marketing decider of a shop: a message needs current consent for its channel at its
 * time and must fit the cap (default 4 per 30 × 24 h); the 5th is refused with the
 * instant the next one is allowed.
 */
export const makeMarketingDecider = (cap: MarketingCap = defaultMarketingPolicy): Decider<MarketingContact, MarketingCommand, MarketingEvent, MarketingError> => ({
  initialState: () => ({ lastAt: null, counted: [] }),
  decide: (c, s) => {
    switch (c.type) {
      case 'SendMarketingMessage':
        return send(cap, c, s);
      case 'RetractMarketingMessage':
        return retract(c, s);
      default:
        return absurd(c);
    }
  },
  evolve: (s, e) => {
    switch (e.type) {
      case 'MarketingMessageSent': {
        const { messageId, channel, at } = e.data;
        const lastAt = s.lastAt === null || at > s.lastAt ? at : s.lastAt;
        return { lastAt, counted: pruneCounted([...s.counted, { messageId, channel, at }], lastAt, cap) };
      }
      case 'MarketingMessageRetracted':
        return { ...s, counted: s.counted.filter((m) => m.messageId !== e.data.messageId) };
      default:
        return absurd(e);
    }
  },
});

/** The marketing decider with the default cap. */
export const marketingDecider = makeMarketingDecider();
