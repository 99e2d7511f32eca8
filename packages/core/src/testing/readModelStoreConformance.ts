import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidArgument, isRapportError, StoreUnavailable } from '../kernel/errors.js';
import type { Checkpoint, DocumentChange, DocumentQuery, ReadModelStore } from '../kernel/readModelStore.js';

export interface ReadModelStoreConformanceOptions {
  /** A fresh, empty store. */
  create(): Promise<ReadModelStore>;
  /** Release it (close it, drop its schema...). Called after each test. */
  destroy?(store: ReadModelStore): Promise<void>;
}

const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of items) out.push(x);
  return out;
};

const failureOf = async (run: () => unknown): Promise<unknown> => {
  try {
    await run();
  } catch (e) {
    return e;
  }
  throw new Error('expected a failure, but the call succeeded');
};

const CUSTOMERS = 'conformance.customers';
const ORDERS = 'conformance.orders';
const A = 'shop_a';
const B = 'shop_b';

const put = (tenantId: string, id: string, document: unknown): DocumentChange => ({ op: 'put', tenantId, id, document });
const del = (tenantId: string, id: string): DocumentChange => ({ op: 'delete', tenantId, id });
const at = (position: bigint, version = 1): Checkpoint => ({ position, version });

interface Customer {
  readonly customerId: string;
  readonly tier: string;
  readonly points: number;
  readonly address: { readonly city: string };
  readonly active: boolean;
}

const customer = (customerId: string, tier: string, points: number, city: string, active = true): Customer => ({
  customerId,
  tier,
  points,
  address: { city },
  active,
});

/**
 * The ReadModelStore conformance suite. Registers one `describe` block; every case gets a
 * fresh store from `options.create` and hands it to `options.destroy` afterwards.
 */
