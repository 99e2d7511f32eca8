import { afterAll, describe, expect, it } from 'vitest';
import { InvalidArgument, isRapportError } from '@rapport/core';
import { conformanceEvents as ce } from '@rapport/core/testing';
import { migrate, MIGRATIONS } from './migrations.js';
import { PostgresEventStore } from './postgresEventStore.js';
import { closeShared, openTestDatabase, resolveTarget, TARGETS } from './testSupport.js';

/** Migrations: created on first use, in the schema the host names, versioned, idempotent, safe to race. */

afterAll(closeShared);

for (const wanted of TARGETS) {
  const target = await resolveTarget(wanted);
  describe(`migrations on ${target}${wanted !== target ? ' (standing in for the server)' : ''}`, () => {
    it('apply every version once, record them, and do nothing the second time', async () => {
      const t = await openTestDatabase(wanted);
      try {
        expect(await migrate(t.db, t.schema)).toEqual(MIGRATIONS.map((m) => m.version));
        expect(await migrate(t.db, t.schema)).toEqual([]);
        const rows = await t.db.query<{ version: number }>(`SELECT version FROM "${t.schema}".rapport_migrations ORDER BY version`);
        expect(rows.map((r) => Number(r.version))).toEqual(MIGRATIONS.map((m) => m.version));
        const tables = await t.db.query<{ table_name: string }>(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
          [t.schema],
        );
        expect(tables.map((r) => r.table_name)).toEqual(['checkpoints', 'documents', 'events', 'rapport_migrations', 'vault_erasures', 'vault_index_keys', 'vault_keys', 'vault_settings']);
      } finally {
        await t.drop();
      }
    });

    it('concurrent first uses race safely: one applies, the others find it done', async () => {
      const t = await openTestDatabase(wanted);
      try {
        const applied = await Promise.all(Array.from({ length: 4 }, () => migrate(t.db, t.schema)));
        expect(applied.flat().sort()).toEqual(MIGRATIONS.map((m) => m.version));
      } finally {
        await t.drop();
      }
    });

    it('a store creates its schema on first use and keeps it apart from other schemas', async () => {
      const a = await openTestDatabase(wanted);
      const b = await openTestDatabase(wanted);
      const sa = new PostgresEventStore(a.db, { registry: ce.conformanceRegistry(), schema: a.schema });
      const sb = new PostgresEventStore(b.db, { registry: ce.conformanceRegistry(), schema: b.schema });
      try {
        await sa.appendToStream('customer-shop_a.c1', ce.batchOf({ commandId: 'a1' }, [ce.registered('c1')]), { expectedVersion: 'no_stream' });
        const inB = [];
        for await (const e of sb.readAll()) inB.push(e);
        expect(inB).toEqual([]);
        expect((await sb.appendToStream('customer-shop_a.c1', ce.batchOf({ commandId: 'a1' }, [ce.registered('c1')]), { expectedVersion: 'no_stream' })).alreadyAppended).toBe(false);
      } finally {
        await sa.close();
        await sb.close();
        await a.drop();
        await b.drop();
      }
    });

    it('refuses a schema name that is not a plain identifier', async () => {
      const t = await openTestDatabase(wanted);
      for (const bad of ['', 'Rapport', 'a-b', 'x; DROP TABLE y', '1abc', 'a'.repeat(64)]) {
        let e: unknown;
        try {
          new PostgresEventStore(t.db, { registry: ce.conformanceRegistry(), schema: bad });
        } catch (err) {
          e = err;
        }
        expect(isRapportError(e, InvalidArgument.code), bad).toBe(true);
      }
    });
  });
}
