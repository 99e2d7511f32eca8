import { describe, expect, it, vi } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { MemoryReadModelStore } from '@rapport/memory';
import type { StoredEvent } from './envelope.js';
import { isRapportError, ProjectionFailed, StoreUnavailable } from './errors.js';
import {
  accountHandler,
  accountStore,
  allEvents,
  close,
  documentsOf,
  earn,
  open,
  pointsBalance,
  pointsLedger,
  SHOP_TOTAL,
  TENANT,
  type AccountEvent,
} from './loyaltyAccount.fixture.js';
import { foldProjection, type Projection } from './projection.js';
import { ProjectionRunner } from './projectionRunner.js';
import type { Checkpoint, DocumentChange, DocumentQuery, ReadModelStore } from './readModelStore.js';

const IDS = ['a0', 'a1', 'a2', 'a3', SHOP_TOTAL];

/** A ReadModelStore that records commits and resets, and can be made to fail its commits. */
const spyReadModels = (inner: ReadModelStore = new MemoryReadModelStore()) => {
  const commits: { projection: string; position: bigint; changes: number }[] = [];
  const resets: string[] = [];
  const state = { failing: false };
  const readModels: ReadModelStore = {
    get: <T>(projection: string, tenantId: string, id: string) => inner.get<T>(projection, tenantId, id),
    commit: async (projection: string, changes: readonly DocumentChange[], checkpoint: Checkpoint) => {
      if (state.failing) throw new StoreUnavailable('read-model database is down');
      commits.push({ projection, position: checkpoint.position, changes: changes.length });
      await inner.commit(projection, changes, checkpoint);
    },
    checkpoint: (projection) => inner.checkpoint(projection),
    reset: async (projection) => {
      resets.push(projection);
      await inner.reset(projection);
    },
    query: <T>(projection: string, tenantId: string, query?: DocumentQuery) => inner.query<T>(projection, tenantId, query),
    close: () => inner.close(),
  };
  return { readModels, commits, resets, state, inner };
};

/** A store holding `earns` one-event commands spread over accounts a0..a3. */
const seeded = async (earns: readonly number[]) => {
  const { store, registry } = accountStore();
  const handler = accountHandler(store, registry);
  for (const [i, points] of earns.entries()) expect(E.isRight(await handler.handle(earn(`a${i % 4}`, points, `seed-${i}`)))).toBe(true);
  return { store, registry, handler };
};

const expectedDocs = async <S>(store: ReturnType<typeof accountStore>['store'], p: Projection<S, AccountEvent>) =>
  Object.fromEntries(foldProjection(p, await allEvents(store)));

const withTimeout = (p: Promise<unknown>, what: string, ms = 500): Promise<unknown> =>
  Promise.race([p, new Promise((_, reject) => setTimeout(() => reject(new Error(`${what}: still pending after ${ms} ms`)), ms))]);

const rejection = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );

