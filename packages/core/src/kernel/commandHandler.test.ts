import { describe, expect, it } from 'vitest';
import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { MemoryEventStore } from '@rapport/memory';
import { tagged } from './codecs.js';
import { fixedClock } from './clock.js';
import type { Handled } from './command.js';
import { createCommandHandler, type CommandHandlerDefinition } from './commandHandler.js';
import { ConcurrencyRetriesExhausted, isRapportError, StoreUnavailable, WrongExpectedVersion, type CrmError } from './errors.js';
import { deriveId } from './ids.js';
import {
  AccountClosed,
  accountDecider,
  AccountId,
  accountDefinition,
  AccountOpened,
  accountHandler,
  accountStore,
  accountStream,
  allEvents,
  close,
  collect,
  earn,
  meta,
  open,
  PointsEarned,
  PointsRedeemed,
  redeem,
  T0,
  TENANT,
  type AccountEvent,
} from './loyaltyAccount.fixture.js';
import { fold } from './decider.js';
import { eventRegistry, EventRegistry } from './registry.js';
import { streamName } from './streams.js';
import { spyStore } from './storeSpy.fixture.js';

const right = <A>(r: E.Either<CrmError, A>): A => {
  if (E.isLeft(r)) throw new Error(`expected Right, got ${r.left.code}: ${r.left.message}`);
  return r.right;
};
const left = <A>(r: E.Either<CrmError, A>): CrmError => {
  if (E.isRight(r)) throw new Error(`expected Left, got ${JSON.stringify(r.right, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}`);
  return r.left;
};
const balanceOf = async (store: ReturnType<typeof accountStore>['store'], accountId: string) =>
  fold(accountDecider, accountDecider.initialState(), await collect(store.readStream<AccountEvent>(accountStream(accountId)))).balance;

describe('command handler: refusals write nothing', () => {
  const bad: [string, unknown, (string | number)[]][] = [
    ['an unknown command type', { type: 'Fly', data: { accountId: 'a1', points: 1 }, metadata: meta('c1') }, ['type']],
    ['a missing field', { type: 'Earn', data: { accountId: 'a1' }, metadata: meta('c1') }, ['data', 'points']],
    ['a bad field', { type: 'Earn', data: { accountId: 'a1', points: 0 }, metadata: meta('c1') }, ['data', 'points']],
    ['a bad id', { type: 'Earn', data: { accountId: 'a.1', points: 3 }, metadata: meta('c1') }, ['data', 'accountId']],
    ['no data', { type: 'Earn', metadata: meta('c1') }, ['data']],
    ['a bad tenant', earn('a1', 1, 'c1', { tenantId: 'shop.a' }), ['metadata', 'tenantId']],
    ['an empty commandId', earn('a1', 1, ''), ['metadata', 'commandId']],
    ['an unknown actor kind', { ...earn('a1', 1, 'c1'), metadata: { ...meta('c1'), actor: { kind: 'robot', id: 'r' } } }, ['metadata', 'actor', 'kind']],
    ['an occurredAt not in toISOString form', earn('a1', 1, 'c1', { occurredAt: '2026-03-01 08:00' }), ['metadata', 'occurredAt']],
    ['an impossible occurredAt', earn('a1', 1, 'c1', { occurredAt: '2026-13-01T00:00:00.000Z' }), ['metadata', 'occurredAt']],
    ['no metadata', { type: 'Earn', data: { accountId: 'a1', points: 1 } }, ['metadata']],
  ];
  it.each(bad)('%s is a ValidationError naming the path', async (_why, command, path) => {
    const { store, registry } = accountStore();
    const h = accountHandler(store, registry);
    const e = left(await h.handle(command as never));
    expect(e.kind).toBe('ValidationError');
    expect(e.kind === 'ValidationError' && e.issues.map((i) => i.path)).toContainEqual(path);
    expect(await allEvents(store)).toEqual([]);
  });

  it('a null command is a ValidationError', async () => {
    const { store, registry } = accountStore();
    expect(left(await accountHandler(store, registry).handle(null as never)).kind).toBe('ValidationError');
  });

  it('a domain refusal is a DomainError with its path, and nothing is appended', async () => {
    const { store, registry } = accountStore();
    const h = accountHandler(store, registry);
    right(await h.handle(open('a1', 20, 'c1')));
    const before = await allEvents(store);
    expect(left(await h.handle(redeem('a1', 21, 'c2')))).toMatchObject({ kind: 'DomainError', code: 'POINTS_INSUFFICIENT', path: ['data', 'points'] });
    expect(left(await h.handle(open('a1', 5, 'c3')))).toMatchObject({ code: 'ACCOUNT_EXISTS', path: ['data', 'accountId'] });
    expect(await allEvents(store)).toEqual(before);
  });

  it('events the decider got wrong are refused as a ValidationError, and nothing is appended', async () => {
    const { store, registry } = accountStore();
    const buggy = createCommandHandler(
      { ...accountDefinition, name: 'loyalty.buggy', decider: { ...accountDecider, decide: () => E.right([{ type: 'PointsEarned', data: { accountId: 'a1', points: -1 } }]) } } as typeof accountDefinition,
      { eventStore: store, registry, clock: fixedClock(T0) },
    );
    const e = left(await buggy.handle(earn('a1', 1, 'c1')));
    expect(e.kind === 'ValidationError' && e.issues.map((i) => i.path)).toEqual([['events', 0, 'data', 'points']]);
    expect(e.message).toContain('loyalty.buggy');
    expect(store.size).toBe(0);
  });

  it('a command the decider accepts with no events appends nothing', async () => {
    const { store, registry } = accountStore();
    const h = accountHandler(store, registry);
    right(await h.handle(close('a1', 'c1')));
    const r = right(await h.handle(close('a1', 'c2')));
    expect(r).toMatchObject({ events: [], duplicate: false, nextExpectedVersion: 0n, lastGlobalPosition: 1n });
    expect(store.size).toBe(1);
  });
});

