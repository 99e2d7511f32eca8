import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { conformanceEvents as ce } from '@rapport/core/testing';
import { isRapportError, StoreUnavailable, verifyStreamChain, type AppendResult } from '@rapport/core';
import { migrate } from './migrations.js';
import { PgDatabase } from './pgDatabase.js';
import { PostgresEventStore } from './postgresEventStore.js';
import { ident, lockKey } from './sql.js';
import { closeShared, freshSchema, losingConnectionAt, openTestDatabase, PG_URL, resolveTarget, TARGETS } from './testSupport.js';

/**
 * A connection killed in the middle of an append: the append happened completely or not
 * at all, and the caller gets StoreUnavailable (with the driver error as cause). On the
 * server the backend is really terminated (`pg_terminate_backend` from a second
 * connection); on PGlite, and on the server too, the loss is injected at each statement of
 * the append transaction.
 */

afterAll(closeShared);

const collect = async <T>(xs: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of xs) out.push(x);
  return out;
};
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const outcome = <T>(p: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

const server = (await resolveTarget('server')) === 'server';

/** A store on its own pool, whose backends carry an application_name we can find and kill. */
const killableStore = async () => {
  const schema = freshSchema();
  const app = `rapport_fault_${schema}`;
  const db = PgDatabase.connect(PG_URL, { application_name: app, max: 4 });
  await migrate(db, schema);
  const store = new PostgresEventStore(db, { registry: ce.conformanceRegistry(), schema });
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  /** Terminate this store's backends that are waiting on a lock; resolves with how many. */
  const killWaiting = async (): Promise<number> => {
    const r = await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`,
      [app],
    );
    return r.rowCount ?? 0;
  };
  const killAll = async (): Promise<number> =>
    (await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, [app])).rowCount ?? 0;
  const waitForWaiter = async (): Promise<void> => {
    for (let i = 0; i < 500; i++) {
      const r = await admin.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`, [app]);
      if ((r.rowCount ?? 0) > 0) return;
      await sleep(10);
    }
    throw new Error('the append never started waiting');
  };
  const close = async () => {
    await store.close();
    await admin.query(`DROP SCHEMA IF EXISTS ${ident(schema)} CASCADE`);
    await admin.end();
    await db.close();
  };
  return { schema, store, admin, killWaiting, killAll, waitForWaiter, close };
};

const expectUnavailable = (e: unknown) => {
  expect(isRapportError(e, StoreUnavailable.code), String(e)).toBe(true);
  expect((e as StoreUnavailable).cause).toBeDefined();
};

// Terminating a backend needs a server. Without one these cases are not registered (not
// skipped): their PGlite stand-in is the injected connection loss below, which runs on both.
if (server)
describe('a backend terminated mid-append (server)', () => {
  it('while the append waits for the append lock: StoreUnavailable, nothing written, the store recovers', async () => {
    const k = await killableStore();
    const holder = new pg.Client({ connectionString: PG_URL });
    await holder.connect();
    try {
      await holder.query(`BEGIN; SELECT pg_advisory_xact_lock(${lockKey(`events:${k.schema}`).toString()})`);
      const pending = outcome(k.store.appendToStream('customer-shop_a.c1', ce.batchOf({ commandId: 'k1' }, [ce.registered('c1'), ce.earned('c1', 1)]), { expectedVersion: 'any' }));
      await k.waitForWaiter();
      expect(await k.killWaiting()).toBe(1);
      const r = await pending;
      expect(r.ok).toBe(false);
      if (!r.ok) expectUnavailable(r.error);
      await holder.query('ROLLBACK');
      expect(await collect(k.store.readAll())).toEqual([]);
      const again = await k.store.appendToStream('customer-shop_a.c1', ce.batchOf({ commandId: 'k1' }, [ce.registered('c1'), ce.earned('c1', 1)]), { expectedVersion: 'no_stream' });
      expect(again).toMatchObject({ nextExpectedVersion: 1n, alreadyAppended: false });
    } finally {
      await holder.end();
      await k.close();
    }
  });

  it('after the insert ran, before COMMIT: StoreUnavailable and the rows are gone', async () => {
    const k = await killableStore();
    const blocker = new pg.Client({ connectionString: PG_URL });
    await blocker.connect();
    try {
      // an uncommitted row on position 1 makes our insert of positions 0..2 wait mid-statement
      await blocker.query('BEGIN');
      await blocker.query(
        `INSERT INTO ${ident(k.schema)}.events (stream_name, category, stream_position, tenant_id, command_id, type, data, metadata, prev_hash, hash, recorded_at)
         VALUES ('customer-shop_a.c1', 'customer', 1, 'shop_a', 'blocker', 'PointsEarned', '{}', '{}', '', '', now())`,
      );
      const pending = outcome(
        k.store.appendToStream('customer-shop_a.c1', ce.batchOf({ commandId: 'k2' }, [ce.registered('c1'), ce.earned('c1', 1), ce.earned('c1', 2)]), { expectedVersion: 'any' }),
      );
      await k.waitForWaiter();
      expect(await k.killWaiting()).toBe(1);
      const r = await pending;
      expect(r.ok).toBe(false);
      if (!r.ok) expectUnavailable(r.error);
      await blocker.query('ROLLBACK');
      expect(await collect(k.store.readAll())).toEqual([]);
    } finally {
      await blocker.end();
      await k.close();
    }
  });

  it('under a killer terminating backends at random: every append is whole or absent, every failure typed', async () => {
    const k = await killableStore();
    let killing = true;
    const killer = (async () => {
      while (killing) {
        await sleep(3 + Math.random() * 12);
        await k.killAll();
      }
    })();
    const results: { commandId: string; size: number; r: Awaited<ReturnType<typeof outcome<AppendResult>>> }[] = [];
    try {
      const writers = Array.from({ length: 4 }, async (_, w) => {
        for (let i = 0; i < 60; i++) {
          const commandId = `w${w}-${i}`;
          const size = 1 + (i % 5);
          const events = Array.from({ length: size }, (_, j) => ce.earned(`c${w}`, i * 10 + j));
          results.push({ commandId, size, r: await outcome(k.store.appendToStream(`customer-shop_a.c${w}`, ce.batchOf({ commandId }, events), { expectedVersion: 'any' })) });
        }
      });
      await Promise.all(writers);
    } finally {
      killing = false;
      await killer;
    }
    const failed = results.filter((x) => !x.r.ok);
    const succeeded = results.filter((x) => x.r.ok);
    for (const f of failed) if (!f.r.ok) expectUnavailable(f.r.error);
    expect(failed.length).toBeGreaterThan(0); // the killer did hit appends
    expect(succeeded.length).toBeGreaterThan(0);
    const all = await collect(k.store.readAll());
    const byCommand = new Map<string, number>();
    for (const e of all) byCommand.set(e.metadata.commandId, (byCommand.get(e.metadata.commandId) ?? 0) + 1);
    for (const s of succeeded) expect(byCommand.get(s.commandId)).toBe(s.size);
    for (const f of failed) expect([0, f.size]).toContain(byCommand.get(f.commandId) ?? 0);
    for (let w = 0; w < 4; w++)
      expect((await verifyStreamChain(k.store.readStream(`customer-shop_a.c${w}`, { raw: true }))).intact).toBe(true);
    await k.close();
  });
});

