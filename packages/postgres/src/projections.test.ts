import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { conformanceEvents as ce } from '@rapport/core/testing';
import {
  foldProjection,
  isRapportError,
  ProjectionFailed,
  ProjectionRunner,
  WrongExpectedVersion,
  type Projection,
  type ReadModelStore,
  type StoredEvent,
} from '@rapport/core';
import { PostgresEventStore } from './postgresEventStore.js';
import { PostgresReadModelStore } from './postgresReadModelStore.js';
import { closeShared, losingConnectionAt, openTestDatabase, resolveTarget, TARGETS, type TestDatabase } from './testSupport.js';

/**
 * Exactly-once projections: documents and checkpoint commit together, so a runner that
 * dies mid-batch (in `apply`, or with its commit's connection lost half-way) and is
 * started again ends with exactly the documents a fold of the whole log gives: no change
 * applied twice, none missing. Inline projections give the same documents inside the
 * append transaction.
 */

afterAll(closeShared);

type Ledger = { readonly points: number; readonly applied: readonly string[] };
type Ev = ce.ConformanceEvent;

/** Per customer: the points and the global position of every event applied, in order (a duplicate or a gap shows). */
const ledger = (version = 1, failAt?: bigint): Projection<Ledger, Ev> => ({
  name: 'test.ledger',
  version,
  events: ['PointsEarned', 'CustomerRegistered'],
  init: () => ({ points: 0, applied: [] }),
  keyOf: (e) => e.data.customerId,
  apply: (d, e) => {
    if (failAt !== undefined && e.metadata.globalPosition === failAt) throw new Error(`crash at ${failAt}`);
    return { points: d.points + (e.type === 'PointsEarned' ? e.data.points : 0), applied: [...d.applied, e.metadata.globalPosition.toString()] };
  },
});

const collect = async <T>(xs: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of xs) out.push(x);
  return out;
};

const seed = async (store: PostgresEventStore, n: number, prefix = 's'): Promise<void> => {
  for (let i = 0; i < n; i++) {
    const tenantId = i % 5 === 0 ? 'shop_b' : 'shop_a';
    const c = `c${i % 30}`;
    await store.appendToStream(`customer-${tenantId}.${c}`, ce.batchOf({ commandId: `${prefix}${i}`, tenantId }, [ce.earned(c, i)]), { expectedVersion: 'any' });
  }
};

/** The stored documents of the ledger, as `tenant/id` → document. */
const storedDocs = async (models: ReadModelStore): Promise<Map<string, Ledger>> => {
  const out = new Map<string, Ledger>();
  for (const tenant of ['shop_a', 'shop_b'])
    for (let c = 0; c < 30; c++) {
      const d = await models.get<Ledger>('test.ledger', tenant, `c${c}`);
      if (d) out.set(`${tenant}/c${c}`, d);
    }
  return out;
};

const fold = async (store: PostgresEventStore, upTo?: bigint) =>
  foldProjection(ledger(), (await collect(store.readAll<Ev>())).filter((e: StoredEvent<Ev>) => upTo === undefined || e.metadata.globalPosition <= upTo));

