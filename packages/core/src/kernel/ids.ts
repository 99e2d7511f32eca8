import { Buffer } from 'node:buffer';
import * as crypto from 'node:crypto';
import { v4 as uuidv4, v5 as uuidv5 } from 'uuid';

/** Where new ids come from. Injected: the core never draws randomness itself. */
export interface IdGenerator {
  next(): string;
}

/** Random v4 uuids: the default a host gets from `createCrm` when it injects none. */
export const uuidIds: IdGenerator = { next: () => uuidv4() };

/** `<prefix>-1`, `<prefix>-2`, ... (tests, demos). */
export const sequentialIds = (prefix = 'id'): IdGenerator => {
  let n = 0;
  return { next: () => `${prefix}-${++n}` };
};

/** Rapport's uuid v5 namespace (fixed forever: derived ids must never change). */
export const RAPPORT_NAMESPACE = '6f0e3b9c-3c55-5a8e-9a0b-7d7f1e2a4c10';

const NAMESPACE_BYTES = Buffer.from(RAPPORT_NAMESPACE.replaceAll('-', ''), 'hex');
// Node >= 20.12 hashes a buffer in one call, without a Hash object per id.
const oneShot = (crypto as unknown as { hash?: (algorithm: string, data: Buffer, encoding: 'buffer') => Buffer }).hash;
/** A lone surrogate: uuid refuses such names (encodeURIComponent throws). */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * A deterministic uuid (v5) from a name: the same name always gives the same id, so a
 * redelivered trigger produces the same commandId and has no second effect.
 */
export const deriveId = (...parts: readonly string[]): string => {
  const name = parts.join('\u001f');
  // uuid's own path for names that are not well-formed UTF-16 (it refuses them the same way)
  if (!oneShot || LONE_SURROGATE.test(name)) return uuidv5(name, RAPPORT_NAMESPACE);
  // the same bytes uuid v5 hashes (namespace, then the name in UTF-8), without its per-call parsing and copies
  const bytes = Buffer.allocUnsafe(16 + Buffer.byteLength(name, 'utf8'));
  NAMESPACE_BYTES.copy(bytes, 0);
  bytes.write(name, 16, 'utf8');
  const h = oneShot('sha1', bytes, 'buffer');
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.toString('hex', 0, 16);
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
};

