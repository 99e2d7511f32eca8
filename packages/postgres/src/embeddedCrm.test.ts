import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { isRapportError, sequentialIds, steppingClock } from '@rapport/core';
import { createEmbeddedCrm, type EmbeddedCrmOptions } from './embeddedCrm.js';
import { VaultMasterKeyMismatch } from './masterKey.js';

/**
 * createEmbeddedCrm on a PGlite data directory, closed and opened again as a host process
 * restarting would: customers, their sealed fields, erasures and contact uniqueness all
 * come back from the directory (and its master key).
 */

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const freshDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'rapport-embedded-'));
  dirs.push(d);
  return join(d, 'data');
};
const shop = { tenantId: 'shop1', actor: { kind: 'agent' as const, id: 'a1' } };
const ok = <T>(r: E.Either<unknown, T>): T => {
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  return r.right;
};
let run = 0;
/** Each opening gets its own command ids, as a restarted process would. */
const open = (o: EmbeddedCrmOptions) =>
  createEmbeddedCrm({ clock: steppingClock('2026-03-01T00:00:00.000Z', 1000), ids: sequentialIds(`run${++run}-`), ...o });

describe('createEmbeddedCrm', () => {
  it('keeps a customer, their name and their phone between runs; a duplicate phone is still refused after reopening', async () => {
    const dataDir = freshDir();
    const first = await open({ dataDir });
    try {
      ok(await first.customers.register(shop, { customerId: 'c1', name: '王小明', phone: '138 0013 8000', channel: 'ownSite' }));
    } finally {
      await first.close();
    }
    // the default master key file sits beside the data directory, readable by its owner only
    expect(statSync(`${dataDir}.master-key`).mode & 0o777).toBe(0o600);

    const second = await open({ dataDir });
    try {
      const c360 = await second.projections.customer360.get('shop1', 'c1');
      expect(c360?.profile.name).toBe('王小明');
      expect(c360?.profile.phone).toBe('13800138000');
      const dup = await second.customers.register(shop, { customerId: 'c2', name: 'B', phone: '+86 138-0013-8000', channel: 'ownSite' });
      expect(E.isLeft(dup) && dup.left.kind === 'DomainError' && dup.left.details).toMatchObject({ existingCustomerId: 'c1' });
      expect(await second.projections.customer360.get('shop1', 'c2')).toBeUndefined();
    } finally {
      await second.close();
    }
  });

  it("an erased customer reads 'erased', also after reopening", async () => {
    const dataDir = freshDir();
    const masterKey = randomBytes(32).toString('hex');
    const first = await open({ dataDir, masterKey });
    try {
      ok(await first.customers.register(shop, { customerId: 'c1', name: '李雷', phone: '13900139000', channel: 'ownSite' }));
      ok(await first.customers.register(shop, { customerId: 'c2', name: '韩梅梅', phone: '13700137000', channel: 'ownSite' }));
      ok(await first.customers.erase(shop, { customerId: 'c1' }));
      expect((await first.projections.customer360.get('shop1', 'c1'))?.profile.name).toBe('erased');
    } finally {
      await first.close();
    }
    const second = await open({ dataDir, masterKey });
    try {
      const erased = await second.projections.customer360.get('shop1', 'c1');
      expect(erased?.profile).toMatchObject({ name: 'erased', phone: 'erased', email: 'erased' });
      expect((await second.projections.customer360.get('shop1', 'c2'))?.profile.name).toBe('韩梅梅');
      expect(await second.vault.encrypt('shop1', 'c1', 'again').then(() => 'sealed', (e: unknown) => (e as Error).name)).toBe('PersonalDataErased');
    } finally {
      await second.close();
    }
  });

  it('a wrong master key is refused with VaultMasterKeyMismatch, and the right one still opens the directory', async () => {
    const dataDir = freshDir();
    const masterKey = randomBytes(32);
    const first = await open({ dataDir, masterKey });
    try {
      ok(await first.customers.register(shop, { customerId: 'c1', name: 'Ada', phone: '13600136000', channel: 'ownSite' }));
    } finally {
      await first.close();
    }
    const wrong = await open({ dataDir, masterKey: randomBytes(32) }).then(
      async (crm) => (await crm.close(), undefined),
      (e: unknown) => e,
    );
    expect(isRapportError(wrong, VaultMasterKeyMismatch.code), String(wrong)).toBe(true);
    const again = await open({ dataDir, masterKey: masterKey.toString('base64') });
    try {
      expect((await again.projections.customer360.get('shop1', 'c1'))?.profile.name).toBe('Ada');
    } finally {
      await again.close();
    }
  });
});
