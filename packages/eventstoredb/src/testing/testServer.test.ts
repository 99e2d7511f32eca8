import {
  BACKWARDS,
  END,
  eventTypeFilter,
  EventStoreDBClient,
  FORWARDS,
  jsonEvent,
  NO_STREAM,
  START,
  StreamDeletedError,
  StreamNotFoundError,
  streamNameFilter,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type Position,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './testServer.js';

/**
 * The test server checked by the real client: every call here is ordinary
 * `@eventstore/db-client` code, as an application would write it against EventStoreDB.
 */
let server: TestServer;
let client: EventStoreDBClient;

beforeAll(async () => {
  server = await startTestServer();
  client = EventStoreDBClient.connectionString(server.url);
});
afterAll(async () => {
  await client.dispose();
  await server.stop();
});

const ev = (type: string, data: Record<string, unknown>) => jsonEvent({ type, data });
const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};
const failureOf = async (p: Promise<unknown>): Promise<unknown> => p.then(() => undefined, (e: unknown) => e);

describe('test server, seen by @eventstore/db-client', () => {
  it('answers ServerFeatures with 23.10 and BatchAppend, so the client appends in batches', async () => {
    const supports = await (client as unknown as { supports(m: { path: string }, f?: string): Promise<boolean> }).supports({
      path: '/event_store.client.streams.Streams/BatchAppend',
    });
    expect(supports).toBe(true);
  });

  it('appends and reads back type, data, metadata, revisions, created and positions', async () => {
    const s = `order-${randomUUID()}`;
    const before = Date.now();
    const r1 = await client.appendToStream(s, [ev('OrderPlaced', { n: 1 }), jsonEvent({ type: 'OrderPaid', data: { n: 2 }, metadata: { by: 'x' } })], { expectedRevision: NO_STREAM });
    expect(r1.success).toBe(true);
    expect(r1.nextExpectedRevision).toBe(1n);
    const events = await collect(client.readStream(s));
    expect(events.map((e) => [e.event?.type, e.event?.data, e.event?.revision])).toEqual([
      ['OrderPlaced', { n: 1 }, 0n],
      ['OrderPaid', { n: 2 }, 1n],
    ]);
    expect(events[1]!.event?.metadata).toEqual({ by: 'x' });
    // an append answers with the position of its last event
    expect(events[1]!.event?.position).toEqual(r1.position);
    expect(events[0]!.event!.position!.commit < events[1]!.event!.position!.commit).toBe(true);
    expect(events[0]!.event!.created.getTime()).toBeGreaterThanOrEqual(before - 1);
    const back = await collect(client.readStream(s, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }));
    expect(back.map((e) => e.event?.type)).toEqual(['OrderPaid']);
    const from1 = await collect(client.readStream(s, { fromRevision: 1n }));
    expect(from1.map((e) => e.event?.revision)).toEqual([1n]);
  });

  it('reports a wrong expected version with stream, expected and actual, on both append paths', async () => {
    const s = `order-${randomUUID()}`;
    await client.appendToStream(s, ev('A', {}));
    const e = await failureOf(client.appendToStream(s, ev('B', {}), { expectedRevision: 5n }));
    expect(e).toBeInstanceOf(WrongExpectedVersionError);
    expect(e).toMatchObject({ streamName: s, expectedVersion: 5n, actualVersion: 0n });
    const created = await failureOf(client.appendToStream(s, ev('B', {}), { expectedRevision: NO_STREAM }));
    expect(created).toMatchObject({ expectedVersion: 'no_stream', actualVersion: 0n });
    // with credentials the client uses the unary Append call instead of BatchAppend
    const unary = await failureOf(client.appendToStream(`x-${randomUUID()}`, ev('B', {}), { expectedRevision: 0n, credentials: { username: 'admin', password: 'changeit' } }));
    expect(unary).toMatchObject({ expectedVersion: 0n, actualVersion: 'no_stream' });
  });

  it('re-appending the same event ids at the same place writes nothing', async () => {
    const s = `order-${randomUUID()}`;
    const events = [ev('A', { i: 1 }), ev('B', { i: 2 })];
    const first = await client.appendToStream(s, events, { expectedRevision: NO_STREAM });
    const again = await client.appendToStream(s, events, { expectedRevision: NO_STREAM });
    expect(again.nextExpectedRevision).toBe(first.nextExpectedRevision);
    expect(await collect(client.readStream(s))).toHaveLength(2);
  });

  it('a missing stream is StreamNotFound; a deleted one too; a tombstoned one is StreamDeleted for reads and appends', async () => {
    const missing = `order-${randomUUID()}`;
    expect(await failureOf(collect(client.readStream(missing)))).toBeInstanceOf(StreamNotFoundError);
    const s = `order-${randomUUID()}`;
    await client.appendToStream(s, ev('A', {}));
    await client.deleteStream(s);
    expect(await failureOf(collect(client.readStream(s)))).toBeInstanceOf(StreamNotFoundError);
    const t = `order-${randomUUID()}`;
    await client.appendToStream(t, ev('A', {}));
    await client.tombstoneStream(t);
    expect(await failureOf(collect(client.readStream(t)))).toBeInstanceOf(StreamDeletedError);
    expect(await failureOf(client.appendToStream(t, ev('B', {})))).toBeInstanceOf(StreamDeletedError);
    expect(await failureOf(client.tombstoneStream(t))).toBeInstanceOf(StreamDeletedError);
  });

  it('honours $maxCount from stream metadata on reads', async () => {
    const s = `doc-${randomUUID()}`;
    await client.setStreamMetadata(s, { maxCount: 1 });
    await client.appendToStream(s, [ev('V', { v: 1 }), ev('V', { v: 2 }), ev('V', { v: 3 })]);
    expect((await client.getStreamMetadata(s)).metadata?.maxCount).toBe(1);
    const read = await collect(client.readStream(s));
    expect(read.map((e) => e.event?.data)).toEqual([{ v: 3 }]);
  });

  it('$all begins with system events, reads from a position inclusively, forward and backward', async () => {
    const head = await collect(client.readAll({ maxCount: 3 }));
    expect(head.every((e) => e.event!.streamId.startsWith('$') && e.event!.type.startsWith('$'))).toBe(true);
    const s = `shop-${randomUUID()}`;
    await client.appendToStream(s, [ev('A', {}), ev('B', {}), ev('C', {})]);
    const mine = (await collect(client.readAll())).filter((e) => e.event?.streamId === s);
    const pos = mine[1]!.event!.position!;
    const fromB = await collect(client.readAll({ fromPosition: pos, maxCount: 2 }));
    expect(fromB.map((e) => e.event?.type)).toEqual(['B', 'C']);
    const last = await collect(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
    expect(last[0]!.event?.type).toBe('C');
    const forwardEnd = await collect(client.readAll({ direction: FORWARDS, fromPosition: END }));
    expect(forwardEnd).toEqual([]);
  });

  it('subscribes to a stream: catch-up, caught-up, then live; from a revision is exclusive', async () => {
    const s = `order-${randomUUID()}`;
    await client.appendToStream(s, [ev('A', {}), ev('B', {})]);
    const sub = client.subscribeToStream(s, { fromRevision: 0n });
    let caughtUp = false;
    sub.on('caughtUp', () => (caughtUp = true));
    const got: string[] = [];
    const done = (async () => {
      for await (const e of sub as AsyncIterable<ResolvedEvent>) {
        got.push(e.event!.type);
        if (got.length === 1) {
          await new Promise((r) => setTimeout(r, 20));
          await client.appendToStream(s, ev('C', {}));
        }
        if (got.length === 2) break;
      }
    })();
    await done;
    expect(got).toEqual(['B', 'C']);
    expect(caughtUp).toBe(true);
    await sub.unsubscribe();
  });

  it('subscribes to $all with a server-side filter, sending a checkpoint every 32 × multiplier matches', async () => {
    const tag = `cp${randomUUID().slice(0, 8)}`;
    for (let i = 0; i < 4; i++) await client.appendToStream(`${tag}-${i}`, Array.from({ length: 40 }, (_, k) => ev(k % 2 === 0 ? 'Even' : 'Odd', { k })));
    await client.appendToStream(`other-${tag}`, ev('Even', {}));
    const checkpoints: Position[] = [];
    const sub = client.subscribeToAll({
      fromPosition: START,
      filter: streamNameFilter({ prefixes: [`${tag}-`], checkpointInterval: 2, checkpointReached: (_s, p) => void checkpoints.push(p) }),
    });
    const seen: AllStreamResolvedEvent[] = [];
    for await (const e of sub as AsyncIterable<AllStreamResolvedEvent>) {
      seen.push(e);
      if (seen.length === 160) break;
    }
    await sub.unsubscribe();
    expect(seen.every((e) => e.event!.streamId.startsWith(`${tag}-`))).toBe(true);
    expect(checkpoints.length).toBeGreaterThanOrEqual(2);
    expect(checkpoints[0]).toEqual(seen[63]!.event!.position);
    const typed = client.subscribeToAll({ fromPosition: START, filter: eventTypeFilter({ prefixes: ['Odd'] }) });
    let odd = 0;
    for await (const e of typed as AsyncIterable<AllStreamResolvedEvent>) {
      expect(e.event?.type).toBe('Odd');
      if (++odd === 80) break;
    }
    await typed.unsubscribe();
  });

  it('a subscription from a position starts after it; dropSubscriptions ends live subscriptions with an error', async () => {
    const s = `pos-${randomUUID()}`;
    const r = await client.appendToStream(s, [ev('A', {}), ev('B', {})]);
    await client.appendToStream(s, ev('C', {}));
    const sub = client.subscribeToAll({ fromPosition: r.position!, filter: streamNameFilter({ prefixes: [s] }) });
    const errors: unknown[] = [];
    sub.on('error', (e) => errors.push(e));
    const first = await new Promise<AllStreamResolvedEvent>((resolve) => sub.once('data', resolve));
    expect(first.event?.type).toBe('C');
    await new Promise((r) => setTimeout(r, 20));
    server.dropSubscriptions();
    await new Promise((r) => setTimeout(r, 100));
    expect(errors).toHaveLength(1);
  });
});
