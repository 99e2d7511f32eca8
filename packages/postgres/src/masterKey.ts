import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { InvalidArgument, RapportError, VAULT_KEY_BYTES } from '@rapport/core';

/**
 * The vault's keys were stored under another master key, or without one (or with one while
 * this vault has none): nothing in it can be opened with the master key given. Nothing was
 * read or written.
 */
export class VaultMasterKeyMismatch extends RapportError {
  static readonly code = 'RAPPORT_VAULT_MASTER_KEY_MISMATCH';
  constructor(message: string) {
    super(VaultMasterKeyMismatch.code, `vault: ${message}`);
  }
}

/** A master key as 32 bytes, or as text: 64 hex digits or base64 of 32 bytes. */
export type MasterKeyInput = Uint8Array | string;

/** The 32 bytes of a master key; throws {@link InvalidArgument} for anything else. */
export const parseMasterKey = (input: MasterKeyInput, source = 'master key'): Buffer => {
  let key: Buffer;
  if (typeof input !== 'string') key = Buffer.from(input);
  else {
    const text = input.trim();
    key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : /^[A-Za-z0-9+/_-]+={0,2}$/.test(text) ? Buffer.from(text, 'base64') : Buffer.alloc(0);
  }
  if (key.length !== VAULT_KEY_BYTES) throw new InvalidArgument(`${source}: expected ${VAULT_KEY_BYTES} bytes (64 hex digits or base64), got ${key.length} bytes`);
  return key;
};

/**
 * The master key kept in a file (base64, mode 0600): read when the file exists, otherwise
 * 32 random bytes written to it first.
 */
export const masterKeyFromFile = (path: string): Buffer => {
  if (existsSync(path)) return parseMasterKey(readFileSync(path, 'utf8'), path);
  const key = randomBytes(VAULT_KEY_BYTES);
  mkdirSync(dirname(path), { recursive: true });
  try {
    // 'wx': never overwrite a key another process wrote in the meantime
    writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as { code?: string }).code === 'EEXIST') return parseMasterKey(readFileSync(path, 'utf8'), path);
    throw e;
  }
  return key;
};
