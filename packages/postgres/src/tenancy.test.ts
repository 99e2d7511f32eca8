import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { conformanceEvents as ce } from '@rapport/core/testing';
import { InvalidEvent, isRapportError, type StoredEvent } from '@rapport/core';
import { PostgresEventStore } from './postgresEventStore.js';
import { PostgresReadModelStore } from './postgresReadModelStore.js';
import { closeShared, openTestDatabase, resolveTarget, TARGETS } from './testSupport.js';

/**
 * Multi-tenancy: every row carries its tenant and every tenant-scoped call filters on it.
 * Whatever mix of tenants writes, a tenant reads back exactly its own events and documents
 * through every API: readStream of its streams, readAll and subscribe filtered by tenant,
 * get and query of read models.
 */

afterAll(closeShared);

const TENANTS = ['shop_a', 'shop_b', 'shop_c'] as const;
const collect = async <T>(xs: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of xs) out.push(x);
  return out;
};

/** One write: a tenant appends points to one of its customers and the read model keeps a document. */
const write = fc.record({ tenant: fc.constantFrom(...TENANTS), customer: fc.constantFrom('c1', 'c2', 'c3'), points: fc.nat(1000) });

for (const wanted of TARGETS) {
  const target = await resolveTarget(wanted);
  describe(`tenant isolation on ${target}${wanted !== target ? ' (standing in for the server)' : ''}`, () => {
    it('a tenant reads only its own events and documents, through every API', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 25 }), async (writes) => {
          const t = await openTestDatabase(wanted);
          const store = new PostgresEventStore(t.db, { registry: ce.conformanceRegistry(), schema: t.schema, pollIntervalMs: 50 });
          const models = new PostgresReadModelStore(t.db, { schema: t.schema });
          try {
            let n = 0;
            for (const w of writes) {
              n++;
              const stream = `customer-${w.tenant}.${w.customer}`;
              const r = await store.appendToStream(stream, ce.batchOf({ commandId: `w${n}`, tenantId: w.tenant }, [ce.earned(w.customer, w.points)]), {
                expectedVersion: 'any',
              });
              await models.commit('points', [{ op: 'put', tenantId: w.tenant, id: w.customer, document: { tenant: w.tenant, last: w.points } }], {
                position: r.lastGlobalPosition,
                version: 1,
              });
            }
            for (const tenant of TENANTS) {
              const mine = writes.filter((w) => w.tenant === tenant);
              const own = (e: StoredEvent) => e.metadata.tenantId === tenant && e.metadata.streamName.startsWith(`customer-${tenant}.`);
              const all = await collect(store.readAll({ filter: { tenantId: tenant } }));
              expect(all.every(own)).toBe(true);
              expect(all.map((e) => (e.data as { points: number }).points)).toEqual(mine.map((w) => w.points));
              const streams = await Promise.all(['c1', 'c2', 'c3'].map((c) => collect(store.readStream(`customer-${tenant}.${c}`))));
              expect(streams.flat().every(own)).toBe(true);
              expect(streams.flat()).toHaveLength(mine.length);
              const delivered: StoredEvent[] = [];
              let caughtUp = false;
              const sub = store.subscribe({ filter: { tenantId: tenant }, onCaughtUp: () => (caughtUp = true) }, (e) => void delivered.push(e));
              while (!caughtUp) await new Promise((r) => setTimeout(r, 5));
              await sub.stop();
              expect(delivered.every(own)).toBe(true);
              expect(delivered).toHaveLength(mine.length);
              const docs = await collect(models.query<{ tenant: string }>('points', tenant));
              expect(docs.every((d) => d.tenant === tenant)).toBe(true);
              expect(docs).toHaveLength(new Set(mine.map((w) => w.customer)).size);
              for (const c of ['c1', 'c2', 'c3']) {
                const doc = await models.get<{ tenant: string; last: number }>('points', tenant, c);
                const last = mine.filter((w) => w.customer === c).at(-1);
                expect(doc).toEqual(last ? { tenant, last: last.points } : undefined);
              }
            }
          } finally {
            await store.close();
            await t.drop();
          }
        }),
        { numRuns: 8 },
      );
    });

    it("an event of one tenant cannot be written into another tenant's stream", async () => {
      const t = await openTestDatabase(wanted);
      const store = new PostgresEventStore(t.db, { registry: ce.conformanceRegistry(), schema: t.schema });
      try {
        const batch = ce.batchOf({ commandId: 'intruder', tenantId: 'shop_a' }, [ce.registered('c1'), ce.earned('c1', 5)]);
        const e = await store.appendToStream('customer-shop_b.c1', batch, { expectedVersion: 'any' }).then(
          () => undefined,
          (err: unknown) => err,
        );
        expect(isRapportError(e, InvalidEvent.code), String(e)).toBe(true);
        expect((e as InvalidEvent).issues.map((i) => i.path)).toEqual([
          ['events', 0, 'metadata', 'tenantId'],
          ['events', 1, 'metadata', 'tenantId'],
        ]);
        expect(await collect(store.readStream('customer-shop_b.c1'))).toEqual([]);
        expect(await collect(store.readAll())).toEqual([]);
      } finally {
        await store.close();
        await t.drop();
      }
    });
  });
}
