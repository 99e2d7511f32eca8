import type { IsoInstant } from '../../kernel/codecs.js';
import type { Projection } from '../../kernel/projection.js';
import type { ConsentChannel } from '../../customers/values.js';
import { checkCap, inWindow, pruneCounted, type CountedMessage, type MarketingCap } from '../cap.js';
import { MarketingEvent } from '../events.js';
import { defaultMarketingPolicy } from '../policy.js';

/** One customer's marketing contacts (`marketing.contacts`, keyed by customer id). */
export interface MarketingContactsDoc {
  readonly tenantId: string;
  readonly customerId: string;
  /** Messages recorded and not retracted, all time. */
  readonly sent: number;
  readonly byChannel: Readonly<Partial<Record<ConsentChannel, number>>>;
  readonly retracted: number;
  readonly lastSentAt: IsoInstant | null;
  /** Messages in the window ending at the last message (the cap's window). */
  readonly last30DaysCount: number;
  /** The first instant another message is allowed (the last message's time while under the cap); null before any. */
  readonly nextAllowedAt: IsoInstant | null;
  /** The counted messages of that window, oldest first. */
  readonly recent: readonly CountedMessage[];
}

const summarise = (doc: MarketingContactsDoc, cap: MarketingCap): MarketingContactsDoc => {
  if (doc.lastSentAt === null) return { ...doc, last30DaysCount: 0, nextAllowedAt: null };
  const check = checkCap(doc.recent, doc.lastSentAt, cap);
  return { ...doc, last30DaysCount: inWindow(doc.recent, doc.lastSentAt, cap).length, nextAllowedAt: check.allowed ? doc.lastSentAt : check.nextAllowedAt };
};

/** `marketing.contacts` for a shop's cap: messages sent, by channel, the window's count and the next allowed time. */
export const makeMarketingContacts = (cap: MarketingCap = defaultMarketingPolicy): Projection<MarketingContactsDoc, MarketingEvent> => ({
  name: 'marketing.contacts',
  version: 1,
  events: MarketingEvent,
  init: () => ({ tenantId: '', customerId: '', sent: 0, byChannel: {}, retracted: 0, lastSentAt: null, last30DaysCount: 0, nextAllowedAt: null, recent: [] }),
  keyOf: (e) => e.data.customerId,
  apply: (doc0, e) => {
    const doc = { ...doc0, tenantId: e.metadata.tenantId, customerId: e.data.customerId };
    if (e.type === 'MarketingMessageSent') {
      const { messageId, channel, at } = e.data;
      const lastSentAt = doc.lastSentAt === null || at > doc.lastSentAt ? at : doc.lastSentAt;
      return summarise(
        {
          ...doc,
          sent: doc.sent + 1,
          byChannel: { ...doc.byChannel, [channel]: (doc.byChannel[channel] ?? 0) + 1 },
          lastSentAt,
          recent: pruneCounted([...doc.recent, { messageId, channel, at }], lastSentAt, cap),
        },
        cap,
      );
    }
    const gone = doc.recent.find((m) => m.messageId === e.data.messageId);
    if (!gone) return doc;
    return summarise(
      {
        ...doc,
        sent: doc.sent - 1,
        retracted: doc.retracted + 1,
        byChannel: { ...doc.byChannel, [gone.channel]: (doc.byChannel[gone.channel] ?? 1) - 1 },
        recent: doc.recent.filter((m) => m.messageId !== e.data.messageId),
      },
      cap,
    );
  },
});

/** The projection with the default cap (4 per 30 days). */
export const marketingContacts = makeMarketingContacts();

/** A customer's cap as of `now` (at or after their last message): messages in the window ending at `now`, and when the next is allowed. */
export const marketingContactAt = (
  doc: MarketingContactsDoc | undefined,
  now: string,
  cap: MarketingCap = defaultMarketingPolicy,
): { readonly inWindow: number; readonly allowedNow: boolean; readonly nextAllowedAt: IsoInstant | null } => {
  if (!doc || doc.lastSentAt === null) return { inWindow: 0, allowedNow: true, nextAllowedAt: null };
  const at = now < doc.lastSentAt ? doc.lastSentAt : now;
  const check = checkCap(doc.recent, at, cap);
  return check.allowed ? { inWindow: check.inWindow, allowedNow: now >= doc.lastSentAt, nextAllowedAt: at as IsoInstant } : { inWindow: check.inWindow, allowedNow: false, nextAllowedAt: check.nextAllowedAt };
};
