/**
 * The EventStoreDB adapter against the raw `@eventstore/db-client`, on the in-process
 * test server, in one run:
 *
 * - appends/s: `EsdbEventStore.appendToStream` (validation, head sync read, hash chain,
 *   exact-revision append) versus `client.appendToStream` of equally sized JSON events
 *   with an exact expected revision;
 * - events read/s: `readAll` (envelope, registry decode, hidden-stream filter) versus the
 *   client's `readAll` iterated to the end.
 *
 * Both sides use the same server in the same run; each run starts a fresh server. Prints
 * medians of `--runs` runs and the adapter/raw ratio (target >= 0.8).
 *
 *   node --import tsx bench/eventstoredb.bench.ts [--events 20000] [--batch 10] [--streams 100] [--runs 5]
 */
import { parseArgs } from 'node:util';
import * as t from 'io-ts';
import { EventStoreDBClient, jsonEvent, NO_STREAM } from '@eventstore/db-client';
import { deriveId, EventRegistry, tagged, type NewEvent } from '@rapport/core';
import { EsdbEventStore } from '@rapport/eventstoredb';
import { startTestServer } from '@rapport/eventstoredb/testing';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '20000' },
    batch: { type: 'string', default: '10' },
    streams: { type: 'string', default: '100' },
    runs: { type: 'string', default: '5' },
  },
});
const EVENTS = Number(values.events);
const BATCH = Number(values.batch);
const STREAMS = Number(values.streams);
const RUNS = Number(values.runs);

const PointsEarned = tagged('PointsEarned', { customerId: t.string, points: t.number });
const registry = () => new EventRegistry().registerAll(PointsEarned);

const batchOf = (stream: number, n: number, k: number): NewEvent[] =>
  Array.from({ length: BATCH }, (_, i) => ({
    type: 'PointsEarned',
    data: { customerId: `c${stream}`, points: k + i },
    metadata: {
      eventId: deriveId('bench', String(n), String(i)),
      occurredAt: '2026-03-01T08:00:00.000Z',
      tenantId: 'shop_a',
      actor: { kind: 'user', id: 'bench' },
      commandId: deriveId('bench-cmd', String(n)),
      correlationId: 'bench',
      causationId: 'bench',
      schemaVersion: 1,
    },
  }));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const once = async () => {
  const server = await startTestServer({ maxAppendSize: 16 * 1024 * 1024 });
  const store = new EsdbEventStore({ registry: registry(), client: server.url });
  const client = EventStoreDBClient.connectionString(server.url);
  const batches = EVENTS / BATCH;
  try {
    // adapter and raw appends alternate in slices, so drift (GC, the server's growing log,
    // other load) weighs on both alike rather than on whichever ran second
    const versions = new Map<number, bigint>();
    const raw = new Map<number, bigint>();
    const SLICES = 10;
    let adapterMs = 0;
    let rawMs = 0;
    let start: number;
    for (let slice = 0; slice < SLICES; slice++) {
      const from = Math.floor((slice * batches) / SLICES);
      const to = Math.floor(((slice + 1) * batches) / SLICES);
      start = performance.now();
      for (let n = from; n < to; n++) {
        const s = n % STREAMS;
        const r = await store.appendToStream(`customer-shop_a.c${s}`, batchOf(s, n, n * BATCH), { expectedVersion: versions.get(s) ?? 'no_stream' });
        versions.set(s, r.nextExpectedVersion);
      }
      adapterMs += performance.now() - start;
      // raw client appends of the same shape (data plus an envelope-sized metadata object)
      start = performance.now();
      for (let n = from; n < to; n++) {
        const s = n % STREAMS;
        const events = batchOf(s, n, n * BATCH).map((e) => jsonEvent({ type: e.type, data: e.data as { customerId: string; points: number }, metadata: { ...e.metadata, streamPosition: '0', hash: 'x'.repeat(64), prevHash: 'x'.repeat(64) } }));
        const r = await client.appendToStream(`raw-shop_a.c${s}`, events, { expectedRevision: raw.get(s) ?? NO_STREAM });
        raw.set(s, r.nextExpectedRevision);
      }
      rawMs += performance.now() - start;
    }
    const adapterAppend = EVENTS / (adapterMs / 1000);
    const rawAppend = EVENTS / (rawMs / 1000);
    // reads of everything
    start = performance.now();
    let a = 0;
    for await (const _ of store.readAll()) a++;
    const adapterRead = a / ((performance.now() - start) / 1000);
    start = performance.now();
    let b = 0;
    for await (const _ of client.readAll()) b++;
    const rawRead = b / ((performance.now() - start) / 1000);
    return { adapterAppend, rawAppend, adapterRead, rawRead };
  } finally {
    await store.close();
    await client.dispose();
    await server.stop();
  }
};

const runs: Awaited<ReturnType<typeof once>>[] = [];
for (let i = 0; i < RUNS; i++) runs.push(await once());
const m = (k: keyof (typeof runs)[number]) => median(runs.map((r) => r[k]));
const rows = [
  ['appends (events/s)', m('adapterAppend'), m('rawAppend')],
  ['reads of $all (events/s)', m('adapterRead'), m('rawRead')],
] as const;
console.log(`EventStoreDB adapter vs raw client, test server, ${EVENTS} events in batches of ${BATCH} over ${STREAMS} streams, median of ${RUNS} runs`);
console.log('| measure | adapter | raw client | ratio |');
console.log('|---|---:|---:|---:|');
for (const [name, adapter, rawValue] of rows) console.log(`| ${name} | ${adapter.toFixed(0)} | ${rawValue.toFixed(0)} | ${(adapter / rawValue).toFixed(2)} |`);