describe('command handler: accepted commands', () => {
  it('appends the decided events with positions and answers where they went', async () => {
    const { store, registry } = accountStore();
    const h = accountHandler(store, registry);
    const r = right(await h.handle(open('a1', 20, 'c1')));
    expect(r).toEqual({
      stream: accountStream('a1'),
      commandId: 'c1',
      events: [{ type: 'AccountOpened', data: { accountId: 'a1' } }, { type: 'PointsEarned', data: { accountId: 'a1', points: 20 } }],
      nextExpectedVersion: 1n,
      lastGlobalPosition: 2n,
      duplicate: false,
    } satisfies Handled);
    right(await h.handle(open('a2', 5, 'c2')));
    expect(right(await h.handle(redeem('a1', 15, 'c3')))).toMatchObject({ nextExpectedVersion: 2n, lastGlobalPosition: 5n });
    expect(await balanceOf(store, 'a1')).toBe(5);
  });

  it('metadata: tenant and actor from the command, correlation and causation default to the commandId', async () => {
    const { store, registry } = accountStore();
    right(await accountHandler(store, registry, { clock: fixedClock('2026-05-05T05:05:05.005Z') }).handle(earn('a1', 3, 'c1')));
    const [e] = await allEvents(store);
    expect(e!.metadata).toMatchObject({
      tenantId: TENANT,
      actor: { kind: 'user', id: 'clerk-1' },
      commandId: 'c1',
      correlationId: 'c1',
      causationId: 'c1',
      occurredAt: '2026-05-05T05:05:05.005Z', // the injected clock: the command said no time
      recordedAt: T0, // the store's clock
      schemaVersion: 1,
    });
  });

  it('occurredAt, correlationId and causationId come from the command metadata when given', async () => {
    const { store, registry } = accountStore();
    const h = accountHandler(store, registry, { clock: fixedClock('2026-05-05T05:05:05.005Z') });
    right(await h.handle(open('a1', 3, 'c1', { occurredAt: '2026-01-31T16:00:00.000Z', correlationId: 'order-9', causationId: 'evt-7' })));
    for (const e of await allEvents(store))
      expect(e.metadata).toMatchObject({ occurredAt: '2026-01-31T16:00:00.000Z', correlationId: 'order-9', causationId: 'evt-7' });
  });

  it('eventIds are uuid v5 of stream, commandId and index: the same in any store', async () => {
    const ids = async () => {
      const { store, registry } = accountStore();
      right(await accountHandler(store, registry).handle(open('a1', 3, 'c1')));
      return (await allEvents(store)).map((e) => e.metadata.eventId);
    };
    const first = await ids();
    expect(await ids()).toEqual(first);
    expect(first).toEqual([deriveId(accountStream('a1'), 'c1', '0'), deriveId(accountStream('a1'), 'c1', '1')]);
    expect(new Set(first).size).toBe(2);
    for (const id of first) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('writes each event at the schema version its registry names', async () => {
    const registry = new EventRegistry()
      .register('AccountOpened', AccountOpened.props.data)
      .register('PointsEarned', PointsEarned.props.data, { schemaVersion: 2, upcasters: { 1: (d) => d } })
      .register('PointsRedeemed', PointsRedeemed.props.data)
      .register('AccountClosed', AccountClosed.props.data);
    const { store } = accountStore(fixedClock(T0), registry);
    right(await accountHandler(store, registry).handle(open('a1', 3, 'c1')));
    expect((await allEvents(store)).map((e) => [e.type, e.metadata.schemaVersion])).toEqual([
      ['AccountOpened', 1],
      ['PointsEarned', 2],
    ]);
  });

  it('commands to one stream through one handler are serialised: no conflicts', async () => {
    const { store: inner, registry } = accountStore();
    const { store, appends } = spyStore(inner);
    const h = accountHandler(store, registry);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => h.handle(earn('a1', i + 1, `c${i}`))));
    results.forEach((r) => right(r));
    expect(appends).toHaveLength(10);
    expect(await balanceOf(inner, 'a1')).toBe(55);
  });
});

