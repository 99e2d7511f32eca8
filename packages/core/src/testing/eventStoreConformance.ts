import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../kernel/clock.js';
import type { StoredEvent } from '../kernel/envelope.js';
import {
  CorruptEvent,
  InvalidArgument,
  InvalidEvent,
  isRapportError,
  StoreUnavailable,
  WrongExpectedVersion,
  type ValidationIssue,
} from '../kernel/errors.js';
import type { AppendResult, EventStore, ExpectedVersion, ReadAllOptions, SubscribeOptions, Subscription } from '../kernel/eventStore.js';
import { verifyStreamChain } from '../kernel/hashChain.js';
import type { EventRegistry } from '../kernel/registry.js';
import {
  batchOf,
  conformanceRegistry,
  earned,
  forgetfulRegistry,
  manualClock,
  placed,
  registered,
  SwitchableRegistry,
  UNRECORDED_REASON,
  upcastingRegistry,
  type BatchOrigin,
  type ManualClock,
} from './conformanceEvents.js';

export interface EventStoreConformanceOptions {
  /** A fresh, empty store that validates with `registry` and takes recordedAt from `clock`. */
  create(deps: { registry: EventRegistry; clock: Clock }): Promise<EventStore>;
  /** Release it (close it, drop its schema...). Called after each test. */
  destroy?(store: EventStore): Promise<void>;
  /** Events in the big-stream case (default 100_000). */
  bigStreamSize?: number;
}

const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of items) out.push(x);
  return out;
};

