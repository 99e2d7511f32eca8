import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PostgresReadModelStore } from './postgresReadModelStore.js';
import { closeShared, openTestDatabase, resolveTarget, TARGETS } from './testSupport.js';

afterAll(closeShared);

const collect = async <T>(xs: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of xs) out.push(x);
  return out;
};

for (const wanted of TARGETS) {
  const target = await resolveTarget(wanted);
  describe(`query pages on ${target}${wanted !== target ? ' (standing in for the server)' : ''}`, () => {
    it('reads every document once, in insertion order, across pages and rewrites, with or without a limit or a where', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.record({ id: fc.integer({ min: 1, max: 30 }), even: fc.boolean() }), { minLength: 1, maxLength: 40 }),
          fc.integer({ min: 1, max: 7 }),
          fc.option(fc.integer({ min: 0, max: 35 }), { nil: undefined }),
          async (puts, pageSize, limit) => {
            const t = await openTestDatabase(wanted);
            const store = new PostgresReadModelStore(t.db, { schema: t.schema, pageSize });
            try {
              const order: string[] = []; // first insertion of each id: a rewrite keeps its place
              const docs = new Map<string, { id: string; even: boolean; n: number }>();
              for (const [n, p] of puts.entries()) {
                const id = `d${p.id}`;
                if (!docs.has(id)) order.push(id);
                docs.set(id, { id, even: p.even, n });
                await store.commit('paging', [{ op: 'put', tenantId: 'shop_a', id, document: docs.get(id) }], { position: BigInt(n + 1), version: 1 });
              }
              const all = order.map((id) => docs.get(id)!);
              const expected = limit === undefined ? all : all.slice(0, limit);
              expect(await collect(store.query('paging', 'shop_a', limit === undefined ? {} : { limit }))).toEqual(expected);
              expect(await collect(store.query('paging', 'shop_a', { where: { even: true } }))).toEqual(all.filter((d) => d.even));
              expect(await collect(store.query('paging', 'shop_b'))).toEqual([]);
            } finally {
              await t.drop();
            }
          },
        ),
        { numRuns: 12 },
      );
    });
  });
}