for (const wanted of TARGETS) {
  const target = await resolveTarget(wanted);
  describe(`a connection lost at each statement of an append on ${target}${wanted !== target ? ' (standing in for the server)' : ''}`, () => {
    const statements: [string, (sql: string) => boolean][] = [
      ['the stream head read', (sql) => sql.includes('LEFT JOIN LATERAL') || sql.startsWith('EXECUTE')],
      ['the insert', (sql) => sql.includes('INSERT INTO')],
    ];
    for (const [name, at] of statements)
      it(`at ${name}: StoreUnavailable, nothing of the batch written, the next append continues the chain`, async () => {
        const t = await openTestDatabase(wanted);
        const healthy = new PostgresEventStore(t.db, { registry: ce.conformanceRegistry(), schema: t.schema });
        const faulty = new PostgresEventStore(losingConnectionAt(t.db, at), { registry: ce.conformanceRegistry(), schema: t.schema });
        try {
          await healthy.appendToStream('customer-shop_a.c1', ce.batchOf({ commandId: 'first' }, [ce.registered('c1')]), { expectedVersion: 'no_stream' });
          const r = await outcome(faulty.appendToStream('customer-shop_a.c1', ce.batchOf({ commandId: 'lost' }, [ce.earned('c1', 1), ce.earned('c1', 2)]), { expectedVersion: 0n }));
          expect(r.ok).toBe(false);
          if (!r.ok) expectUnavailable(r.error);
          expect((await collect(healthy.readAll())).map((e) => e.metadata.commandId)).toEqual(['first']);
          const next = await healthy.appendToStream('customer-shop_a.c1', ce.batchOf({ commandId: 'lost' }, [ce.earned('c1', 1), ce.earned('c1', 2)]), { expectedVersion: 0n });
          expect(next).toMatchObject({ nextExpectedVersion: 2n, alreadyAppended: false });
          expect(await verifyStreamChain(healthy.readStream('customer-shop_a.c1', { raw: true }))).toEqual({ intact: true, events: 3 });
        } finally {
          await healthy.close();
          await faulty.close();
          await t.drop();
        }
      });

    it('at the one-round-trip insert (head known): StoreUnavailable, nothing written, the retry continues the chain', async () => {
      const t = await openTestDatabase(wanted);
      let inserts = 0;
      const store = new PostgresEventStore(losingConnectionAt(t.db, (sql) => sql.startsWith('SELECT g FROM') && ++inserts === 2), { registry: ce.conformanceRegistry(), schema: t.schema });
      try {
        await store.appendToStream('customer-shop_a.c1', ce.batchOf({ commandId: 'first' }, [ce.registered('c1')]), { expectedVersion: 'no_stream' });
        const r = await outcome(store.appendToStream('customer-shop_a.c1', ce.batchOf({ commandId: 'lost' }, [ce.earned('c1', 1), ce.earned('c1', 2)]), { expectedVersion: 0n }));
        expect(r.ok).toBe(false);
        if (!r.ok) expectUnavailable(r.error);
        expect((await collect(store.readAll())).map((e) => e.metadata.commandId)).toEqual(['first']);
        const retry = await store.appendToStream('customer-shop_a.c1', ce.batchOf({ commandId: 'lost' }, [ce.earned('c1', 1), ce.earned('c1', 2)]), { expectedVersion: 0n });
        expect(retry).toMatchObject({ nextExpectedVersion: 2n, alreadyAppended: false });
        expect(await verifyStreamChain(store.readStream('customer-shop_a.c1', { raw: true }))).toEqual({ intact: true, events: 3 });
      } finally {
        await store.close();
        await t.drop();
      }
    });
  });
}