describe('command handler: the same commandId twice', () => {
  it('answers the second time with the first result and appends nothing', async () => {
    const { store, registry } = accountStore();
    const h = accountHandler(store, registry);
    const first = right(await h.handle(open('a1', 20, 'c1')));
    right(await h.handle(earn('a1', 5, 'c2')));
    const size = store.size;
    const again = right(await h.handle(open('a1', 20, 'c1')));
    expect(again).toEqual({ ...first, nextExpectedVersion: 2n, duplicate: true });
    expect(store.size).toBe(size);
  });

  it('also through another handler instance, fresh or with a stale cache', async () => {
    const { store, registry } = accountStore();
    const a = accountHandler(store, registry);
    const b = accountHandler(store, registry);
    right(await b.handle(open('a1', 20, 'c0'))); // b caches the stream at version 1
    const first = right(await a.handle(earn('a1', 7, 'c1')));
    const size = store.size;
    const fromStale = right(await b.handle(earn('a1', 7, 'c1')));
    const fromFresh = right(await accountHandler(store, registry).handle(earn('a1', 7, 'c1')));
    for (const r of [fromStale, fromFresh]) expect(r).toMatchObject({ duplicate: true, events: first.events, lastGlobalPosition: first.lastGlobalPosition });
    expect(store.size).toBe(size);
    expect(await balanceOf(store, 'a1')).toBe(27);
  });

  it('a store that reports the batch as already appended gets the earlier result back', async () => {
    const { store: inner, registry } = accountStore();
    const other = accountHandler(inner, registry);
    // this handler's cache goes stale between its decision and its append
    const { store } = spyStore(inner, async (stream, events, options) => {
      right(await other.handle(earn('a1', 4, 'c1')));
      return inner.appendToStream(stream, events, options);
    });
    const h = accountHandler(store, registry);
    const r = right(await h.handle(earn('a1', 4, 'c1')));
    expect(r).toMatchObject({ duplicate: true, events: [{ type: 'PointsEarned', data: { accountId: 'a1', points: 4 } }] });
    expect(inner.size).toBe(1);
  });
});

