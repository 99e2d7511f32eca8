import { describe, expect, it } from 'vitest';
import * as t from 'io-ts';
import { MemoryEventStore, MemoryReadModelStore } from '@rapport/memory';
import { eventRegistry, fixedClock, ProjectionRunner, tagged, type Projection, type ReadModelStore } from '../index.js';

const Ev = tagged('Counted', { key: t.string });
const counter: Projection<number, t.TypeOf<typeof Ev>> = { name: 'counter', version: 1, events: ['Counted'], init: () => 0, keyOf: (e) => e.data.key, apply: (n) => n + 1 };

/** A read-model store that counts document loads. */
const counting = (inner: ReadModelStore): ReadModelStore & { loads: number } => {
  const s = {
    loads: 0,
    get: <T>(p: string, tenant: string, id: string) => {
      s.loads++;
      return inner.get<T>(p, tenant, id);
    },
    commit: inner.commit.bind(inner),
    checkpoint: inner.checkpoint.bind(inner),
    reset: inner.reset.bind(inner),
    query: inner.query.bind(inner),
    close: inner.close.bind(inner),
  };
  return s;
};

const storeWith = async (keys: readonly string[]): Promise<MemoryEventStore> => {
  const store = new MemoryEventStore({ registry: eventRegistry(Ev), clock: fixedClock('2026-01-01T00:00:00.000Z') });
  for (const [i, key] of keys.entries())
    await store.appendToStream(`counter-t1.${key}`, [{ type: 'Counted', data: { key }, metadata: { eventId: `e${i}`, occurredAt: '2026-01-01T00:00:00.000Z', tenantId: 't1', actor: { kind: 'user', id: 'u' }, commandId: `c${i}`, correlationId: `c${i}`, causationId: `c${i}`, schemaVersion: 1 } }], { expectedVersion: 'any' });
  return store;
};

describe('ProjectionRunner document loads', () => {
  it('a projection that begins empty loads only documents it committed in an earlier batch', async () => {
    const store = await storeWith(['a', 'b', 'a', 'c', 'b', 'a']);
    const readModels = counting(new MemoryReadModelStore());
    await new ProjectionRunner({ eventStore: store, readModels, projections: [counter], batchSize: 2 }).catchUp();
    // batches [a b] [a c] [b a]: a is loaded in the 2nd, b and a in the 3rd; c and the first a, b never
    expect(readModels.loads).toBe(3);
    expect(await readModels.get('counter', 't1', 'a')).toBe(3);
    expect(await readModels.get('counter', 't1', 'b')).toBe(2);
    expect(await readModels.get('counter', 't1', 'c')).toBe(1);
  });

  it('a rebuild loads nothing; a restarted runner loads the documents that exist', async () => {
    const store = await storeWith(['a', 'b', 'c']);
    const readModels = counting(new MemoryReadModelStore());
    await new ProjectionRunner({ eventStore: store, readModels, projections: [counter] }).rebuild();
    expect(readModels.loads).toBe(0);
    await store.appendToStream('counter-t1.a', [{ type: 'Counted', data: { key: 'a' }, metadata: { eventId: 'e9', occurredAt: '2026-01-01T00:00:00.000Z', tenantId: 't1', actor: { kind: 'user', id: 'u' }, commandId: 'c9', correlationId: 'c9', causationId: 'c9', schemaVersion: 1 } }], { expectedVersion: 'any' });
    await new ProjectionRunner({ eventStore: store, readModels, projections: [counter] }).catchUp();
    expect(readModels.loads).toBe(1);
    expect(await readModels.get('counter', 't1', 'a')).toBe(2);
  });
});
