import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as t from 'io-ts';
import { MemoryEventStore } from '@rapport/memory';
import { eventRegistry, fixedClock, readAllInPages, tagged, type EventStore, type StoredEvent } from '../index.js';

const Ev = t.union([tagged('A', { n: t.number }), tagged('B', { n: t.number })]);
const meta = (i: number, tenantId: string) => ({
  eventId: `e-${i}`, occurredAt: '2026-01-01T00:00:00.000Z', tenantId, actor: { kind: 'user' as const, id: 'u' },
  commandId: `c-${i}`, correlationId: `c-${i}`, causationId: `c-${i}`, schemaVersion: 1,
});
const fill = async (events: readonly { type: 'A' | 'B'; stream: number; tenant: number }[]): Promise<MemoryEventStore> => {
  const store = new MemoryEventStore({ registry: eventRegistry(Ev), clock: fixedClock('2026-01-01T00:00:00.000Z') });
  for (const [i, e] of events.entries()) {
    const tenantId = `t${e.tenant}`;
    await store.appendToStream(`cat${e.stream % 2}-${tenantId}.s${e.stream}`, [{ type: e.type, data: { n: i }, metadata: meta(i, tenantId) }], { expectedVersion: 'any' });
  }
  return store;
};
const ids = (es: Iterable<StoredEvent>) => [...es].map((e) => e.metadata.globalPosition);
const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};
/** The same store without its own readAllPages: readAllInPages must fall back to readAll. */
const withoutPages = (s: EventStore): EventStore => ({
  appendToStream: (...a) => s.appendToStream(...a),
  readStream: (...a) => s.readStream(...a),
  readAll: (...a) => s.readAll(...a),
  subscribe: (...a) => s.subscribe(...a),
  close: () => s.close(),
});

describe('readAllInPages', () => {
  it('gives exactly readAll, in pages no larger than asked, with or without the store doing the paging', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ type: fc.constantFrom('A' as const, 'B' as const), stream: fc.nat(4), tenant: fc.nat(1) }), { maxLength: 40 }),
        fc.record({
          from: fc.option(fc.bigInt({ min: 0n, max: 45n }), { nil: undefined }),
          limit: fc.option(fc.nat(45), { nil: undefined }),
          pageSize: fc.integer({ min: 1, max: 7 }),
          filter: fc.option(fc.record({ eventTypes: fc.option(fc.constant(['A']), { nil: undefined }), categories: fc.option(fc.constant(['cat1']), { nil: undefined }), tenantId: fc.option(fc.constant('t1'), { nil: undefined }) }), { nil: undefined }),
        }),
        async (events, o) => {
          const store = await fill(events);
          const options = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
          const expected = ids(await collect(store.readAll(options)));
          for (const s of [store, withoutPages(store)]) {
            const pages = await collect(readAllInPages(s, options));
            expect(pages.every((p) => p.length >= 1 && p.length <= o.pageSize)).toBe(true);
            expect(ids(pages.flat())).toEqual(expected);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('decodes through the registry like readAll (raw gives the stored form)', async () => {
    const store = await fill([{ type: 'A', stream: 1, tenant: 0 }]);
    const [page] = await collect(readAllInPages(store, {}));
    const [raw] = await collect(readAllInPages(store, { raw: true }));
    expect(page![0]).toEqual((await collect(store.readAll()))[0]);
    expect(raw![0]).toEqual((await collect(store.readAll({ raw: true })))[0]);
  });
});
