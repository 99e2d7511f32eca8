import { make } from '../kernel/codecs.js';
import { BlindIndex, SealedText } from '../privacy/sealedText.js';

/**
 * Stand-ins for sealed fields and blind indexes in decider and projection tests, where no
 * vault is involved: well-formed, but they open nowhere.
 */
export const fakeSealed = (n: number): SealedText =>
  make(SealedText)({
    alg: 'aes-256-gcm',
    keyId: `key-${n}`,
    iv: Buffer.from(`iv-${n}`.padEnd(12, '.')).toString('base64'),
    tag: Buffer.from(`tag-${n}`.padEnd(16, '.')).toString('base64'),
    ct: Buffer.from(`ct-${n}`).toString('base64'),
  });

export const fakeIndex = (n: number): BlindIndex => make(BlindIndex)(`idx_${n}`);