for (const wanted of TARGETS) {
  const target = await resolveTarget(wanted);
  const label = `${target}${wanted !== target ? ' (standing in for the server)' : ''}`;
  const setup = async (): Promise<{ t: TestDatabase; store: PostgresEventStore; models: PostgresReadModelStore; done: () => Promise<void> }> => {
    const t = await openTestDatabase(wanted);
    const store = new PostgresEventStore(t.db, { registry: ce.conformanceRegistry(), schema: t.schema });
    const models = new PostgresReadModelStore(t.db, { schema: t.schema });
    return { t, store, models, done: async () => (await store.close(), await t.drop()) };
  };

  describe(`a projection runner stopped mid-batch and restarted on ${label}`, () => {
    it('dies in apply: the restarted runner resumes from the checkpoint, no change twice, none missing', async () => {
      const { store, models, done } = await setup();
      try {
        await seed(store, 400);
        const crashAt = (await collect(store.readAll({ from: 287n, limit: 1 })))[0]!.metadata.globalPosition;
        const first = new ProjectionRunner({ eventStore: store, readModels: models, projections: [ledger(1, crashAt)], batchSize: 100 });
        const e = await first.catchUp().then(() => undefined, (err: unknown) => err);
        expect(isRapportError(e, ProjectionFailed.code), String(e)).toBe(true);
        const cp = (await models.checkpoint('test.ledger'))!;
        expect(cp.position).toBeLessThan(crashAt);
        expect(await storedDocs(models)).toEqual(await fold(store, cp.position));
        const restarted = new ProjectionRunner({ eventStore: store, readModels: models, projections: [ledger()], batchSize: 100 });
        await restarted.catchUp();
        expect(await storedDocs(models)).toEqual(await fold(store));
      } finally {
        await done();
      }
    });

    it("loses its connection half-way through a commit: that batch's documents roll back with its checkpoint", async () => {
      const { t, store, models, done } = await setup();
      try {
        await seed(store, 350);
        let commits = 0;
        // the third commit loses the connection after its documents were written, at the checkpoint upsert
        const flaky = new PostgresReadModelStore(
          losingConnectionAt(t.db, (sql) => sql.includes('INTO') && sql.includes('checkpoints') && ++commits === 3),
          { schema: t.schema },
        );
        const first = new ProjectionRunner({ eventStore: store, readModels: flaky, projections: [ledger()], batchSize: 100 });
        expect(isRapportError(await first.catchUp().then(() => undefined, (err: unknown) => err), ProjectionFailed.code)).toBe(true);
        const cp = (await models.checkpoint('test.ledger'))!;
        const all = await collect(store.readAll());
        expect(cp.position).toBe(all[199]!.metadata.globalPosition);
        expect(await storedDocs(models)).toEqual(await fold(store, cp.position));
        await new ProjectionRunner({ eventStore: store, readModels: models, projections: [ledger()], batchSize: 100 }).catchUp();
        expect(await storedDocs(models)).toEqual(await fold(store));
      } finally {
        await done();
      }
    });

    it('live: stopped while events keep coming, restarted, ends equal to the fold', async () => {
      const { store, models, done } = await setup();
      try {
        await seed(store, 100, 'a');
        const runner = new ProjectionRunner({ eventStore: store, readModels: models, projections: [ledger()], batchSize: 50 });
        await runner.start();
        const writing = seed(store, 200, 'b');
        await new Promise((r) => setTimeout(r, 50));
        await runner.stop();
        await writing;
        const again = new ProjectionRunner({ eventStore: store, readModels: models, projections: [ledger()], batchSize: 50 });
        await again.start();
        const last = (await collect(store.readAll())).at(-1)!.metadata.globalPosition;
        await again.waitFor(last);
        await again.stop();
        expect(await storedDocs(models)).toEqual(await fold(store));
        expect((await models.checkpoint('test.ledger'))!.position).toBe(last);
      } finally {
        await done();
      }
    });
  });

  describe(`inline projections on ${label}`, () => {
    it('read-your-writes: the document and checkpoint commit with the append', async () => {
      const { t, models, done } = await setup();
      const inline = new PostgresEventStore(t.db, { registry: ce.conformanceRegistry(), schema: t.schema, inlineProjections: [ledger()] });
      try {
        const r = await inline.appendToStream('customer-shop_a.c1', ce.batchOf({ commandId: 'x1' }, [ce.registered('c1'), ce.earned('c1', 5)]), { expectedVersion: 'no_stream' });
        expect(await models.get('test.ledger', 'shop_a', 'c1')).toEqual({ points: 5, applied: ['1', '2'] });
        expect(await models.checkpoint('test.ledger')).toEqual({ position: r.lastGlobalPosition, version: 1 });
        const refused = await inline
          .appendToStream('customer-shop_a.c1', ce.batchOf({ commandId: 'x2' }, [ce.earned('c1', 7)]), { expectedVersion: 'no_stream' })
          .then(() => undefined, (e: unknown) => e);
        expect(isRapportError(refused, WrongExpectedVersion.code)).toBe(true);
        expect(await models.get('test.ledger', 'shop_a', 'c1')).toEqual({ points: 5, applied: ['1', '2'] });
      } finally {
        await inline.close();
        await done();
      }
    });

    it('a projection that throws refuses the append: no event, no document', async () => {
      const { t, store, models, done } = await setup();
      const failing = new PostgresEventStore(t.db, {
        registry: ce.conformanceRegistry(),
        schema: t.schema,
        inlineProjections: [{ ...ledger(), apply: () => { throw new Error('bad projection'); } }],
      });
      try {
        const e = await failing.appendToStream('customer-shop_a.c1', ce.batchOf({ commandId: 'x1' }, [ce.registered('c1')]), { expectedVersion: 'any' }).then(
          () => undefined,
          (err: unknown) => err,
        );
        expect(isRapportError(e, ProjectionFailed.code), String(e)).toBe(true);
        expect(await collect(store.readAll())).toEqual([]);
        expect(await models.get('test.ledger', 'shop_a', 'c1')).toBeUndefined();
      } finally {
        await failing.close();
        await done();
      }
    });

    it('equal the fold of the log, whichever stores (with or without the projection, at a new version) appended', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.record({ inline: fc.constantFrom(0, 1, 2), customer: fc.nat(4), points: fc.nat(100) }), { minLength: 1, maxLength: 30 }),
          async (appends) => {
            const { t, store, models, done } = await setup();
            // 0: a store without the projection, 1: inline at version 1, 2: inline at version 2 (rebuilds)
            const v1 = new PostgresEventStore(t.db, { registry: ce.conformanceRegistry(), schema: t.schema, inlineProjections: [ledger(1)] });
            const v2 = new PostgresEventStore(t.db, { registry: ce.conformanceRegistry(), schema: t.schema, inlineProjections: [ledger(2)] });
            try {
              let lastInline: number | undefined;
              for (const [i, a] of appends.entries()) {
                const s = [store, v1, v2][a.inline]!;
                await s.appendToStream(`customer-shop_a.c${a.customer}`, ce.batchOf({ commandId: `p${i}` }, [ce.earned(`c${a.customer}`, a.points)]), { expectedVersion: 'any' });
                if (a.inline > 0) lastInline = i;
              }
              if (lastInline === undefined) return;
              const expected = foldProjection(ledger(), (await collect(store.readAll<Ev>())).slice(0, lastInline + 1));
              expect(await storedDocs(models)).toEqual(new Map([...expected].map(([k, d]) => [k, d])));
            } finally {
              await v1.close();
              await v2.close();
              await done();
            }
          },
        ),
        { numRuns: 10 },
      );
    });
  });
}