describe('command handler: concurrency', () => {
  it('a refusal resting on a stale cache is decided again on fresh state', async () => {
    const { store, registry } = accountStore();
    const a = accountHandler(store, registry);
    const b = accountHandler(store, registry);
    right(await a.handle(open('a1', 10, 'c1'))); // a caches balance 10
    right(await b.handle(earn('a1', 50, 'c2')));
    expect(right(await a.handle(redeem('a1', 40, 'c3'))).events).toEqual([{ type: 'PointsRedeemed', data: { accountId: 'a1', points: 40 } }]);
    expect(await balanceOf(store, 'a1')).toBe(20);
    // and a refusal that holds on fresh state stays a refusal
    expect(left(await a.handle(redeem('a1', 21, 'c4')))).toMatchObject({ code: 'POINTS_INSUFFICIENT' });
  });

  it('a "nothing to do" resting on a stale cache is decided again on fresh state', async () => {
    // a member's tier: SetTier appends only when the tier changes
    const TierSet = tagged('TierSet', { memberId: AccountId, tier: t.keyof({ gold: null, silver: null }) });
    const SetTier = tagged('SetTier', TierSet.props.data.props);
    const registry = eventRegistry(TierSet);
    const store = new MemoryEventStore({ registry, clock: fixedClock(T0) });
    const definition: CommandHandlerDefinition<string | undefined, t.TypeOf<typeof SetTier>, t.TypeOf<typeof TierSet>> = {
      name: 'loyalty.tier',
      commands: SetTier,
      decider: {
        initialState: () => undefined,
        decide: (c, tier) => E.right(c.data.tier === tier ? [] : [{ type: 'TierSet', data: c.data }]),
        evolve: (_, e) => e.data.tier,
      },
      streamOf: (c, tenantId) => streamName('member', tenantId, c.data.memberId),
    };
    const a = createCommandHandler(definition, { eventStore: store, registry, clock: fixedClock(T0) });
    const b = createCommandHandler(definition, { eventStore: store, registry, clock: fixedClock(T0) });
    const setTier = (tier: 'gold' | 'silver', commandId: string) => ({ type: 'SetTier' as const, data: { memberId: 'm1', tier }, metadata: meta(commandId) });
    right(await a.handle(setTier('gold', 'c1'))); // a caches gold
    right(await b.handle(setTier('silver', 'c2')));
    expect(right(await a.handle(setTier('gold', 'c3'))).events).toEqual([{ type: 'TierSet', data: { memberId: 'm1', tier: 'gold' } }]);
    const tiers = (await collect(store.readStream<t.TypeOf<typeof TierSet>>(streamName('member', TENANT, 'm1')))).map((e) => e.data.tier);
    expect(tiers).toEqual(['gold', 'silver', 'gold']);
  });

  it('a version conflict is retried on the newer events', async () => {
    const { store: inner, registry } = accountStore();
    const { store, appends, reads } = spyStore(inner);
    const a = accountHandler(store, registry);
    const b = accountHandler(inner, registry);
    right(await a.handle(open('a1', 10, 'c1')));
    right(await b.handle(earn('a1', 5, 'c2')));
    // accepted on a's stale state (version 1), so the append conflicts
    const r = right(await a.handle(earn('a1', 15, 'c3')));
    expect(r).toMatchObject({ nextExpectedVersion: 3n, duplicate: false });
    expect(appends.slice(1).map((x) => x.expectedVersion)).toEqual([1n, 2n]);
    // the retry read only what was new, never the whole stream again
    expect(reads.map((x) => x.from)).toEqual([0n, 2n]);
    expect(await balanceOf(inner, 'a1')).toBe(30);
  });

  it('a store that always conflicts ends in ConcurrencyRetriesExhausted after maxRetries + 1 attempts', async () => {
    const { store: inner, registry } = accountStore();
    const { store, appends } = spyStore(inner, async (stream) => {
      throw new WrongExpectedVersion(stream, '0', 1n);
    });
    const h = accountHandler(store, registry, { maxRetries: 3 });
    const err = await h.handle(earn('a1', 1, 'c1')).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isRapportError(err, ConcurrencyRetriesExhausted.code)).toBe(true);
    expect(err).toMatchObject({ stream: accountStream('a1'), attempts: 4 });
    expect(isRapportError((err as Error).cause, WrongExpectedVersion.code)).toBe(true);
    expect(appends).toHaveLength(4);
    expect(inner.size).toBe(0);
  });

  it('retries 10 times by default', async () => {
    const { store: inner, registry } = accountStore();
    const { store, appends } = spyStore(inner, async (stream) => {
      throw new WrongExpectedVersion(stream, 'no_stream', 0n);
    });
    await expect(accountHandler(store, registry).handle(earn('a1', 1, 'c1'))).rejects.toMatchObject({ attempts: 11 });
    expect(appends).toHaveLength(11);
  });

  it('a store failure rejects, and the stream is read again from the start next time', async () => {
    const { store: inner, registry } = accountStore();
    let down = false;
    const { store, reads } = spyStore(inner, (stream, events, options) =>
      down ? Promise.reject(new StoreUnavailable('connection reset')) : inner.appendToStream(stream, events, options),
    );
    const h = accountHandler(store, registry);
    right(await h.handle(open('a1', 10, 'c1')));
    down = true;
    await expect(h.handle(earn('a1', 1, 'c2'))).rejects.toSatisfy((e: unknown) => isRapportError(e, StoreUnavailable.code));
    down = false;
    right(await h.handle(earn('a1', 2, 'c3')));
    expect(reads.map((r) => r.from)).toEqual([0n, 0n]);
    expect(await balanceOf(inner, 'a1')).toBe(12);
  });

  it('with cacheSize 2 and 5 streams every decision is still right', async () => {
    const { store: inner, registry } = accountStore();
    const { store, reads } = spyStore(inner);
    const h = accountHandler(store, registry, { cacheSize: 2 });
    const model = new Map<string, number>();
    for (let i = 0; i < 40; i++) {
      const id = `a${i % 5}`;
      const balance = model.get(id) ?? 0;
      const points = ((i * 7) % 13) + 1;
      if (i % 3 === 2) {
        const r = await h.handle(redeem(id, points, `c${i}`));
        if (points > balance) expect(left(r)).toMatchObject({ code: 'POINTS_INSUFFICIENT' });
        else {
          right(r);
          model.set(id, balance - points);
        }
      } else {
        right(await h.handle(earn(id, points, `c${i}`)));
        model.set(id, balance + points);
      }
    }
    // an early command sent again after its stream was evicted is still recognised
    expect(right(await h.handle(earn('a0', 1, 'c0'))).duplicate).toBe(true);
    for (const [id, balance] of model) expect(await balanceOf(inner, id)).toBe(balance);
    expect(reads.length).toBeGreaterThan(5); // evicted streams were read again
  });

  it('invalidate forgets cached streams', async () => {
    const { store: inner, registry } = accountStore();
    const { store, reads } = spyStore(inner);
    const h = accountHandler(store, registry);
    right(await h.handle(earn('a1', 1, 'c1')));
    right(await h.handle(earn('a2', 1, 'c2')));
    h.invalidate(accountStream('a1'));
    right(await h.handle(earn('a1', 1, 'c3')));
    right(await h.handle(earn('a2', 1, 'c4')));
    expect(reads.map((r) => [r.stream, r.from])).toEqual([
      [accountStream('a1'), 0n],
      [accountStream('a2'), 0n],
      [accountStream('a1'), 0n],
    ]);
    h.invalidate();
    right(await h.handle(earn('a2', 1, 'c5')));
    expect(reads.at(-1)).toEqual({ stream: accountStream('a2'), from: 0n });
    expect(await balanceOf(inner, 'a2')).toBe(3);
  });
});