/** The error `run` throws or rejects with; fails the test when it succeeds. */
const failureOf = async (run: () => unknown): Promise<unknown> => {
  try {
    await run();
  } catch (e) {
    return e;
  }
  throw new Error('expected a failure, but the call succeeded');
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Poll until `ready()` holds; database subscriptions may poll, so give them time. */
const waitFor = async (ready: () => boolean, what: string, timeoutMs = 15_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
};

const positionsOf = (events: readonly StoredEvent[]) => events.map((e) => e.metadata.streamPosition);
const globalsOf = (events: readonly StoredEvent[]) => events.map((e) => e.metadata.globalPosition);

const strictlyIncreasing = (xs: readonly bigint[]): boolean => xs.every((x, i) => i === 0 || x > xs[i - 1]!);

const pathsOf = (e: unknown): string[] => ((e as { issues?: ValidationIssue[] }).issues ?? []).map((i) => JSON.stringify(i.path));

const BEGIN = '2026-03-01T08:00:00.000Z';

/**
 * The EventStore conformance suite. Registers one `describe` block; every case gets a
 * fresh store from `options.create` and hands it to `options.destroy` afterwards.
 *
 * ```ts
 * eventStoreConformance('PostgresEventStore', {
 *   create: ({ registry, clock }) => PostgresEventStore.open({ registry, clock, ... }),
 *   destroy: (store) => store.close(),
 * });
 * ```
 */
export const eventStoreConformance = (name: string, options: EventStoreConformanceOptions): void => {
  const bigStreamSize = options.bigStreamSize ?? 100_000;

  describe(`EventStore conformance: ${name}`, () => {
    let store: EventStore;
    let registry: SwitchableRegistry;
    let clock: ManualClock;
    let subscriptions: Subscription[] = [];
    let commands = 0;

    beforeEach(async () => {
      registry = new SwitchableRegistry(conformanceRegistry());
      clock = manualClock(BEGIN);
      subscriptions = [];
      commands = 0;
      store = await options.create({ registry, clock });
    });

    afterEach(async () => {
      await Promise.allSettled(subscriptions.map((s) => s.stop()));
      await options.destroy?.(store);
    });

    /** Append one command's events; a fresh commandId unless one is given. */
    const append = (
      stream: string,
      events: readonly { type: string; data: unknown }[],
      expectedVersion: ExpectedVersion = 'any',
      origin: Partial<BatchOrigin> = {},
    ): Promise<AppendResult> =>
      store.appendToStream(stream, batchOf({ commandId: origin.commandId ?? `cmd-${++commands}`, ...origin }, events), {
        expectedVersion,
      });

    const readStream = (stream: string, opts?: Parameters<EventStore['readStream']>[1]) => collect(store.readStream(stream, opts));
    const readAll = (opts?: ReadAllOptions) => collect(store.readAll(opts));

    const subscribe = (opts: SubscribeOptions, handler: (e: StoredEvent) => Promise<void> | void): Subscription => {
      const sub = store.subscribe(opts, handler);
      subscriptions.push(sub);
      return sub;
    };

    const expectWrongVersion = (e: unknown, stream: string, expected: string, actual: bigint | 'no_stream') => {
      expect(isRapportError(e, WrongExpectedVersion.code), String(e)).toBe(true);
      expect(e).toMatchObject({ stream, expected, actual });
    };

    /** `count` single-event appends to `customer-shop_a.c<n>`, round robin over three customers. */
    const seed = async (count: number) => {
      for (let i = 0; i < count; i++) await append(`customer-shop_a.c${i % 3}`, [earned(`c${i % 3}`, i)]);
    };

    describe('expected version', () => {
      const s = 'customer-shop_a.c1';

      it("'no_stream' creates a new stream", async () => {
        const r = await append(s, [registered('c1')], 'no_stream');
        expect(r.nextExpectedVersion).toBe(0n);
        expect(r.alreadyAppended).toBe(false);
        expect(positionsOf(await readStream(s))).toEqual([0n]);
      });

      it("'no_stream' on an existing stream is refused with stream, expected and actual", async () => {
        await append(s, [registered('c1'), earned('c1', 5)]);
        const e = await failureOf(() => append(s, [earned('c1', 1)], 'no_stream'));
        expectWrongVersion(e, s, 'no_stream', 1n);
        expect(await readStream(s)).toHaveLength(2);
      });

      it("'stream_exists' on a new stream is refused with actual 'no_stream'", async () => {
        const e = await failureOf(() => append(s, [registered('c1')], 'stream_exists'));
        expectWrongVersion(e, s, 'stream_exists', 'no_stream');
        expect(await readStream(s)).toEqual([]);
        expect(await readAll()).toEqual([]);
      });

      it("'stream_exists' on an existing stream appends", async () => {
        await append(s, [registered('c1')]);
        const r = await append(s, [earned('c1', 3)], 'stream_exists');
        expect(r.nextExpectedVersion).toBe(1n);
        expect(positionsOf(await readStream(s))).toEqual([0n, 1n]);
      });

      it('an exact version that matches the last position appends', async () => {
        const first = await append(s, [registered('c1'), earned('c1', 1)]);
        expect(first.nextExpectedVersion).toBe(1n);
        const r = await append(s, [earned('c1', 2)], first.nextExpectedVersion);
        expect(r.nextExpectedVersion).toBe(2n);
        expect((await readStream(s)).map((e) => e.data)).toEqual([
          registered('c1').data,
          earned('c1', 1).data,
          earned('c1', 2).data,
        ]);
      });

      it('an exact version that does not match is refused with the real version; on a missing stream actual is no_stream', async () => {
        await append(s, [registered('c1'), earned('c1', 1), earned('c1', 2)]);
        expectWrongVersion(await failureOf(() => append(s, [earned('c1', 9)], 1n)), s, '1', 2n);
        expectWrongVersion(await failureOf(() => append(s, [earned('c1', 9)], 3n)), s, '3', 2n);
        expectWrongVersion(await failureOf(() => append(s, [earned('c1', 9)], 0n)), s, '0', 2n);
        const missing = 'customer-shop_a.nobody';
        expectWrongVersion(await failureOf(() => append(missing, [registered('nobody')], 0n)), missing, '0', 'no_stream');
        expect(await readStream(s)).toHaveLength(3);
        expect(await readStream(missing)).toEqual([]);
      });

      it("'any' appends to a new and to an existing stream", async () => {
        const a = await append(s, [registered('c1')], 'any');
        const b = await append(s, [earned('c1', 1), earned('c1', 2)], 'any');
        expect([a.nextExpectedVersion, b.nextExpectedVersion]).toEqual([0n, 2n]);
        expect(positionsOf(await readStream(s))).toEqual([0n, 1n, 2n]);
      });

      it('a negative version, an empty batch or a bad stream name is an InvalidArgument and writes nothing', async () => {
        await append(s, [registered('c1')]);
        const negative = await failureOf(() => append(s, [earned('c1', 1)], -1n));
        expect(isRapportError(negative, InvalidArgument.code), String(negative)).toBe(true);
        const empty = await failureOf(() => store.appendToStream(s, [], { expectedVersion: 'any' }));
        expect(isRapportError(empty, InvalidArgument.code), String(empty)).toBe(true);
        const dollar = await failureOf(() => append('$all', [registered('c1')]));
        expect(isRapportError(dollar, InvalidArgument.code), String(dollar)).toBe(true);
        const blank = await failureOf(() => append('', [registered('c1')]));
        expect(isRapportError(blank, InvalidArgument.code), String(blank)).toBe(true);
        expect(await readAll()).toHaveLength(1);
      });

      it('two writers with the same expected version: exactly one wins, the stream holds one batch', async () => {
        await append(s, [registered('c1')], 'no_stream');
        const outcomes = await Promise.allSettled([
          append(s, [earned('c1', 1), earned('c1', 2)], 0n, { commandId: 'writer-a' }),
          append(s, [earned('c1', 3), earned('c1', 4)], 0n, { commandId: 'writer-b' }),
        ]);
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect(isRapportError(lost[0]!.reason, WrongExpectedVersion.code), String(lost[0]!.reason)).toBe(true);
        expect(lost[0]!.reason).toMatchObject({ stream: s, expected: '0' });
        const events = await readStream(s);
        expect(positionsOf(events)).toEqual([0n, 1n, 2n]);
        const winner = events[1]!.metadata.commandId;
        expect(['writer-a', 'writer-b']).toContain(winner);
        expect(events[2]!.metadata.commandId).toBe(winner);
      });

      it("eight writers racing to create a stream with 'no_stream': one wins", async () => {
        const outcomes = await Promise.allSettled(
          Array.from({ length: 8 }, (_, i) => append(s, [registered('c1', `writer ${i}`)], 'no_stream', { commandId: `creator-${i}` })),
        );
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        for (const o of outcomes)
          if (o.status === 'rejected') expect(isRapportError(o.reason, WrongExpectedVersion.code), String(o.reason)).toBe(true);
        expect(await readStream(s)).toHaveLength(1);
        expect(await readAll()).toHaveLength(1);
      });
    });

    describe('reading a stream', () => {
      const s = 'customer-shop_a.c7';
      /** Ten events on `s` (positions 0–9) in three batches, interleaved with another stream. */
      const tenEvents = async () => {
        await append(s, [registered('c7'), earned('c7', 1), earned('c7', 2)]);
        await append('order-shop_a.o1', [placed('o1', 'c7', 100)]);
        await append(s, [earned('c7', 3), earned('c7', 4), earned('c7', 5), earned('c7', 6)]);
        await append('order-shop_a.o2', [placed('o2', 'c7', 200)]);
        await append(s, [earned('c7', 7), earned('c7', 8), earned('c7', 9)]);
      };
      const range = (a: number, b: number) => Array.from({ length: Math.abs(b - a) + 1 }, (_, i) => BigInt(a <= b ? a + i : a - i));

      it('reads forward from position 0 with strictly increasing positions and global positions', async () => {
        await tenEvents();
        const events = await readStream(s);
        expect(positionsOf(events)).toEqual(range(0, 9));
        expect(strictlyIncreasing(globalsOf(events))).toBe(true);
        expect(events.every((e) => e.metadata.streamName === s)).toBe(true);
        expect(events.slice(1).map((e) => (e.data as { points: number }).points)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
      });

      it('from and to are inclusive stream positions', async () => {
        await tenEvents();
        expect(positionsOf(await readStream(s, { from: 3n, to: 6n }))).toEqual(range(3, 6));
        expect(positionsOf(await readStream(s, { from: 7n }))).toEqual(range(7, 9));
        expect(positionsOf(await readStream(s, { to: 2n }))).toEqual(range(0, 2));
        expect(positionsOf(await readStream(s, { from: 5n, to: 5n }))).toEqual([5n]);
        expect(positionsOf(await readStream(s, { from: 8n, to: 100n }))).toEqual(range(8, 9));
        expect(await readStream(s, { from: 10n })).toEqual([]);
      });

      it('reads backward from the end, from a position, down to a position', async () => {
        await tenEvents();
        expect(positionsOf(await readStream(s, { direction: 'backward' }))).toEqual(range(9, 0));
        expect(positionsOf(await readStream(s, { direction: 'backward', from: 6n }))).toEqual(range(6, 0));
        expect(positionsOf(await readStream(s, { direction: 'backward', from: 6n, to: 3n }))).toEqual(range(6, 3));
        expect(positionsOf(await readStream(s, { direction: 'backward', limit: 2 }))).toEqual([9n, 8n]);
        expect(strictlyIncreasing(globalsOf(await readStream(s, { direction: 'backward' })).reverse())).toBe(true);
      });

      it('limit caps how many events a read returns', async () => {
        await tenEvents();
        expect(positionsOf(await readStream(s, { limit: 4 }))).toEqual(range(0, 3));
        expect(positionsOf(await readStream(s, { from: 5n, limit: 2 }))).toEqual([5n, 6n]);
        expect(positionsOf(await readStream(s, { from: 2n, to: 4n, limit: 10 }))).toEqual(range(2, 4));
        expect(await readStream(s, { limit: 0 })).toEqual([]);
        for (const bad of [-1, 1.5]) {
          const e = await failureOf(() => readStream(s, { limit: bad }));
          expect(isRapportError(e, InvalidArgument.code), String(e)).toBe(true);
          const all = await failureOf(() => readAll({ limit: bad }));
          expect(isRapportError(all, InvalidArgument.code), String(all)).toBe(true);
        }
      });

      it('a stream that does not exist reads empty, in both directions', async () => {
        await tenEvents();
        expect(await readStream('customer-shop_a.nobody')).toEqual([]);
        expect(await readStream('customer-shop_a.nobody', { direction: 'backward' })).toEqual([]);
        expect(await readStream('customer-shop_b.c7')).toEqual([]);
      });

      it('append results match what is read back', async () => {
        const a = await append(s, [registered('c7'), earned('c7', 1)]);
        const b = await append('order-shop_a.o1', [placed('o1', 'c7', 100)]);
        const c = await append(s, [earned('c7', 2)]);
        const events = await readStream(s);
        expect(a).toEqual({ nextExpectedVersion: 1n, lastGlobalPosition: events[1]!.metadata.globalPosition, alreadyAppended: false });
        expect(c).toEqual({ nextExpectedVersion: 2n, lastGlobalPosition: events[2]!.metadata.globalPosition, alreadyAppended: false });
        expect(b.lastGlobalPosition > a.lastGlobalPosition && c.lastGlobalPosition > b.lastGlobalPosition).toBe(true);
      });

      it('events are stored as copies: changing the appended or read objects changes nothing stored', async () => {
        const batch = batchOf({ commandId: 'copy-1' }, [earned('c7', 10)]);
        await store.appendToStream(s, batch, { expectedVersion: 'no_stream' });
        (batch[0]!.data as { points: number }).points = 99;
        const [read] = await readStream(s);
        expect(read!.data).toEqual({ customerId: 'c7', points: 10 });
        try {
          (read!.data as { points: number }).points = 77; // a frozen copy may refuse; either is fine
        } catch {
          /* frozen */
        }
        expect((await readStream(s))[0]!.data).toEqual({ customerId: 'c7', points: 10 });
      });
    });

    describe('reading all streams', () => {
      /** Appends across three streams in a known order; returns [stream, data] in that order. */
      const interleaved = async () => {
        const order: [string, unknown][] = [];
        const streams = ['customer-shop_a.c1', 'order-shop_a.o1', 'customer-shop_a.c2'];
        for (let i = 0; i < 12; i++) {
          const stream = streams[i % 3]!;
          const e = stream.startsWith('order') ? placed('o1', 'c1', i) : earned(stream.slice(-2), i);
          await append(stream, [e]);
          order.push([stream, e.data]);
        }
        return order;
      };

      it('delivers every stream in global order, with strictly increasing global positions', async () => {
        const order = await interleaved();
        const all = await readAll();
        expect(all.map((e) => [e.metadata.streamName, e.data])).toEqual(order);
        expect(strictlyIncreasing(globalsOf(all))).toBe(true);
      });

      it('from is an inclusive global position; limit caps the read', async () => {
        await interleaved();
        const all = await readAll();
        const third = all[2]!.metadata.globalPosition;
        expect(globalsOf(await readAll({ from: third }))).toEqual(globalsOf(all.slice(2)));
        expect(globalsOf(await readAll({ from: third, limit: 2 }))).toEqual(globalsOf(all.slice(2, 4)));
        expect(globalsOf(await readAll({ limit: 5 }))).toEqual(globalsOf(all.slice(0, 5)));
        expect(await readAll({ from: all[11]!.metadata.globalPosition + 1n })).toEqual([]);
      });

      it('filters by category: the text before the first dash, matched exactly', async () => {
        await append('customer-shop_a.c1', [registered('c1')]);
        await append('customers-shop_a.c2', [registered('c2')]);
        await append('order-shop_a.o1', [placed('o1', 'c1', 10)]);
        await append('customer-shop-b.c3', [registered('c3')], 'any', { tenantId: 'shop-b' });
        await append('loyalty-shop_a.c1', [earned('c1', 3)]);
        const names = async (categories: string[]) =>
          (await readAll({ filter: { categories } })).map((e) => e.metadata.streamName);
        expect(await names(['customer'])).toEqual(['customer-shop_a.c1', 'customer-shop-b.c3']);
        expect(await names(['order', 'loyalty'])).toEqual(['order-shop_a.o1', 'loyalty-shop_a.c1']);
        expect(await names(['cust'])).toEqual([]);
      });

      it('filters by event type', async () => {
        await append('customer-shop_a.c1', [registered('c1'), earned('c1', 1)]);
        await append('order-shop_a.o1', [placed('o1', 'c1', 10)]);
        await append('customer-shop_a.c2', [registered('c2'), earned('c2', 2)]);
        const types = async (eventTypes: string[]) => (await readAll({ filter: { eventTypes } })).map((e) => e.type);
        expect(await types(['PointsEarned'])).toEqual(['PointsEarned', 'PointsEarned']);
        expect(await types(['OrderPlaced', 'CustomerRegistered'])).toEqual(['CustomerRegistered', 'OrderPlaced', 'CustomerRegistered']);
        expect(await types(['CouponIssued'])).toEqual([]);
      });

      it('filters by tenant, and combines criteria', async () => {
        await append('customer-shop_a.c1', [registered('c1')], 'any', { tenantId: 'shop_a' });
        await append('customer-shop_b.c1', [registered('c1'), earned('c1', 4)], 'any', { tenantId: 'shop_b' });
        await append('order-shop_b.o1', [placed('o1', 'c1', 10)], 'any', { tenantId: 'shop_b' });
        await append('order-shop_a.o1', [placed('o1', 'c1', 20)], 'any', { tenantId: 'shop_a' });
        const a = await readAll({ filter: { tenantId: 'shop_a' } });
        expect(a.map((e) => e.metadata.streamName)).toEqual(['customer-shop_a.c1', 'order-shop_a.o1']);
        expect((await readAll({ filter: { tenantId: 'shop_c' } })).length).toBe(0);
        const both = await readAll({ filter: { tenantId: 'shop_b', categories: ['customer'], eventTypes: ['PointsEarned'] } });
        expect(both.map((e) => [e.metadata.streamName, e.type])).toEqual([['customer-shop_b.c1', 'PointsEarned']]);
      });
    });

    describe('subscriptions', () => {
      it('catches up, then goes live, with no gap and no duplicate across the switch', async () => {
        await seed(30);
        const delivered: bigint[] = [];
        let caughtUp = 0;
        let appendedWhileCatchingUp = false;
        subscribe({ onCaughtUp: () => void caughtUp++ }, async (e) => {
          delivered.push(e.metadata.globalPosition);
          if (delivered.length === 5 && !appendedWhileCatchingUp) {
            appendedWhileCatchingUp = true;
            for (let i = 0; i < 10; i++) await append(`order-shop_a.o${i % 2}`, [placed(`o${i % 2}`, 'c1', i)]);
          }
        });
        await waitFor(() => caughtUp > 0, 'onCaughtUp');
        for (let i = 0; i < 10; i++) await append(`loyalty-shop_a.c${i % 4}`, [earned(`c${i % 4}`, i)]);
        await waitFor(() => delivered.length >= 50, '50 deliveries');
        await sleep(50); // a late duplicate would show up here
        expect(appendedWhileCatchingUp).toBe(true);
        expect(delivered).toEqual(globalsOf(await readAll()));
        expect(new Set(delivered).size).toBe(50);
      });

      it('calls onCaughtUp once, after every event recorded at subscription time', async () => {
        await seed(5);
        const delivered: bigint[] = [];
        const caughtUpAfter: number[] = [];
        subscribe({ onCaughtUp: () => void caughtUpAfter.push(delivered.length) }, (e) => void delivered.push(e.metadata.globalPosition));
        await waitFor(() => caughtUpAfter.length > 0, 'onCaughtUp');
        for (let i = 0; i < 3; i++) await append('order-shop_a.o1', [placed('o1', 'c1', i)]);
        await waitFor(() => delivered.length >= 8, '8 deliveries');
        await sleep(20);
        expect(caughtUpAfter).toEqual([5]);
      });

      it('calls onCaughtUp on an empty store, then delivers live events', async () => {
        const delivered: StoredEvent[] = [];
        let caughtUp = 0;
        subscribe({ onCaughtUp: () => void caughtUp++ }, (e) => void delivered.push(e));
        await waitFor(() => caughtUp === 1, 'onCaughtUp on an empty store');
        await append('customer-shop_a.c1', [registered('c1'), earned('c1', 2)]);
        await waitFor(() => delivered.length >= 2, '2 deliveries');
        expect(delivered.map((e) => e.type)).toEqual(['CustomerRegistered', 'PointsEarned']);
        expect(caughtUp).toBe(1);
      });

      it('from is exclusive: delivery starts after the given global position', async () => {
        await seed(10);
        const all = globalsOf(await readAll());
        const delivered: bigint[] = [];
        let caughtUp = false;
        subscribe({ from: all[3]!, onCaughtUp: () => (caughtUp = true) }, (e) => void delivered.push(e.metadata.globalPosition));
        await waitFor(() => caughtUp, 'onCaughtUp');
        expect(delivered).toEqual(all.slice(4));
        const fromStart: bigint[] = [];
        subscribe({ from: 0n }, (e) => void fromStart.push(e.metadata.globalPosition));
        await waitFor(() => fromStart.length >= 10, 'a subscription from 0');
        expect(fromStart).toEqual(all);
      });

      it('resumes from a recorded checkpoint exactly where the previous subscription stopped', async () => {
        await seed(12);
        const first: bigint[] = [];
        const one = subscribe({}, (e) => void first.push(e.metadata.globalPosition));
        await waitFor(() => first.length >= 4, '4 deliveries');
        await one.stop();
        const checkpoint = first[first.length - 1]!;
        await seed(6);
        const second: bigint[] = [];
        subscribe({ from: checkpoint }, (e) => void second.push(e.metadata.globalPosition));
        await waitFor(() => first.length + second.length >= 18, 'the rest of the log');
        await sleep(20);
        expect([...first, ...second]).toEqual(globalsOf(await readAll()));
      });

      it('stop() waits for the running handler, resolves done, and ends delivery', async () => {
        await seed(3);
        const delivered: bigint[] = [];
        let release!: () => void;
        const gate = new Promise<void>((resolve) => (release = resolve));
        let handlerFinished = false;
        const sub = subscribe({}, async (e) => {
          delivered.push(e.metadata.globalPosition);
          if (delivered.length === 1) {
            await gate;
            handlerFinished = true;
          }
        });
        await waitFor(() => delivered.length === 1, 'the first delivery');
        let stopped = false;
        const stopping = sub.stop().then(() => (stopped = true));
        await sleep(30);
        expect(stopped).toBe(false); // the handler is still running
        release();
        await stopping;
        expect(handlerFinished).toBe(true);
        await expect(sub.done).resolves.toBeUndefined();
        const count = delivered.length;
        await seed(3);
        await sleep(100);
        expect(count).toBe(1);
        expect(delivered.length).toBe(count);
      });

      it('a handler that throws rejects done with its error and gets nothing more', async () => {
        await seed(3);
        const boom = new Error('handler failed');
        const delivered: bigint[] = [];
        const sub = subscribe({}, (e) => {
          delivered.push(e.metadata.globalPosition);
          if (delivered.length === 2) throw boom;
        });
        const error = await failureOf(() => sub.done);
        expect(error === boom || (error as { cause?: unknown }).cause === boom, String(error)).toBe(true);
        await seed(2);
        await sleep(50);
        expect(delivered).toHaveLength(2);
      });

      it('delivers one event at a time, awaiting the handler, in global order', async () => {
        await seed(15);
        let inFlight = 0;
        let most = 0;
        const delivered: bigint[] = [];
        subscribe({}, async (e) => {
          inFlight++;
          most = Math.max(most, inFlight);
          await sleep(1);
          delivered.push(e.metadata.globalPosition);
          inFlight--;
        });
        for (let i = 0; i < 5; i++) void append('order-shop_a.o9', [placed('o9', 'c1', i)]);
        await waitFor(() => delivered.length >= 20, '20 deliveries');
        expect(most).toBe(1);
        expect(delivered).toEqual(globalsOf(await readAll()));
      });

      it('applies its filter to catch-up and live events alike', async () => {
        await append('order-shop_a.o1', [placed('o1', 'c1', 10)], 'any', { tenantId: 'shop_a' });
        await append('customer-shop_a.c1', [registered('c1')], 'any', { tenantId: 'shop_a' });
        await append('order-shop_b.o1', [placed('o1', 'c1', 20)], 'any', { tenantId: 'shop_b' });
        const delivered: StoredEvent[] = [];
        let caughtUp = false;
        subscribe({ filter: { categories: ['order'], tenantId: 'shop_a' }, onCaughtUp: () => (caughtUp = true) }, (e) => void delivered.push(e));
        await waitFor(() => caughtUp, 'onCaughtUp');
        await append('order-shop_b.o2', [placed('o2', 'c1', 30)], 'any', { tenantId: 'shop_b' });
        await append('customer-shop_a.c2', [registered('c2')], 'any', { tenantId: 'shop_a' });
        await append('order-shop_a.o2', [placed('o2', 'c2', 40)], 'any', { tenantId: 'shop_a' });
        await waitFor(() => delivered.length >= 2, '2 deliveries');
        await sleep(30);
        expect(delivered.map((e) => e.metadata.streamName)).toEqual(['order-shop_a.o1', 'order-shop_a.o2']);
      });
    });

    describe('idempotency and atomicity', () => {
      const s = 'customer-shop_a.c1';

      it('re-appending the same commandId writes nothing and returns the earlier positions', async () => {
        const first = await append(s, [registered('c1'), earned('c1', 5)], 'no_stream', { commandId: 'register-c1' });
        // a retry after a lost reply: same batch, same (now stale) expected version
        const again = await append(s, [registered('c1'), earned('c1', 5)], 'no_stream', { commandId: 'register-c1' });
        expect(again).toEqual({ nextExpectedVersion: 1n, lastGlobalPosition: first.lastGlobalPosition, alreadyAppended: true });
        expect(await readStream(s)).toHaveLength(2);
        expect(await readAll()).toHaveLength(2);
      });

      it('a commandId seen earlier in the stream is recognised after later appends', async () => {
        const first = await append(s, [registered('c1')], 'no_stream', { commandId: 'register-c1' });
        await append(s, [earned('c1', 1)], 0n, { commandId: 'earn-1' });
        const again = await append(s, [registered('c1')], 'any', { commandId: 'register-c1' });
        expect(again.alreadyAppended).toBe(true);
        expect(again.lastGlobalPosition).toBe(first.lastGlobalPosition);
        expect((await readStream(s)).map((e) => e.metadata.commandId)).toEqual(['register-c1', 'earn-1']);
      });

      it('a batch whose events carry two commandIds is refused', async () => {
        const batch = [...batchOf({ commandId: 'a' }, [registered('c1')]), ...batchOf({ commandId: 'b' }, [earned('c1', 1)])];
        const e = await failureOf(() => store.appendToStream(s, batch, { expectedVersion: 'any' }));
        expect(isRapportError(e, InvalidEvent.code), String(e)).toBe(true);
        expect(pathsOf(e)).toContain(JSON.stringify(['events', 1, 'metadata', 'commandId']));
        expect(await readAll()).toEqual([]);
      });

      it("concurrent batches with 'any' are each written whole, never interleaved", async () => {
        await append(s, [registered('c1')]);
        const batch = (n: number) => Array.from({ length: 25 }, (_, i) => earned('c1', n * 100 + i));
        await Promise.all([0, 1, 2, 3].map((n) => append(s, batch(n), 'any', { commandId: `batch-${n}` })));
        const events = (await readStream(s)).slice(1);
        expect(events).toHaveLength(100);
        for (let k = 0; k < 4; k++) {
          const run = events.slice(k * 25, k * 25 + 25);
          expect(new Set(run.map((e) => e.metadata.commandId)).size).toBe(1);
          const n = Number(run[0]!.metadata.commandId.slice('batch-'.length));
          expect(run.map((e) => (e.data as { points: number }).points)).toEqual(batch(n).map((e) => e.data.points));
          expect(strictlyIncreasing(globalsOf(run))).toBe(true);
        }
      });
    });

    describe('validation on append', () => {
      const s = 'customer-shop_a.c1';
      /** A store that already holds something, so "unchanged" means something. */
      const before = async () => {
        await append('order-shop_a.o1', [placed('o1', 'c1', 100)]);
        return readAll();
      };

      it('a data field of the wrong type is refused with its path; nothing of the batch is written', async () => {
        const kept = await before();
        const e = await failureOf(() => append(s, [registered('c1'), { type: 'PointsEarned', data: { customerId: 'c1', points: 'ten' } }]));
        expect(isRapportError(e, InvalidEvent.code), String(e)).toBe(true);
        expect(e).toMatchObject({ stream: s });
        expect(pathsOf(e)).toEqual([JSON.stringify(['events', 1, 'data', 'points'])]);
        expect(await readStream(s)).toEqual([]);
        expect(await readAll()).toEqual(kept);
        // the refused batch left no trace: the stream is still new
        expect((await append(s, [registered('c1')], 'no_stream')).nextExpectedVersion).toBe(0n);
      });

      it('an unknown event type is refused with the path of its type', async () => {
        const kept = await before();
        const e = await failureOf(() => append(s, [registered('c1'), { type: 'CouponIssued', data: { couponId: 'x' } }]));
        expect(isRapportError(e, InvalidEvent.code), String(e)).toBe(true);
        expect(pathsOf(e)).toEqual([JSON.stringify(['events', 1, 'type'])]);
        expect(await readAll()).toEqual(kept);
      });

      it('bad metadata is refused with the path of the field', async () => {
        const kept = await before();
        const batch = batchOf({ commandId: 'bad-meta' }, [registered('c1'), earned('c1', 1), earned('c1', 2)]);
        const broken = [
          batch[0]!,
          { ...batch[1]!, metadata: { ...batch[1]!.metadata, occurredAt: 'yesterday' } },
          { ...batch[2]!, metadata: { ...batch[2]!.metadata, tenantId: 'shop a.b' } },
        ] as typeof batch;
        const e = await failureOf(() => store.appendToStream(s, broken, { expectedVersion: 'any' }));
        expect(isRapportError(e, InvalidEvent.code), String(e)).toBe(true);
        expect(pathsOf(e)).toEqual([
          JSON.stringify(['events', 1, 'metadata', 'occurredAt']),
          JSON.stringify(['events', 2, 'metadata', 'tenantId']),
        ]);
        expect(await readAll()).toEqual(kept);
      });

      it('an event written at another schema version than its codec is refused', async () => {
        const kept = await before();
        const e = await failureOf(() => append(s, [earned('c1', 1)], 'any', { schemaVersion: 2 }));
        expect(isRapportError(e, InvalidEvent.code), String(e)).toBe(true);
        expect(pathsOf(e)).toEqual([JSON.stringify(['events', 0, 'metadata', 'schemaVersion'])]);
        expect(await readAll()).toEqual(kept);
      });
    });

    describe('hash chain and store time', () => {
      const s = 'customer-shop_a.c1';

      it('the chain of a stream verifies after a round trip', async () => {
        await append(s, [registered('c1', '张三'), earned('c1', 5)]);
        await append('order-shop_a.o1', [placed('o1', 'c1', 12_345)]);
        await append(s, [earned('c1', 7)]);
        expect(await verifyStreamChain(store.readStream(s, { raw: true }))).toEqual({ intact: true, events: 3 });
        expect(await verifyStreamChain(store.readStream('order-shop_a.o1', { raw: true }))).toEqual({ intact: true, events: 1 });
      });

      it('the chain continues across batches: prevHash of a batch is the hash of the one before', async () => {
        await append(s, [registered('c1'), earned('c1', 1)]);
        await append('customer-shop_a.c2', [registered('c2')]);
        await append(s, [earned('c1', 2), earned('c1', 3)]);
        const events = await readStream(s, { raw: true });
        expect(events[0]!.metadata.prevHash).toBe('0'.repeat(64));
        expect(events[2]!.metadata.prevHash).toBe(events[1]!.metadata.hash);
        expect(events[1]!.metadata.prevHash).toBe(events[0]!.metadata.hash);
        expect(new Set(events.map((e) => e.metadata.hash)).size).toBe(4);
        expect(events.every((e) => /^[0-9a-f]{64}$/.test(e.metadata.hash))).toBe(true);
      });

      it('recordedAt comes from the injected clock; occurredAt is kept as written', async () => {
        clock.set('2026-04-01T10:00:00.000Z');
        await append(s, [registered('c1'), earned('c1', 1)]);
        clock.set('2026-04-02T11:30:00.250Z');
        await append(s, [earned('c1', 2)]);
        const events = await readStream(s);
        expect(events.map((e) => e.metadata.recordedAt)).toEqual([
          '2026-04-01T10:00:00.000Z',
          '2026-04-01T10:00:00.000Z',
          '2026-04-02T11:30:00.250Z',
        ]);
        expect(events.every((e) => e.metadata.occurredAt === '2026-03-01T08:00:00.000Z')).toBe(true);
      });

      it('keeps every metadata field as written', async () => {
        const [written] = batchOf({ commandId: 'meta-1', tenantId: 'shop_a' }, [earned('c1', 1)]);
        await store.appendToStream(s, [written!], { expectedVersion: 'no_stream' });
        const [read] = await readStream(s);
        expect(read!.metadata).toMatchObject({ ...written!.metadata, streamName: s, streamPosition: 0n, recordedAt: BEGIN });
        expect(typeof read!.metadata.globalPosition).toBe('bigint');
      });
    });

    describe('validation on read', () => {
      const s = 'customer-shop_a.c1';

      // A generic adapter cannot be re-opened with another registry: `create` only gives a
      // fresh, empty store. So the suite keeps the registry it passed in and switches its
      // definitions, as a redeploy with new codecs would against the same stored rows; the
      // switch moves `registry.generation`, as any registration does. Raw reads must keep
      // returning what was written; other reads decode through the registry, so they upcast.
      it('upcasts events written at an older schema version when read, but not in raw reads', async () => {
        await append(s, [registered('c1'), earned('c1', 5)]);
        const rawBefore = await readStream(s, { raw: true });
        expect((await readStream(s))[1]!.data).toEqual({ customerId: 'c1', points: 5 }); // a store may cache this...
        registry.switchTo(upcastingRegistry()); // ...but the registry's generation moved: the cache must go
        const read = await readStream(s);
        expect(read[1]!.data).toEqual({ customerId: 'c1', points: 5, reason: UNRECORDED_REASON });
        expect(read[1]!.metadata.schemaVersion).toBe(1);
        expect(rawBefore.map((e) => registry.decode(e))).toEqual(read);
        expect((await readAll({ filter: { eventTypes: ['PointsEarned'] } }))[0]!.data).toEqual(read[1]!.data);
        const delivered: StoredEvent[] = [];
        subscribe({}, (e) => void delivered.push(e));
        await waitFor(() => delivered.length >= 2, 'the subscription');
        expect(delivered[1]!.data).toEqual(read[1]!.data);
        const raw = await readStream(s, { raw: true });
        expect(raw).toEqual(rawBefore);
        expect(raw[1]!.data).toEqual({ customerId: 'c1', points: 5 });
        expect(await verifyStreamChain(store.readStream(s, { raw: true }))).toEqual({ intact: true, events: 2 });
        // the new release writes version 2 and refuses version 1
        await append(s, [{ type: 'PointsEarned', data: { customerId: 'c1', points: 1, reason: 'birthday' } }], 1n, { schemaVersion: 2 });
        const old = await failureOf(() => append(s, [earned('c1', 1)], 'any', { schemaVersion: 1 }));
        expect(isRapportError(old, InvalidEvent.code), String(old)).toBe(true);
      });

      it('a stored event that no longer decodes is a CorruptEvent naming stream and position', async () => {
        await append(s, [earned('c1', 1), earned('c1', 2)]);
        await append(s, [registered('c1')]);
        expect(await readStream(s)).toHaveLength(3);
        registry.switchTo(forgetfulRegistry());
        const e = await failureOf(() => readStream(s));
        expect(isRapportError(e, CorruptEvent.code), String(e)).toBe(true);
        expect(e).toMatchObject({ stream: s, position: 2n });
        expect(isRapportError(await failureOf(() => readAll()), CorruptEvent.code)).toBe(true);
        expect(await readStream(s, { raw: true })).toHaveLength(3);
        expect(await readStream(s, { to: 1n })).toHaveLength(2);
      });
    });

    describe('lifecycle', () => {
      it('after close, appends and reads reject with StoreUnavailable and subscriptions end', async () => {
        await seed(2);
        let caughtUp = false;
        const sub = subscribe({ onCaughtUp: () => (caughtUp = true) }, () => undefined);
        await waitFor(() => caughtUp, 'onCaughtUp');
        await store.close();
        const ended = await Promise.race([sub.done.then(() => 'ended', () => 'ended'), sleep(5_000).then(() => 'running')]);
        expect(ended).toBe('ended');
        const append1 = await failureOf(() => append('customer-shop_a.c1', [earned('c1', 1)]));
        expect(isRapportError(append1, StoreUnavailable.code), String(append1)).toBe(true);
        const read = await failureOf(() => readAll());
        expect(isRapportError(read, StoreUnavailable.code), String(read)).toBe(true);
      });
    });

    it(
      `a stream of ${bigStreamSize} events, appended in batches, reads back intact`,
      async () => {
        const s = 'loyalty-shop_a.big';
        const batchSize = 1_000;
        let expected: ExpectedVersion = 'no_stream';
        for (let start = 0; start < bigStreamSize; start += batchSize) {
          const n = Math.min(batchSize, bigStreamSize - start);
          const events = Array.from({ length: n }, (_, i) => earned('big', start + i));
          expected = (await append(s, events, expected, { commandId: `big-${start}` })).nextExpectedVersion;
        }
        expect(expected).toBe(BigInt(bigStreamSize - 1));
        let count = 0;
        let lastGlobal = 0n;
        for await (const e of store.readStream(s)) {
          if (e.metadata.streamPosition !== BigInt(count) || (e.data as { points: number }).points !== count || e.metadata.globalPosition <= lastGlobal)
            throw new Error(`event ${count} is out of order or changed: ${JSON.stringify(e.data)} at ${e.metadata.streamPosition}`);
          lastGlobal = e.metadata.globalPosition;
          count++;
        }
        expect(count).toBe(bigStreamSize);
        expect(await verifyStreamChain(store.readStream(s, { raw: true }))).toEqual({ intact: true, events: bigStreamSize });
        const tail = await readStream(s, { direction: 'backward', limit: 3 });
        expect(positionsOf(tail)).toEqual([1, 2, 3].map((k) => BigInt(bigStreamSize - k)));
      },
      600_000,
    );
  });
};
