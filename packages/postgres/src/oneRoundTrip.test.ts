import { afterAll, describe, expect, it } from 'vitest';
import { conformanceEvents as ce } from '@rapport/core/testing';
import { isRapportError, verifyStreamChain, WrongExpectedVersion, type StoredEvent } from '@rapport/core';
import { PostgresEventStore } from './postgresEventStore.js';
import type { SqlDatabase } from './sql.js';
import { closeShared, openTestDatabase, resolveTarget, TARGETS } from './testSupport.js';

/**
 * The one-round-trip append seals against the head a store remembers; these cases make
 * that hint wrong (another store appended, a command repeated) and check the guard holds
 * the insert back and the append ends exactly as the head read would have decided.
 */

afterAll(closeShared);

const collect = async <T>(xs: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of xs) out.push(x);
  return out;
};

/** A database that counts the append scripts of each kind it runs. */
const counting = (db: SqlDatabase) => {
  const n = { oneTrip: 0, twoTrips: 0 };
  const wrapped: SqlDatabase = {
    driver: db.driver,
    query: (text, params, prepared) => db.query(text, params, prepared),
    exec: (sql) => db.exec(sql),
    listen: (channel, onNotify) => db.listen(channel, onNotify),
    close: () => db.close(),
    transaction: (work, options) => db.transaction(work, options),
    once: (statement, params) => {
      n.oneTrip++;
      return db.once(statement, params);
    },
    scriptedTransaction: (lock, opening, work, prepare) => {
      n.twoTrips++;
      return db.scriptedTransaction(lock, opening, work, prepare);
    },
  };
  return { n, db: wrapped };
};