describe('projection runner: catch-up', () => {
  it('commits documents and checkpoint once per batch', async () => {
    const { store } = await seeded([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const { readModels, commits } = spyReadModels();
    const runner = new ProjectionRunner({ eventStore: store, readModels, projections: [pointsBalance], batchSize: 3 });
    expect(await runner.catchUp()).toBe(10n);
    expect(commits.map((c) => c.position)).toEqual([3n, 6n, 9n, 10n]);
    expect(await readModels.checkpoint(pointsBalance.name)).toEqual({ position: 10n, version: 1 });
    expect(await documentsOf(readModels, pointsBalance.name, [TENANT], IDS)).toEqual(await expectedDocs(store, pointsBalance));
    expect(await runner.catchUp()).toBe(10n);
    expect(commits).toHaveLength(4); // nothing new, nothing committed
  });

  it('a batch size dividing the event count commits no empty batch', async () => {
    const { store } = await seeded([1, 2, 3, 4, 5, 6]);
    const { readModels, commits } = spyReadModels();
    await new ProjectionRunner({ eventStore: store, readModels, projections: [pointsBalance], batchSize: 3 }).catchUp();
    expect(commits.map((c) => c.position)).toEqual([3n, 6n]);
  });

  it('resumes after a restart from the checkpoint: no event applied twice', async () => {
    const { store, handler } = await seeded([1, 2, 3, 4, 5]);
    const { readModels } = spyReadModels();
    await new ProjectionRunner({ eventStore: store, readModels, projections: [pointsBalance, pointsLedger] }).catchUp();
    for (const [i, points] of [6, 7, 8].entries()) await handler.handle(earn(`a${i}`, points, `later-${i}`));
    const apply = vi.fn(pointsBalance.apply);
    const restarted = new ProjectionRunner({ eventStore: store, readModels, projections: [{ ...pointsBalance, apply }, pointsLedger] });
    expect(await restarted.catchUp()).toBe(8n);
    expect(apply).toHaveBeenCalledTimes(3);
    expect(await documentsOf(readModels, pointsBalance.name, [TENANT], IDS)).toEqual(await expectedDocs(store, pointsBalance));
    expect(await documentsOf(readModels, pointsLedger.name, [TENANT], IDS)).toEqual(await expectedDocs(store, pointsLedger));
  });

  it('a projection added later starts from 0 while the others resume', async () => {
    const { store } = await seeded([1, 2, 3]);
    const { readModels } = spyReadModels();
    await new ProjectionRunner({ eventStore: store, readModels, projections: [pointsBalance] }).catchUp();
    const balanceApply = vi.fn(pointsBalance.apply);
    const ledgerApply = vi.fn(pointsLedger.apply);
    await new ProjectionRunner({
      eventStore: store,
      readModels,
      projections: [{ ...pointsBalance, apply: balanceApply }, { ...pointsLedger, apply: ledgerApply }],
    }).catchUp();
    expect(balanceApply).not.toHaveBeenCalled();
    expect(ledgerApply).toHaveBeenCalledTimes(6); // 3 events, 2 documents each
    expect(await documentsOf(readModels, pointsLedger.name, [TENANT], IDS)).toEqual(await expectedDocs(store, pointsLedger));
  });

  it('keyOf may name several documents', async () => {
    const { store } = await seeded([10, 20, 30, 40, 50]);
    const readModels = new MemoryReadModelStore();
    await new ProjectionRunner({ eventStore: store, readModels, projections: [pointsLedger] }).catchUp();
    expect(await readModels.get(pointsLedger.name, TENANT, SHOP_TOTAL)).toEqual({ points: 150, events: 5 });
    expect(await readModels.get(pointsLedger.name, TENANT, 'a0')).toEqual({ points: 60, events: 2 });
  });

  it('feeds a projection only the events it reads, and keyOf undefined skips an event', async () => {
    const { store, registry } = accountStore();
    const h = accountHandler(store, registry);
    await h.handle(open('a0', 5, 'c1')); // AccountOpened is not a ledger event
    await h.handle(earn('a0', 7, 'c2'));
    const onlyBig: Projection<number, AccountEvent> = {
      name: 'loyalty.bigEarns',
      version: 1,
      events: ['PointsEarned'],
      init: () => 0,
      keyOf: (e) => (e.type === 'PointsEarned' && e.data.points > 5 ? e.data.accountId : undefined),
      apply: (n) => n + 1,
    };
    const readModels = new MemoryReadModelStore();
    await new ProjectionRunner({ eventStore: store, readModels, projections: [pointsLedger, onlyBig] }).catchUp();
    expect(await readModels.get(pointsLedger.name, TENANT, 'a0')).toEqual({ points: 12, events: 2 });
    expect(await readModels.get(onlyBig.name, TENANT, 'a0')).toBe(1);
  });

  it('commits nothing for a projection the new events do not touch, until batchSize of them have passed', async () => {
    const { store, registry } = accountStore();
    const h = accountHandler(store, registry);
    const { readModels, commits } = spyReadModels();
    const bigEarns: Projection<number, AccountEvent> = {
      name: 'loyalty.bigEarns',
      version: 1,
      events: ['PointsEarned'],
      init: () => 0,
      keyOf: (e) => (e.type === 'PointsEarned' && e.data.points > 50 ? e.data.accountId : undefined),
      apply: (n) => n + 1,
    };
    const runner = new ProjectionRunner({ eventStore: store, readModels, projections: [pointsLedger, bigEarns], batchSize: 3 });
    const of = (name: string) => commits.filter((c) => c.projection === name).map((c) => [c.position, c.changes]);
    await h.handle(earn('a0', 60, 'c1'));
    await runner.catchUp();
    expect(of(bigEarns.name)).toEqual([[1n, 1]]);
    // small earns: the ledger changes every time, bigEarns not at all
    for (const i of [2, 3]) {
      await h.handle(earn('a0', 5, `c${i}`));
      await runner.catchUp();
    }
    expect(of(pointsLedger.name).map(([at]) => at)).toEqual([1n, 2n, 3n]);
    expect(of(bigEarns.name)).toEqual([[1n, 1]]);
    // the third untouched event since its last commit: the checkpoint alone moves, once
    await h.handle(earn('a0', 5, 'c4'));
    await runner.catchUp();
    expect(of(bigEarns.name)).toEqual([[1n, 1], [4n, 0]]);
    // a restart resumes each projection from its own checkpoint and ends where an uninterrupted run would
    await h.handle(earn('a0', 5, 'c5'));
    await new ProjectionRunner({ eventStore: store, readModels, projections: [pointsLedger, bigEarns], batchSize: 3 }).catchUp();
    expect(await readModels.get(bigEarns.name, TENANT, 'a0')).toBe(1);
    expect(await readModels.get(pointsLedger.name, TENANT, 'a0')).toEqual({ points: 80, events: 5 });
  });

  it('apply returning null deletes the document', async () => {
    const { store, registry } = accountStore();
    const h = accountHandler(store, registry);
    await h.handle(open('a0', 5, 'c1'));
    await h.handle(open('a1', 6, 'c2'));
    const readModels = new MemoryReadModelStore();
    const runner = new ProjectionRunner({ eventStore: store, readModels, projections: [pointsBalance], batchSize: 2 });
    await runner.catchUp();
    expect(await readModels.get(pointsBalance.name, TENANT, 'a0')).toEqual({ balance: 5, earned: 5, redeemed: 0 });
    await h.handle(close('a0', 'c3'));
    await runner.catchUp();
    expect(await readModels.get(pointsBalance.name, TENANT, 'a0')).toBeUndefined();
    expect(await readModels.get(pointsBalance.name, TENANT, 'a1')).toEqual({ balance: 6, earned: 6, redeemed: 0 });
  });

  it('keeps tenants apart', async () => {
    const { store, registry } = accountStore();
    const h = accountHandler(store, registry);
    await h.handle(earn('a0', 5, 'c1'));
    await h.handle(earn('a0', 7, 'c2', { tenantId: 'shop_b' }));
    const readModels = new MemoryReadModelStore();
    await new ProjectionRunner({ eventStore: store, readModels, projections: [pointsLedger] }).catchUp();
    expect(await documentsOf(readModels, pointsLedger.name, [TENANT, 'shop_b'], IDS)).toEqual({
      'shop_a/a0': { points: 5, events: 1 },
      'shop_a/shop-total': { points: 5, events: 1 },
      'shop_b/a0': { points: 7, events: 1 },
      'shop_b/shop-total': { points: 7, events: 1 },
    });
  });

  it('refuses two projections with one name', () =>
    expect(() => new ProjectionRunner({ eventStore: accountStore().store, readModels: new MemoryReadModelStore(), projections: [pointsLedger, pointsLedger] })).toThrow(
      /registered twice/,
    ));
});

describe('projection runner: versions and rebuilds', () => {
  it('a new version of a projection is rebuilt from position 0', async () => {
    const { store } = await seeded([1, 2, 3, 4]);
    const { readModels, resets } = spyReadModels();
    await new ProjectionRunner({ eventStore: store, readModels, projections: [pointsLedger] }).catchUp();
    expect(await readModels.get(pointsLedger.name, TENANT, SHOP_TOTAL)).toBeDefined();
    // version 2 no longer keeps a shop total
    const v2: Projection<{ points: number; events: number }, AccountEvent> = { ...pointsLedger, version: 2, keyOf: (e) => e.data.accountId };
    const runner = new ProjectionRunner({ eventStore: store, readModels, projections: [v2] });
    expect(await runner.catchUp()).toBe(4n);
    expect(resets).toEqual([pointsLedger.name]);
    expect(await readModels.checkpoint(v2.name)).toEqual({ position: 4n, version: 2 });
    expect(await documentsOf(readModels, v2.name, [TENANT], IDS)).toEqual(await expectedDocs(store, v2));
    expect(await readModels.get(v2.name, TENANT, SHOP_TOTAL)).toBeUndefined();
  });

  it('rebuild(name) drops and rebuilds that projection only', async () => {
    const { store } = await seeded([1, 2, 3, 4, 5]);
    const { readModels, resets, commits } = spyReadModels();
    const runner = new ProjectionRunner({ eventStore: store, readModels, projections: [pointsBalance, pointsLedger] });
    await runner.catchUp();
    // a document that events do not explain (a bug in an earlier release, a hand edit)
    await readModels.commit(pointsBalance.name, [{ op: 'put', tenantId: TENANT, id: 'ghost', document: { balance: 1 } }], { position: 5n, version: 1 });
    commits.length = 0;
    expect(await runner.rebuild(pointsBalance.name)).toBe(5n);
    expect(resets).toEqual([pointsBalance.name]);
    expect(commits.map((c) => c.projection)).toEqual([pointsBalance.name]);
    expect(await readModels.get(pointsBalance.name, TENANT, 'ghost')).toBeUndefined();
    expect(await documentsOf(readModels, pointsBalance.name, [TENANT], IDS)).toEqual(await expectedDocs(store, pointsBalance));
    expect(await documentsOf(readModels, pointsLedger.name, [TENANT], IDS)).toEqual(await expectedDocs(store, pointsLedger));
  });

  it('rebuild() rebuilds every projection', async () => {
    const { store } = await seeded([1, 2, 3]);
    const { readModels, resets } = spyReadModels();
    const runner = new ProjectionRunner({ eventStore: store, readModels, projections: [pointsBalance, pointsLedger] });
    await runner.catchUp();
    expect(await runner.rebuild()).toBe(3n);
    expect(resets.sort()).toEqual([pointsBalance.name, pointsLedger.name].sort());
    expect(await documentsOf(readModels, pointsLedger.name, [TENANT], IDS)).toEqual(await expectedDocs(store, pointsLedger));
  });
});

describe('projection runner: failures', () => {
  /** pointsLedger, but apply throws on an event of 13 points while `broken` is set. */
  const flaky = () => {
    const state = { broken: true };
    const boom = new Error('unlucky number');
    const apply = vi.fn((doc: { points: number; events: number }, e: StoredEvent<AccountEvent>) => {
      if (state.broken && e.type === 'PointsEarned' && e.data.points === 13) throw boom;
      return pointsLedger.apply(doc, e);
    });
    return { projection: { ...pointsLedger, name: 'loyalty.flaky', apply }, apply, state, boom };
  };

  it('a throwing apply is ProjectionFailed naming projection and position; the next catch-up resumes from the last commit', async () => {
    const { store } = await seeded([1, 2, 3, 13, 5]);
    const { readModels, commits } = spyReadModels();
    const { projection, apply, state, boom } = flaky();
    const runner = new ProjectionRunner({ eventStore: store, readModels, projections: [projection], batchSize: 2 });
    const err = await rejection(runner.catchUp());
    expect(isRapportError(err, ProjectionFailed.code)).toBe(true);
    expect(err).toMatchObject({ projection: 'loyalty.flaky', position: 4n, message: 'projection loyalty.flaky failed at global position 4' });
    expect((err as Error).cause).toBe(boom);
    expect(await readModels.checkpoint(projection.name)).toEqual({ position: 2n, version: 1 });
    expect(commits.map((c) => c.position)).toEqual([2n]);

    state.broken = false;
    apply.mockClear();
    expect(await runner.catchUp()).toBe(5n);
    expect(apply.mock.calls.map(([, e]) => e.metadata.globalPosition)).toEqual([3n, 3n, 4n, 4n, 5n, 5n]); // two documents per event
    expect(await documentsOf(readModels, projection.name, [TENANT], IDS)).toEqual(await expectedDocs(store, projection));
  });

  it('a throwing keyOf is ProjectionFailed too', async () => {
    const { store } = await seeded([1, 2]);
    const keyOf = () => {
      throw new Error('no key');
    };
    const err = await rejection(
      new ProjectionRunner({ eventStore: store, readModels: new MemoryReadModelStore(), projections: [{ ...pointsLedger, keyOf }] }).catchUp(),
    );
    expect(err).toMatchObject({ code: ProjectionFailed.code, projection: pointsLedger.name, position: 1n });
  });

  it('a failing commit is ProjectionFailed with the store error as cause, and nothing is lost', async () => {
    const { store } = await seeded([1, 2, 3]);
    const { readModels, state } = spyReadModels();
    const runner = new ProjectionRunner({ eventStore: store, readModels, projections: [pointsLedger] });
    state.failing = true;
    const err = await rejection(runner.catchUp());
    expect(err).toMatchObject({ code: ProjectionFailed.code, projection: pointsLedger.name, position: 3n });
    expect(isRapportError((err as Error).cause, StoreUnavailable.code)).toBe(true);
    state.failing = false;
    await runner.catchUp();
    expect(await documentsOf(readModels, pointsLedger.name, [TENANT], IDS)).toEqual(await expectedDocs(store, pointsLedger));
  });
});

describe('projection runner: live', () => {
  it('start() catches up, follows new events, and waitFor gives read-your-writes', async () => {
    const { store, handler } = await seeded([1, 2]);
    const readModels = new MemoryReadModelStore();
    const runner = new ProjectionRunner({ eventStore: store, readModels, projections: [pointsBalance, pointsLedger] });
    await runner.start();
    expect(runner.position).toBe(2n);
    const r = await handler.handle(earn('a0', 40, 'live-1'));
    if (E.isLeft(r)) throw new Error(r.left.message);
    await runner.waitFor(r.right.lastGlobalPosition!);
    expect(await readModels.get(pointsBalance.name, TENANT, 'a0')).toEqual({ balance: 41, earned: 41, redeemed: 0 });
    expect(await readModels.get(pointsLedger.name, TENANT, SHOP_TOTAL)).toEqual({ points: 43, events: 3 });
    const closed = await handler.handle(close('a0', 'live-2'));
    if (E.isLeft(closed)) throw new Error(closed.left.message);
    await runner.waitFor(closed.right.lastGlobalPosition!);
    expect(await readModels.get(pointsBalance.name, TENANT, 'a0')).toBeUndefined();
    expect(await readModels.checkpoint(pointsBalance.name)).toEqual({ position: 4n, version: 1 });
    await runner.waitFor(1n); // reached long ago: resolves at once
    await runner.stop();
    await runner.done;
  });

  it('stop() releases whoever is still waiting', async () => {
    const { store } = await seeded([1]);
    const runner = new ProjectionRunner({ eventStore: store, readModels: new MemoryReadModelStore(), projections: [pointsLedger] });
    await runner.start();
    const waiting = runner.waitFor(99n);
    await runner.stop();
    await withTimeout(waiting, 'waitFor pending at stop');
  });

  it('waitFor without start catches up', async () => {
    const { store } = await seeded([1, 2, 3]);
    const readModels = new MemoryReadModelStore();
    const runner = new ProjectionRunner({ eventStore: store, readModels, projections: [pointsLedger] });
    await runner.waitFor(3n);
    expect(await readModels.get(pointsLedger.name, TENANT, SHOP_TOTAL)).toEqual({ points: 6, events: 3 });
  });

  it('a failure while live stops the runner, reports ProjectionFailed, releases waiters; a new runner resumes', async () => {
    const { store, handler } = await seeded([1]);
    const readModels = new MemoryReadModelStore();
    const throwing: Projection<{ points: number; events: number }, AccountEvent> = {
      ...pointsLedger,
      apply: (doc, e) => {
        if (e.type === 'PointsEarned' && e.data.points === 13) throw new Error('unlucky');
        return pointsLedger.apply(doc, e);
      },
    };
    const onError = vi.fn();
    const runner = new ProjectionRunner({ eventStore: store, readModels, projections: [throwing], onError });
    await runner.start();
    await handler.handle(earn('a1', 13, 'live-1'));
    await runner.waitFor(2n); // released by the failure
    await expect(runner.done).rejects.toMatchObject({ code: ProjectionFailed.code, projection: pointsLedger.name, position: 2n });
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: ProjectionFailed.code, position: 2n }));
    expect(await readModels.checkpoint(pointsLedger.name)).toEqual({ position: 1n, version: 1 });
    // a later waitFor does not hang on the dead subscription
    await withTimeout(runner.waitFor(9n), 'waitFor after a live failure');
    await runner.stop();
    await new ProjectionRunner({ eventStore: store, readModels, projections: [pointsLedger] }).catchUp();
    expect(await readModels.get(pointsLedger.name, TENANT, SHOP_TOTAL)).toEqual({ points: 14, events: 2 });
  });
});
