import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../kernel/envelope.js';
import { hashEnvelope } from '../kernel/hashChain.js';
import { auditSetup, completedOrder, ok, shop, tamperStoredEvent } from './auditFixture.js';

const story = async () => {
  const s = auditSetup();
  ok(await s.crm.customers.register(shop, { customerId: 'c1', name: '王小明', phone: '13800138000', channel: 'ownSite' }));
  await completedOrder(s.crm, { orderId: 'o1', customerId: 'c1', day: '2026-03-02', price: 10_000 });
  await completedOrder(s.crm, { orderId: 'o2', customerId: 'c1', day: '2026-03-03', price: 5_000 });
  await s.crm.settle();
  return s;
};

const streamCount = async (store: { readAll(o?: object): AsyncIterable<StoredEvent> }) => {
  const streams = new Set<string>();
  for await (const e of store.readAll({ raw: true })) streams.add(e.metadata.streamName);
  return streams.size;
};

describe('crm.audit.verify', () => {
  it('reports every chain intact with the number of streams and events, and progress page by page', async () => {
    const { crm, eventStore } = await story();
    const progress: { streams: number; events: number }[] = [];
    const report = await crm.audit.verify({ pageSize: 4, onProgress: (p) => progress.push(p) });
    expect(report).toEqual({ intact: true, streams: await streamCount(eventStore), events: eventStore.size });
    expect(progress.length).toBe(Math.ceil(eventStore.size / 4));
    expect(progress.at(-1)).toEqual({ streams: report.streams, events: report.events });
    expect(progress.map((p) => p.events)).toEqual([...progress.map((p) => p.events)].sort((a, b) => a - b));
  });

  it('names the tampered event: a refund amount changed behind the store’s back', async () => {
    const { crm, eventStore } = await story();
    ok(await crm.orders.refund(shop, { orderId: 'o1', amount: 1_000, at: '2026-03-09T00:00:00.000Z' }));
    const index = eventStore.size - 1;
    const original = tamperStoredEvent(eventStore, index, (e) => e);
    expect(original.type).toBe('OrderRefunded');
    tamperStoredEvent(eventStore, index, (e) => ({ ...e, data: { ...(e.data as object), amount: 100 } }));
    const report = await crm.audit.verify();
    expect(report).toMatchObject({
      intact: false,
      events: index,
      firstBroken: { streamName: 'order-shop1.o1', streamPosition: original.metadata.streamPosition.toString(), eventId: original.metadata.eventId, reason: 'hash-mismatch' },
    });
  });

  it('names an event whose prevHash was replaced', async () => {
    const { crm, eventStore } = await story();
    const e = tamperStoredEvent(eventStore, 3, (x) => ({ ...x, metadata: { ...x.metadata, prevHash: 'f'.repeat(64) } }));
    expect(await crm.audit.verify()).toMatchObject({ intact: false, events: 3, firstBroken: { eventId: e.metadata.eventId, reason: 'prev-hash-mismatch' } });
  });

  it('names the next event of the stream when an edit is hidden by recomputing the edited event’s hash', async () => {
    const { crm, eventStore } = await story();
    let placed = -1;
    let paid: StoredEvent | undefined;
    let i = 0;
    for await (const e of eventStore.readAll({ raw: true })) {
      if (e.type === 'OrderPlaced' && e.metadata.streamName === 'order-shop1.o1') placed = i;
      if (e.type === 'OrderPaid' && e.metadata.streamName === 'order-shop1.o1') paid = e;
      i++;
    }
    tamperStoredEvent(eventStore, placed, (e) => {
      const data = { ...(e.data as object), couponAmount: 9_999 };
      const { hash: _h, globalPosition: _g, ...rest } = e.metadata;
      return { ...e, data, metadata: { ...e.metadata, hash: hashEnvelope({ type: e.type, data, metadata: rest }) } };
    });
    expect(await crm.audit.verify()).toMatchObject({ intact: false, firstBroken: { streamName: 'order-shop1.o1', streamPosition: '1', eventId: paid!.metadata.eventId, reason: 'prev-hash-mismatch' } });
  });

  it('reports an empty store intact with zero counts', async () => {
    const { crm } = auditSetup();
    expect(await crm.audit.verify()).toEqual({ intact: true, streams: 0, events: 0 });
  });
});