for (const wanted of TARGETS) {
  const target = await resolveTarget(wanted);
  describe(`one-round-trip appends on ${target}${wanted !== target ? ' (standing in for the server)' : ''}`, () => {
    const stream = 'customer-shop_a.c1';

    it('a new stream and every later append of the same store take one round trip', async () => {
      const t = await openTestDatabase(wanted);
      const c = counting(t.db);
      const store = new PostgresEventStore(c.db, { registry: ce.conformanceRegistry(), schema: t.schema });
      try {
        await store.appendToStream(stream, ce.batchOf({ commandId: 'a' }, [ce.registered('c1')]), { expectedVersion: 'no_stream' });
        await store.appendToStream(stream, ce.batchOf({ commandId: 'b' }, [ce.earned('c1', 1), ce.earned('c1', 2)]), { expectedVersion: 0n });
        const r = await store.appendToStream(stream, ce.batchOf({ commandId: 'c' }, [ce.earned('c1', 3)]), { expectedVersion: 'any' });
        expect(r).toMatchObject({ nextExpectedVersion: 3n, alreadyAppended: false });
        expect(c.n).toEqual({ oneTrip: 3, twoTrips: 0 });
        expect(await verifyStreamChain(store.readStream(stream, { raw: true }))).toEqual({ intact: true, events: 4 });
      } finally {
        await store.close();
        await t.drop();
      }
    });

    it('a head learnt by reading the stream serves the next append', async () => {
      const t = await openTestDatabase(wanted);
      const writer = new PostgresEventStore(t.db, { registry: ce.conformanceRegistry(), schema: t.schema });
      const c = counting(t.db);
      const reader = new PostgresEventStore(c.db, { registry: ce.conformanceRegistry(), schema: t.schema });
      try {
        await writer.appendToStream(stream, ce.batchOf({ commandId: 'a' }, [ce.registered('c1'), ce.earned('c1', 1)]), { expectedVersion: 'no_stream' });
        expect((await collect(reader.readStream(stream))).length).toBe(2);
        await reader.appendToStream(stream, ce.batchOf({ commandId: 'b' }, [ce.earned('c1', 2)]), { expectedVersion: 1n });
        expect(c.n).toEqual({ oneTrip: 1, twoTrips: 0 });
        expect(await verifyStreamChain(writer.readStream(stream, { raw: true }))).toEqual({ intact: true, events: 3 });
      } finally {
        await writer.close();
        await reader.close();
        await t.drop();
      }
    });

    it('a stale head (another store appended) writes nothing in the guarded insert; the append then continues the real chain', async () => {
      const t = await openTestDatabase(wanted);
      const a = counting(t.db);
      const storeA = new PostgresEventStore(a.db, { registry: ce.conformanceRegistry(), schema: t.schema });
      const storeB = new PostgresEventStore(t.db, { registry: ce.conformanceRegistry(), schema: t.schema });
      try {
        await storeA.appendToStream(stream, ce.batchOf({ commandId: 'a' }, [ce.registered('c1')]), { expectedVersion: 'no_stream' });
        await storeB.appendToStream(stream, ce.batchOf({ commandId: 'b' }, [ce.earned('c1', 1)]), { expectedVersion: 0n });
        const r = await storeA.appendToStream(stream, ce.batchOf({ commandId: 'c' }, [ce.earned('c1', 2)]), { expectedVersion: 'any' });
        expect(r).toMatchObject({ nextExpectedVersion: 2n, alreadyAppended: false });
        expect(a.n).toEqual({ oneTrip: 2, twoTrips: 1 });
        const events = await collect(storeA.readStream(stream));
        expect(events.map((e) => [e.metadata.commandId, e.metadata.streamPosition])).toEqual([
          ['a', 0n],
          ['b', 1n],
          ['c', 2n],
        ]);
        expect(await verifyStreamChain(storeB.readStream(stream, { raw: true }))).toEqual({ intact: true, events: 3 });
      } finally {
        await storeA.close();
        await storeB.close();
        await t.drop();
      }
    });

    it('a stale head that still fits the expected version: WrongExpectedVersion with the real version, nothing written', async () => {
      const t = await openTestDatabase(wanted);
      const storeA = new PostgresEventStore(t.db, { registry: ce.conformanceRegistry(), schema: t.schema });
      const storeB = new PostgresEventStore(t.db, { registry: ce.conformanceRegistry(), schema: t.schema });
      try {
        await storeA.appendToStream(stream, ce.batchOf({ commandId: 'a' }, [ce.registered('c1')]), { expectedVersion: 'no_stream' });
        await storeB.appendToStream(stream, ce.batchOf({ commandId: 'b' }, [ce.earned('c1', 1)]), { expectedVersion: 0n });
        // A still believes the head is 0
        const e = await storeA.appendToStream(stream, ce.batchOf({ commandId: 'c' }, [ce.earned('c1', 2)]), { expectedVersion: 0n }).then(
          () => undefined,
          (err: unknown) => err,
        );
        expect(isRapportError(e, WrongExpectedVersion.code), String(e)).toBe(true);
        expect((e as WrongExpectedVersion).actual).toBe(1n);
        expect((await collect(storeA.readAll())).map((x: StoredEvent) => x.metadata.commandId)).toEqual(['a', 'b']);
        // a second store creating the same stream with 'no_stream' loses the same way
        const again = await storeB.appendToStream('customer-shop_a.c2', ce.batchOf({ commandId: 'x' }, [ce.registered('c2')]), { expectedVersion: 'no_stream' });
        expect(again.alreadyAppended).toBe(false);
        const lost = await storeA.appendToStream('customer-shop_a.c2', ce.batchOf({ commandId: 'y' }, [ce.registered('c2')]), { expectedVersion: 'no_stream' }).then(
          () => undefined,
          (err: unknown) => err,
        );
        expect(isRapportError(lost, WrongExpectedVersion.code), String(lost)).toBe(true);
        expect((lost as WrongExpectedVersion).actual).toBe(0n);
      } finally {
        await storeA.close();
        await storeB.close();
        await t.drop();
      }
    });

    it('a repeated command with a known head is recognised (alreadyAppended), not written twice', async () => {
      const t = await openTestDatabase(wanted);
      const store = new PostgresEventStore(t.db, { registry: ce.conformanceRegistry(), schema: t.schema });
      try {
        const first = await store.appendToStream(stream, ce.batchOf({ commandId: 'a' }, [ce.registered('c1'), ce.earned('c1', 1)]), { expectedVersion: 'no_stream' });
        const repeat = await store.appendToStream(stream, ce.batchOf({ commandId: 'a' }, [ce.registered('c1'), ce.earned('c1', 1)]), { expectedVersion: 'any' });
        expect(repeat).toEqual({ ...first, alreadyAppended: true });
        expect((await collect(store.readAll())).length).toBe(2);
      } finally {
        await store.close();
        await t.drop();
      }
    });
  });
}
