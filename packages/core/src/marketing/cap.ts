import type { IsoInstant } from '../kernel/codecs.js';
import type { ConsentChannel } from '../customers/values.js';
import { addMs } from '../loyalty/coupons/instants.js';

/** A message that counts towards the cap. */
export interface CountedMessage {
  readonly messageId: string;
  readonly channel: ConsentChannel;
  readonly at: IsoInstant;
}

/** The cap: `messages` per window of `windowDays` × 24 h, both ends inclusive. */
export interface MarketingCap {
  readonly capMessages: number;
  readonly capWindowDays: number;
}

const windowMs = (cap: MarketingCap): number => cap.capWindowDays * 86_400_000;

/** The messages in the window ending at `at`: sent at or after `at` − window and at or before `at`, oldest first. */
export const inWindow = (messages: readonly CountedMessage[], at: string, cap: MarketingCap): CountedMessage[] => {
  const from = Date.parse(at) - windowMs(cap);
  return messages.filter((m) => m.at <= at && Date.parse(m.at) >= from).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
};

/** Whether one more message fits at `at`; if not, the first instant it would. */
export type CapCheck =
  | { readonly allowed: true; readonly inWindow: number }
  | { readonly allowed: false; readonly inWindow: number; readonly nextAllowedAt: IsoInstant };

/**
 * One more message at `at` is allowed while fewer than `capMessages` lie in the window
 * ending at `at`. Otherwise the next is allowed once the oldest of the last `capMessages`
 * has left the window: 1 ms after it is `windowDays` × 24 h old.
 */
export const checkCap = (messages: readonly CountedMessage[], at: string, cap: MarketingCap): CapCheck => {
  const w = inWindow(messages, at, cap);
  if (w.length < cap.capMessages) return { allowed: true, inWindow: w.length };
  return { allowed: false, inWindow: w.length, nextAllowedAt: addMs(w[w.length - cap.capMessages]!.at, windowMs(cap) + 1) };
};

/** Drop what can never count again: messages are recorded in time order, so older than the window before the latest. */
export const pruneCounted = (messages: readonly CountedMessage[], latest: string, cap: MarketingCap): CountedMessage[] => {
  const from = Date.parse(latest) - windowMs(cap);
  return messages.filter((m) => Date.parse(m.at) >= from);
};
