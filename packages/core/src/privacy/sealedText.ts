import * as t from 'io-ts';
import { idCodec, ShortText } from '../kernel/codecs.js';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export interface Base64Brand {
  readonly Base64: unique symbol;
}
/** Standard base64 (with padding), as `Buffer.toString('base64')` writes it. */
export const Base64 = t.brand(t.string, (s): s is t.Branded<string, Base64Brand> => BASE64.test(s), 'Base64');
export type Base64 = t.TypeOf<typeof Base64>;

/**
 * A personal field as it is stored in events: AES-256-GCM ciphertext under the customer's
 * own key (named by `keyId`), with its IV and authentication tag. Once the key is erased
 * nothing can read it back, while the event (and its hash) stays exactly as written.
 */
export const SealedText = t.type(
  {
    alg: t.literal('aes-256-gcm'),
    keyId: ShortText,
    iv: Base64,
    tag: Base64,
    ct: Base64,
  },
  'SealedText',
);
export type SealedText = t.TypeOf<typeof SealedText>;

/**
 * A keyed hash (HMAC, per tenant) of a normalised phone or email, base64url: equal
 * contacts give equal indexes, so uniqueness can be checked without storing the plain
 * value. Id-safe (1–64 of `[A-Za-z0-9_-]`), so it can name a stream.
 */
export const BlindIndex = idCodec('BlindIndex');
export type BlindIndex = t.TypeOf<typeof BlindIndex>;

/** Which kind of contact a blind index was computed for (each kind hashes apart). */
export const ContactKind = t.keyof({ phone: null, email: null }, 'ContactKind');
export type ContactKind = t.TypeOf<typeof ContactKind>;
