import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import type { StoredEvent } from '../kernel/envelope.js';
import { auditSetup, completedOrder, ok, shop, tamperStoredEvent } from './auditFixture.js';

/** Where a byte can be changed: every string and number leaf of data and metadata, except the unhashed global position. */
type Leaf = { path: readonly (string | number)[]; value: string | number | bigint };
const leavesOf = (value: unknown, path: readonly (string | number)[] = []): Leaf[] => {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => leavesOf(v, [...path, i]));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => leavesOf(v, [...path, k]));
  return [];
};

const setIn = (value: unknown, path: readonly (string | number)[], leaf: unknown): unknown => {
  if (path.length === 0) return leaf;
  const [k, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === k ? setIn(v, rest, leaf) : v));
  return { ...(value as object), [k!]: setIn((value as Record<string, unknown>)[k!], rest, leaf) };
};

/** One byte (UTF-16 unit) of a string replaced by another, or a number moved by one. */
const changed = (value: string | number | bigint, at: number, by: number): string | number | bigint => {
  if (typeof value === 'number') return value + (by % 2 === 0 ? 1 : -1);
  if (typeof value === 'bigint') return value + 1n;
  if (value.length === 0) return String.fromCharCode(33 + (by % 90));
  const i = at % value.length;
  const code = value.charCodeAt(i);
  const next = 32 + ((code - 32 + 1 + (by % 90)) % 95);
  return value.slice(0, i) + String.fromCharCode(next === code ? next + 1 : next) + value.slice(i + 1);
};

describe('crm.audit.verify (property)', () => {
  it('finds any single-byte tamper of a stored event’s data or metadata and names that event', async () => {
    const { crm, eventStore } = auditSetup();
    ok(await crm.customers.register(shop, { customerId: 'c1', name: '王小明', phone: '13800138000', channel: 'ownSite' }));
    await completedOrder(crm, { orderId: 'o1', customerId: 'c1', day: '2026-03-02', price: 10_000 });
    ok(await crm.orders.refund(shop, { orderId: 'o1', amount: 1_000, at: '2026-03-09T00:00:00.000Z' }));
    await crm.settle();
    expect((await crm.audit.verify()).intact).toBe(true);
    const n = eventStore.size;

    await fc.assert(
      fc.asyncProperty(fc.nat({ max: n - 1 }), fc.nat(), fc.nat(), fc.nat(), async (index, which, at, by) => {
        const original = tamperStoredEvent(eventStore, index, (e) => e);
        try {
          const { globalPosition: _g, ...metadata } = original.metadata;
          const leaves = [...leavesOf(original.data, ['data']), ...leavesOf(metadata, ['metadata'])];
          const leaf = leaves[which % leaves.length]!;
          const tampered = tamperStoredEvent(eventStore, index, (e) => {
            const next = setIn({ data: e.data, metadata: e.metadata }, leaf.path, changed(leaf.value, at, by)) as Pick<StoredEvent, 'data' | 'metadata'>;
            return { ...e, data: next.data, metadata: next.metadata };
          });
          const report = await crm.audit.verify({ pageSize: 7 });
          expect(report.intact).toBe(false);
          if (report.intact) return;
          // the event as it now stands in the store is the one named
          expect(report.firstBroken).toMatchObject({ eventId: tampered.metadata.eventId, streamName: tampered.metadata.streamName, streamPosition: tampered.metadata.streamPosition.toString() });
          expect(report.events).toBe(index);
        } finally {
          tamperStoredEvent(eventStore, index, () => original);
        }
      }),
      { numRuns: 200 },
    );
    expect((await crm.audit.verify()).intact).toBe(true);
  });
});
