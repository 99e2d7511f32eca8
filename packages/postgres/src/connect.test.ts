import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { conformanceEvents as ce } from '@rapport/core/testing';
import { isRapportError, StoreUnavailable } from '@rapport/core';
import { connectPostgres, openEmbeddedRapport } from './connect.js';
import { freshSchema, PG_URL, resolveTarget } from './testSupport.js';

/** The two ways a host opens Rapport: embedded PGlite (the default) and a server URL. */

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const collect = async <T>(xs: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of xs) out.push(x);
  return out;
};

describe('openEmbeddedRapport', () => {
  it('keeps events and documents in its data directory between runs', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'rapport-embedded-'));
    dirs.push(dataDir);
    const first = await openEmbeddedRapport({ registry: ce.conformanceRegistry(), dataDir });
    const r = await first.eventStore.appendToStream('customer-shop_a.c1', ce.batchOf({ commandId: 'e1' }, [ce.registered('c1'), ce.earned('c1', 3)]), { expectedVersion: 'no_stream' });
    await first.readModels.commit('test.p', [{ op: 'put', tenantId: 'shop_a', id: 'c1', document: { points: 3 } }], { position: r.lastGlobalPosition, version: 1 });
    await first.close();
    const second = await openEmbeddedRapport({ registry: ce.conformanceRegistry(), dataDir });
    try {
      expect((await collect(second.eventStore.readStream('customer-shop_a.c1'))).map((e) => e.type)).toEqual(['CustomerRegistered', 'PointsEarned']);
      expect(await second.readModels.get('test.p', 'shop_a', 'c1')).toEqual({ points: 3 });
      expect(await second.readModels.checkpoint('test.p')).toEqual({ position: r.lastGlobalPosition, version: 1 });
    } finally {
      await second.close();
    }
  });

  it('creates a nested data directory that does not exist yet', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'rapport-embedded-'));
    dirs.push(parent);
    const rapport = await openEmbeddedRapport({ registry: ce.conformanceRegistry(), dataDir: join(parent, 'shops', 'shop_a') });
    try {
      await rapport.eventStore.appendToStream('customer-shop_a.c1', ce.batchOf({ commandId: 'n1' }, [ce.registered('c1')]), { expectedVersion: 'no_stream' });
      expect(await collect(rapport.eventStore.readAll())).toHaveLength(1);
    } finally {
      await rapport.close();
    }
  });

  it('memory:// keeps nothing, and after close the stores are unavailable', async () => {
    const rapport = await openEmbeddedRapport({ registry: ce.conformanceRegistry(), dataDir: 'memory://' });
    await rapport.eventStore.appendToStream('customer-shop_a.c1', ce.batchOf({ commandId: 'm1' }, [ce.registered('c1')]), { expectedVersion: 'no_stream' });
    expect(await collect(rapport.eventStore.readAll())).toHaveLength(1);
    await rapport.close();
    const e = await collect(rapport.eventStore.readAll()).then(() => undefined, (err: unknown) => err);
    expect(isRapportError(e, StoreUnavailable.code), String(e)).toBe(true);
  });
});

describe('connectPostgres', () => {
  it('rejects with StoreUnavailable (driver error as cause) when the server does not answer', async () => {
    const e = await connectPostgres({ registry: ce.conformanceRegistry(), connectionString: 'postgres://postgres@127.0.0.1:1/none', poolConfig: { connectionTimeoutMillis: 2_000 } }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(isRapportError(e, StoreUnavailable.code), String(e)).toBe(true);
    expect((e as StoreUnavailable).cause).toBeDefined();
  });

  it('connects by URL into the named schema (PGlite stands in when the server does not answer)', async () => {
    const server = (await resolveTarget('server')) === 'server';
    const schema = freshSchema();
    const rapport = server
      ? await connectPostgres({ registry: ce.conformanceRegistry(), connectionString: PG_URL, schema })
      : await openEmbeddedRapport({ registry: ce.conformanceRegistry(), dataDir: 'memory://', schema });
    try {
      await rapport.eventStore.appendToStream('customer-shop_a.c1', ce.batchOf({ commandId: 'u1' }, [ce.registered('c1')]), { expectedVersion: 'no_stream' });
      const [row] = await rapport.database.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${schema}".events`);
      expect(row!.n).toBe('1');
    } finally {
      await rapport.database.exec(`DROP SCHEMA "${schema}" CASCADE`);
      await rapport.close();
    }
  });
});
