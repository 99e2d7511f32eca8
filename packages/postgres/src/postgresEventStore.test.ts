import { afterAll, describe, expect, it } from 'vitest';
import { conformanceEvents as ce } from '@rapport/core/testing';
import { InvalidEvent, isRapportError, verifyStreamChain, type StoredEvent } from '@rapport/core';
import { PostgresEventStore } from './postgresEventStore.js';
import { closeShared, openTestDatabase, resolveTarget, TARGETS } from './testSupport.js';

/** What the conformance suite cannot see: cross-process wake-ups and PostgreSQL's own limits. */

afterAll(closeShared);

for (const wanted of TARGETS) {
  const target = await resolveTarget(wanted);
  describe(`PostgresEventStore on ${target}${wanted !== target ? ' (standing in for the server)' : ''}`, () => {
    it("NOTIFY wakes another store's subscription long before its poll interval", async () => {
      const t = await openTestDatabase(wanted);
      // two stores on one database, as two processes would be; the reader polls only once a minute
      const writer = new PostgresEventStore(t.db, { registry: ce.conformanceRegistry(), schema: t.schema });
      const reader = new PostgresEventStore(t.db, { registry: ce.conformanceRegistry(), schema: t.schema, pollIntervalMs: 60_000 });
      try {
        const delivered: StoredEvent[] = [];
        let caughtUp = false;
        reader.subscribe({ onCaughtUp: () => (caughtUp = true) }, (e) => void delivered.push(e));
        while (!caughtUp) await new Promise((r) => setTimeout(r, 5));
        await new Promise((r) => setTimeout(r, 200)); // LISTEN is set up beside the first read
        const started = Date.now();
        await writer.appendToStream('customer-shop_a.c1', ce.batchOf({ commandId: 'n1' }, [ce.registered('c1')]), { expectedVersion: 'any' });
        while (delivered.length === 0 && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 5));
        expect(delivered.map((e) => e.metadata.commandId)).toEqual(['n1']);
        expect(Date.now() - started).toBeLessThan(5_000);
      } finally {
        await writer.close();
        await reader.close();
        await t.drop();
      }
    });

    it('quotes, backslashes and $-patterns in stream names and data round-trip exactly (values travel as SQL literals)', async () => {
      const t = await openTestDatabase(wanted);
      const store = new PostgresEventStore(t.db, { registry: ce.conformanceRegistry(), schema: t.schema });
      try {
        const stream = "customer-it's\\a $' $& $1 stream";
        const name = "O'Brien \\ \\' '' \\n $' $& $$ $1 \u00e9 \u5f20\u4e09 \ud83d\udecd";
        await store.appendToStream(stream, ce.batchOf({ commandId: "cmd-'\\-$'" }, [ce.registered("c'1", name), ce.earned("c'1", 3)]), { expectedVersion: 'no_stream' });
        const again = await store.appendToStream(stream, ce.batchOf({ commandId: "cmd-'\\-$'" }, [ce.registered("c'1", name), ce.earned("c'1", 3)]), { expectedVersion: 'no_stream' });
        expect(again.alreadyAppended).toBe(true);
        const read = [];
        for await (const e of store.readStream(stream)) read.push(e);
        expect(read.map((e) => [e.metadata.streamName, e.metadata.commandId, e.data])).toEqual([
          [stream, "cmd-'\\-$'", { customerId: "c'1", name }],
          [stream, "cmd-'\\-$'", { customerId: "c'1", points: 3 }],
        ]);
        expect(await verifyStreamChain(store.readStream(stream, { raw: true }))).toEqual({ intact: true, events: 2 });
      } finally {
        await store.close();
        await t.drop();
      }
    });

    it('text PostgreSQL cannot hold (\\u0000) is refused as an InvalidEvent and nothing is written', async () => {
      const t = await openTestDatabase(wanted);
      const store = new PostgresEventStore(t.db, { registry: ce.conformanceRegistry(), schema: t.schema });
      try {
        const e = await store
          .appendToStream('customer-shop_a.c1', ce.batchOf({ commandId: 'z1' }, [ce.registered('c1', 'nul\u0000name')]), { expectedVersion: 'any' })
          .then(() => undefined, (err: unknown) => err);
        expect(isRapportError(e, InvalidEvent.code), String(e)).toBe(true);
        const all = [];
        for await (const x of store.readAll()) all.push(x);
        expect(all).toEqual([]);
      } finally {
        await store.close();
        await t.drop();
      }
    });
  });
}