export const readModelStoreConformance = (name: string, options: ReadModelStoreConformanceOptions): void => {
  describe(`ReadModelStore conformance: ${name}`, () => {
    let store: ReadModelStore;

    beforeEach(async () => {
      store = await options.create();
    });

    afterEach(async () => {
      await options.destroy?.(store);
    });

    const query = <T>(projection: string, tenantId: string, q?: DocumentQuery) => collect(store.query<T>(projection, tenantId, q));
    const ids = async (q: DocumentQuery, tenantId = A) => (await query<Customer>(CUSTOMERS, tenantId, q)).map((c) => c.customerId);

    /** Five customers of shop_a and two of shop_b. */
    const shop = () =>
      store.commit(
        CUSTOMERS,
        [
          put(A, 'c1', customer('c1', 'gold', 100, '杭州')),
          put(A, 'c2', customer('c2', 'silver', 20, '上海')),
          put(A, 'c3', customer('c3', 'gold', 5, '杭州', false)),
          put(A, 'c4', customer('c4', 'bronze', 250, '北京')),
          put(A, 'c5', customer('c5', 'gold', 30, '上海')),
          put(B, 'c1', customer('c1', 'gold', 999, '杭州')),
          put(B, 'c9', customer('c9', 'gold', 1, '杭州')),
        ],
        at(10n),
      );

    it('get of a missing document, projection or checkpoint is undefined', async () => {
      expect(await store.get(CUSTOMERS, A, 'c1')).toBeUndefined();
      expect(await store.checkpoint(CUSTOMERS)).toBeUndefined();
      await store.commit(CUSTOMERS, [put(A, 'c1', customer('c1', 'gold', 1, '杭州'))], at(1n));
      expect(await store.get(CUSTOMERS, A, 'c2')).toBeUndefined();
      expect(await store.get(ORDERS, A, 'c1')).toBeUndefined();
      expect(await query(ORDERS, A)).toEqual([]);
    });

    it('commit puts and deletes documents and moves the checkpoint with them', async () => {
      await store.commit(CUSTOMERS, [put(A, 'c1', customer('c1', 'gold', 1, '杭州')), put(A, 'c2', customer('c2', 'gold', 2, '杭州'))], at(3n));
      expect(await store.checkpoint(CUSTOMERS)).toEqual(at(3n));
      await store.commit(CUSTOMERS, [put(A, 'c1', customer('c1', 'gold', 7, '杭州')), del(A, 'c2'), del(A, 'never-there')], at(8n));
      expect(await store.get(CUSTOMERS, A, 'c1')).toEqual(customer('c1', 'gold', 7, '杭州'));
      expect(await store.get(CUSTOMERS, A, 'c2')).toBeUndefined();
      expect(await store.checkpoint(CUSTOMERS)).toEqual(at(8n));
      // a commit with no changes still records how far the projection has read
      await store.commit(CUSTOMERS, [], at(12n));
      expect(await store.checkpoint(CUSTOMERS)).toEqual(at(12n));
      expect(await query(CUSTOMERS, A)).toEqual([customer('c1', 'gold', 7, '杭州')]);
    });

    it('a checkpoint round-trips as { position: bigint, version }', async () => {
      const big = 2n ** 62n + 7n; // beyond Number.MAX_SAFE_INTEGER: must not pass through a double
      await store.commit(CUSTOMERS, [], { position: big, version: 3 });
      const cp = await store.checkpoint(CUSTOMERS);
      expect(cp).toEqual({ position: big, version: 3 });
      expect(typeof cp!.position).toBe('bigint');
    });

    it('reset drops the documents and the checkpoint of one projection only', async () => {
      await shop();
      await store.commit(ORDERS, [put(A, 'o1', { orderId: 'o1', total: 100 })], at(4n));
      await store.reset(CUSTOMERS);
      expect(await store.get(CUSTOMERS, A, 'c1')).toBeUndefined();
      expect(await query(CUSTOMERS, A)).toEqual([]);
      expect(await query(CUSTOMERS, B)).toEqual([]);
      expect(await store.checkpoint(CUSTOMERS)).toBeUndefined();
      expect(await store.get(ORDERS, A, 'o1')).toEqual({ orderId: 'o1', total: 100 });
      expect(await store.checkpoint(ORDERS)).toEqual(at(4n));
      // a rebuild starts again from the beginning
      await store.commit(CUSTOMERS, [put(A, 'c1', customer('c1', 'silver', 1, '杭州'))], at(1n, 2));
      expect(await store.checkpoint(CUSTOMERS)).toEqual(at(1n, 2));
      expect(await query(CUSTOMERS, A)).toEqual([customer('c1', 'silver', 1, '杭州')]);
    });

    it('query where matches top-level and dotted fields, strings, numbers and booleans', async () => {
      await shop();
      const sorted = async (q: DocumentQuery) => (await ids(q)).sort();
      expect(await sorted({ where: { tier: 'gold' } })).toEqual(['c1', 'c3', 'c5']);
      expect(await sorted({ where: { 'address.city': '杭州' } })).toEqual(['c1', 'c3']);
      expect(await sorted({ where: { tier: 'gold', 'address.city': '上海' } })).toEqual(['c5']);
      expect(await sorted({ where: { points: 20 } })).toEqual(['c2']);
      expect(await sorted({ where: { active: false } })).toEqual(['c3']);
      expect(await sorted({ where: { tier: 'platinum' } })).toEqual([]);
      expect(await sorted({})).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
    });

    it('query where null matches documents whose field is null', async () => {
      await store.commit(ORDERS, [put(A, 'o1', { orderId: 'o1', shippedAt: null }), put(A, 'o2', { orderId: 'o2', shippedAt: '2026-03-02T00:00:00.000Z' })], at(1n));
      expect((await query<{ orderId: string }>(ORDERS, A, { where: { shippedAt: null } })).map((o) => o.orderId)).toEqual(['o1']);
    });

    it('orderBy sorts ascending and descending, numbers as numbers', async () => {
      await shop();
      expect(await ids({ orderBy: { field: 'points' } })).toEqual(['c3', 'c2', 'c5', 'c1', 'c4']);
      expect(await ids({ orderBy: { field: 'points', direction: 'asc' } })).toEqual(['c3', 'c2', 'c5', 'c1', 'c4']);
      expect(await ids({ orderBy: { field: 'points', direction: 'desc' } })).toEqual(['c4', 'c1', 'c5', 'c2', 'c3']);
      expect(await ids({ orderBy: { field: 'customerId', direction: 'desc' } })).toEqual(['c5', 'c4', 'c3', 'c2', 'c1']);
    });

    it('limit caps a query, after where and orderBy', async () => {
      await shop();
      expect(await ids({ orderBy: { field: 'points', direction: 'desc' }, limit: 2 })).toEqual(['c4', 'c1']);
      expect(await ids({ where: { tier: 'gold' }, orderBy: { field: 'points' }, limit: 2 })).toEqual(['c3', 'c5']);
      expect(await ids({ limit: 3 })).toHaveLength(3);
      expect(await ids({ limit: 0 })).toEqual([]);
    });

    it("tenants are isolated: get, query and delete never touch another tenant's documents", async () => {
      await shop();
      expect(await store.get(CUSTOMERS, A, 'c1')).toEqual(customer('c1', 'gold', 100, '杭州'));
      expect(await store.get(CUSTOMERS, B, 'c1')).toEqual(customer('c1', 'gold', 999, '杭州'));
      expect(await store.get(CUSTOMERS, B, 'c2')).toBeUndefined();
      expect(await store.get(CUSTOMERS, 'shop_c', 'c1')).toBeUndefined();
      expect((await ids({}, B)).sort()).toEqual(['c1', 'c9']);
      expect(await ids({ where: { 'address.city': '杭州' }, orderBy: { field: 'points' } }, B)).toEqual(['c9', 'c1']);
      expect(await ids({}, 'shop_c')).toEqual([]);
      await store.commit(CUSTOMERS, [del(A, 'c1')], at(11n));
      expect(await store.get(CUSTOMERS, A, 'c1')).toBeUndefined();
      expect(await store.get(CUSTOMERS, B, 'c1')).toEqual(customer('c1', 'gold', 999, '杭州'));
    });

    it('documents round-trip as JSON values', async () => {
      const doc = {
        name: '张三 · 杭州旗舰店 🛍️',
        quote: 'say "hi"\n\\ and \'bye\'',
        empty: '',
        counts: { zero: 0, negative: -42, half: 0.5, big: Number.MAX_SAFE_INTEGER },
        flags: [true, false],
        nothing: null,
        nested: { lines: [{ sku: 'A-1', quantity: 2 }, { sku: '中文-2', quantity: 1, tags: [] }], meta: {} },
        matrix: [[1, 2], [3], []],
      };
      await store.commit(CUSTOMERS, [put(A, 'c1', doc), put(A, 'n', 7), put(A, 's', '积分'), put(A, 'z', null), put(A, 'l', [1, 'two', null])], at(1n));
      expect(await store.get(CUSTOMERS, A, 'c1')).toStrictEqual(doc);
      expect(await store.get(CUSTOMERS, A, 'n')).toBe(7);
      expect(await store.get(CUSTOMERS, A, 's')).toBe('积分');
      expect(await store.get(CUSTOMERS, A, 'z')).toBeNull();
      expect(await store.get(CUSTOMERS, A, 'l')).toStrictEqual([1, 'two', null]);
      expect(await query(CUSTOMERS, A, { where: { name: doc.name } })).toStrictEqual([doc]);
    });

    it('documents are stored as values: changing a committed or read object later changes nothing stored', async () => {
      const doc = { customerId: 'c1', address: { city: '杭州' }, tags: ['vip'] };
      await store.commit(CUSTOMERS, [put(A, 'c1', doc)], at(1n));
      try {
        doc.address.city = '上海'; // a frozen copy may refuse; either is fine
        doc.tags.push('churned');
      } catch {
        /* frozen */
      }
      const read = await store.get<{ address: { city: string }; tags: string[] }>(CUSTOMERS, A, 'c1');
      try {
        read!.address.city = '北京';
      } catch {
        /* frozen */
      }
      expect(await store.get(CUSTOMERS, A, 'c1')).toEqual({ customerId: 'c1', address: { city: '杭州' }, tags: ['vip'] });
    });

    it('a commit with an invalid change rejects and applies nothing, not even its checkpoint', async () => {
      await store.commit(CUSTOMERS, [put(A, 'c1', customer('c1', 'gold', 1, '杭州'))], at(5n));
      const e = await failureOf(() =>
        store.commit(CUSTOMERS, [put(A, 'c1', customer('c1', 'gold', 2, '杭州')), del(A, 'c1'), put(A, 'c2', customer('c2', 'gold', 3, '杭州')), put(A, 'c3', undefined)], at(9n)),
      );
      expect(isRapportError(e, InvalidArgument.code), String(e)).toBe(true);
      expect(await store.get(CUSTOMERS, A, 'c1')).toEqual(customer('c1', 'gold', 1, '杭州'));
      expect(await store.get(CUSTOMERS, A, 'c2')).toBeUndefined();
      expect(await store.get(CUSTOMERS, A, 'c3')).toBeUndefined();
      expect(await store.checkpoint(CUSTOMERS)).toEqual(at(5n));
    });

    it('a malformed checkpoint is refused and nothing is applied', async () => {
      const bad = [{ position: 5, version: 1 }, { position: 5n, version: 1.5 }, undefined] as unknown as Checkpoint[];
      for (const cp of bad) {
        const e = await failureOf(() => store.commit(CUSTOMERS, [put(A, 'c1', customer('c1', 'gold', 1, '杭州'))], cp));
        expect(isRapportError(e, InvalidArgument.code), String(e)).toBe(true);
      }
      expect(await store.get(CUSTOMERS, A, 'c1')).toBeUndefined();
      expect(await store.checkpoint(CUSTOMERS)).toBeUndefined();
    });

    it('a checkpoint never moves backwards: a stale commit is refused and applies nothing', async () => {
      await store.commit(CUSTOMERS, [put(A, 'c1', customer('c1', 'gold', 1, '杭州'))], at(20n));
      // another runner that read less far (or a stale retry) must not overwrite newer documents
      const e = await failureOf(() => store.commit(CUSTOMERS, [put(A, 'c1', customer('c1', 'gold', 0, '杭州'))], at(19n)));
      expect(isRapportError(e, InvalidArgument.code), String(e)).toBe(true);
      expect(await store.get(CUSTOMERS, A, 'c1')).toEqual(customer('c1', 'gold', 1, '杭州'));
      expect(await store.checkpoint(CUSTOMERS)).toEqual(at(20n));
      await store.commit(CUSTOMERS, [put(A, 'c1', customer('c1', 'gold', 2, '杭州'))], at(20n)); // the same position is fine
      expect(await store.get(CUSTOMERS, A, 'c1')).toEqual(customer('c1', 'gold', 2, '杭州'));
    });

    it('commits of different projections are independent', async () => {
      await store.commit(CUSTOMERS, [put(A, 'x1', { kind: 'customer' })], at(7n, 1));
      await store.commit(ORDERS, [put(A, 'x1', { kind: 'order' })], at(3n, 4));
      expect(await store.get(CUSTOMERS, A, 'x1')).toEqual({ kind: 'customer' });
      expect(await store.get(ORDERS, A, 'x1')).toEqual({ kind: 'order' });
      expect(await store.checkpoint(CUSTOMERS)).toEqual(at(7n, 1));
      expect(await store.checkpoint(ORDERS)).toEqual(at(3n, 4));
      await store.commit(ORDERS, [del(A, 'x1')], at(4n, 4));
      expect(await store.get(CUSTOMERS, A, 'x1')).toEqual({ kind: 'customer' });
      expect(await query(ORDERS, A)).toEqual([]);
      expect(await store.checkpoint(CUSTOMERS)).toEqual(at(7n, 1));
    });

    it('concurrent commits to different projections all land', async () => {
      const names = Array.from({ length: 6 }, (_, i) => `conformance.p${i}`);
      await Promise.all(names.map((p, i) => store.commit(p, [put(A, 'doc', { i })], at(BigInt(i + 1)))));
      for (const [i, p] of names.entries()) {
        expect(await store.get(p, A, 'doc')).toEqual({ i });
        expect(await store.checkpoint(p)).toEqual(at(BigInt(i + 1)));
      }
    });

    it('after close, calls reject with StoreUnavailable', async () => {
      await shop();
      await store.close();
      const e = await failureOf(() => store.get(CUSTOMERS, A, 'c1'));
      expect(isRapportError(e, StoreUnavailable.code), String(e)).toBe(true);
      const c = await failureOf(() => store.commit(CUSTOMERS, [], at(11n)));
      expect(isRapportError(c, StoreUnavailable.code), String(c)).toBe(true);
    });
  });
};
