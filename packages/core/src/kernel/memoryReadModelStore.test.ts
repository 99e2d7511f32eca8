import { describe, expect, it } from 'vitest';
import { MemoryReadModelStore } from './memoryReadModelStore.js';

const at = (position: bigint) => ({ position, version: 1 });

describe('MemoryReadModelStore commits', () => {
  it('keeps a frozen copy of what it is given: a later change to the caller’s object does not reach it', async () => {
    const store = new MemoryReadModelStore();
    const doc = { customerId: 'c1', tags: ['vip'] };
    await store.commit('p', [{ op: 'put', tenantId: 't', id: 'c1', document: doc }], at(1n));
    doc.tags.push('late');
    const kept = await store.get<typeof doc>('p', 't', 'c1');
    expect(kept).toEqual({ customerId: 'c1', tags: ['vip'] });
    expect(kept).not.toBe(doc);
    expect(Object.isFrozen(kept!.tags)).toBe(true);
  });

  it('keeps a document handed over as it is, frozen all the way down', async () => {
    const store = new MemoryReadModelStore();
    const shared = Object.freeze({ sku: 'longjing' });
    const doc = { customerId: 'c1', tags: ['vip'], lines: [shared, { sku: 'teapot' }] };
    await store.commit('p', [{ op: 'put', tenantId: 't', id: 'c1', document: doc }], at(1n), { handOver: true });
    const kept = await store.get<typeof doc>('p', 't', 'c1');
    expect(kept).toBe(doc);
    expect([doc, doc.tags, doc.lines, doc.lines[1]].map(Object.isFrozen)).toEqual([true, true, true, true]);
    expect(kept!.lines[0]).toBe(shared);
  });
});
