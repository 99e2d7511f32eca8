import { describe, expect, it, vi } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { MemoryReadModelStore } from '@rapport/memory';
import { fixedClock } from './clock.js';
import { createCommandBus } from './commandBus.js';
import type { StoredEvent } from './envelope.js';
import { deriveId } from './ids.js';
import {
  accountDefinition,
  AccountOpened,
  accountStore,
  accountStream,
  allEvents,
  close,
  collect,
  open,
  T0,
  type AccountEvent,
} from './loyaltyAccount.fixture.js';
import { reactionsTo, reactorEventTypes, type Reactor } from './reactor.js';
import { ReactorRunner } from './reactorRunner.js';

const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A new account gets 50 bonus points and 5 more for its first day. */
const welcomeBonus: Reactor<AccountEvent> = {
  name: 'loyalty.welcomeBonus',
  events: AccountOpened,
  react: (e) => [
    { type: 'Earn', data: { accountId: e.data.accountId, points: 50 } },
    { type: 'Earn', data: { accountId: e.data.accountId, points: 5 } },
  ],
};

/** Every earning of 50 points or more gives 1 extra point (which itself triggers nothing). */
const roundUp: Reactor<AccountEvent> = {
  name: 'loyalty.roundUp',
  events: ['PointsEarned'],
  react: (e) => (e.type === 'PointsEarned' && e.data.points >= 50 ? [{ type: 'Earn', data: { accountId: e.data.accountId, points: 1 } }] : []),
};

const setup = async (...accounts: string[]) => {
  const { store, registry } = accountStore();
  const bus = createCommandBus([accountDefinition], { eventStore: store, registry, clock: fixedClock(T0) });
  for (const a of accounts) expect(E.isRight(await bus.handle(open(a, 10, `open-${a}`, { correlationId: `signup-${a}` })))).toBe(true);
  return { store, bus, checkpoints: new MemoryReadModelStore() };
};

const pointsOf = async (store: Awaited<ReturnType<typeof setup>>['store'], account: string): Promise<number[]> =>
  (await collect(store.readStream<AccountEvent>(accountStream(account)))).flatMap((e) => (e.type === 'PointsEarned' ? [e.data.points] : []));

describe('reactionsTo', () => {
  it('derives commandIds from reactor name, eventId and index, and links cause and correlation', async () => {
    const { store } = await setup('a1');
    const [opened] = await allEvents(store);
    const m = opened!.metadata;
    const commands = reactionsTo(welcomeBonus, opened!);
    expect(commands).toEqual([0, 1].map((i) => ({
      type: 'Earn',
      data: { accountId: 'a1', points: i === 0 ? 50 : 5 },
      metadata: {
        commandId: deriveId('reactor', 'loyalty.welcomeBonus', m.eventId, String(i)),
        tenantId: m.tenantId,
        actor: { kind: 'reactor', id: 'loyalty.welcomeBonus' },
        occurredAt: m.occurredAt,
        correlationId: 'signup-a1',
        causationId: m.eventId,
      },
    })));
    for (const c of commands) expect(c.metadata.commandId).toMatch(UUID_V5);
    expect(new Set(commands.map((c) => c.metadata.commandId)).size).toBe(2);
  });

  it('gives the same commands for a redelivered event, other ids for another reactor', async () => {
    const { store } = await setup('a1');
    const [opened] = await allEvents(store);
    expect(reactionsTo(welcomeBonus, opened!)).toEqual(reactionsTo(welcomeBonus, structuredClone(opened!) as StoredEvent));
    const renamed = reactionsTo({ ...welcomeBonus, name: 'loyalty.welcomeBonusV2' }, opened!);
    expect(renamed[0]!.metadata.commandId).not.toBe(reactionsTo(welcomeBonus, opened!)[0]!.metadata.commandId);
  });

  it('does not call react for an event type the reactor does not read', async () => {
    const { store } = await setup('a1');
    const earned = (await allEvents(store))[1]!;
    const react = vi.fn(() => [{ type: 'Earn', data: {} }]);
    expect(reactionsTo({ ...welcomeBonus, react }, earned)).toEqual([]);
    expect(react).not.toHaveBeenCalled();
  });

  it('reads the event types from a codec or a list', () => {
    expect(reactorEventTypes(welcomeBonus)).toEqual(['AccountOpened']);
    expect(reactorEventTypes(roundUp)).toEqual(['PointsEarned']);
  });
});

describe('ReactorRunner', () => {
  it('catches up from the start and sends each reaction once', async () => {
    const { store, bus, checkpoints } = await setup('a1', 'a2');
    const runner = new ReactorRunner({ eventStore: store, checkpoints, reactors: [welcomeBonus], dispatch: bus.handle });
    expect(await runner.catchUp()).toBe(4);
    expect(await pointsOf(store, 'a1')).toEqual([10, 50, 5]);
    expect(await pointsOf(store, 'a2')).toEqual([10, 50, 5]);
    const bonus = (await allEvents(store)).filter((e) => e.metadata.actor.kind === 'reactor');
    expect(bonus).toHaveLength(4);
    for (const e of bonus) expect(e.metadata.causationId).toMatch(UUID_V5);
    expect(await runner.catchUp()).toBe(0);
  });

  it('redelivery (checkpoint lost or reset) has no second effect', async () => {
    const { store, bus, checkpoints } = await setup('a1', 'a2');
    const runner = new ReactorRunner({ eventStore: store, checkpoints, reactors: [welcomeBonus, roundUp], dispatch: bus.handle });
    await runner.catchUp();
    const size = store.size;
    await checkpoints.reset('reactor:loyalty.welcomeBonus');
    await checkpoints.reset('reactor:loyalty.roundUp');
    expect(await runner.catchUp()).toBe(0);
    const fresh = new ReactorRunner({ eventStore: store, checkpoints: new MemoryReadModelStore(), reactors: [welcomeBonus, roundUp], dispatch: bus.handle });
    expect(await fresh.catchUp()).toBe(0);
    expect(store.size).toBe(size);
    expect(await pointsOf(store, 'a1')).toEqual([10, 50, 5, 1]);
  });

  it('follows the store live after catching up, reactions to reactions included', async () => {
    const { store, bus, checkpoints } = await setup('a1');
    const runner = new ReactorRunner({ eventStore: store, checkpoints, reactors: [welcomeBonus, roundUp], dispatch: bus.handle });
    await runner.start();
    expect(await pointsOf(store, 'a1')).toEqual([10, 50, 5, 1]);
    await bus.handle(open('a2', 60, 'open-a2'));
    await vi.waitFor(async () => expect(await pointsOf(store, 'a2')).toEqual([60, 50, 5, 1, 1]), { timeout: 2000, interval: 5 });
    await vi.waitFor(async () => expect((await checkpoints.checkpoint('reactor:loyalty.roundUp'))?.position).toBe(BigInt(store.size)), {
      timeout: 2000,
      interval: 5,
    });
    await runner.stop();
    await runner.done;
    // a restart after the live run finds nothing left to do
    expect(await new ReactorRunner({ eventStore: store, checkpoints, reactors: [welcomeBonus, roundUp], dispatch: bus.handle }).catchUp()).toBe(0);
  });

  it('goes live even when a reactor has seen nothing of its kind yet', async () => {
    const { store, bus, checkpoints } = await setup('a1');
    const onClose: Reactor<AccountEvent> = { name: 'loyalty.onClose', events: ['AccountClosed'], react: () => [] };
    const runner = new ReactorRunner({ eventStore: store, checkpoints, reactors: [onClose, welcomeBonus], dispatch: bus.handle });
    await runner.start();
    expect(await checkpoints.checkpoint('reactor:loyalty.onClose')).toBeUndefined();
    await bus.handle(open('a2', 1, 'open-a2'));
    await vi.waitFor(async () => expect(await pointsOf(store, 'a2')).toEqual([1, 50, 5]), { timeout: 2000, interval: 5 });
    await runner.stop();
    expect(await pointsOf(store, 'a1')).toEqual([10, 50, 5]); // replayed from 0 for onClose, no second bonus
  });

  it('reports a refused command and moves on', async () => {
    const { store, bus, checkpoints } = await setup('a1');
    expect(E.isRight(await bus.handle(close('a1', 'close-a1')))).toBe(true);
    // re-credit points on every closure: the closed account refuses them
    const recredit: Reactor<AccountEvent> = { name: 'loyalty.recredit', events: ['AccountClosed'], react: (e) => [{ type: 'Earn', data: { accountId: e.data.accountId, points: 3 } }] };
    const onRefused = vi.fn();
    const runner = new ReactorRunner({ eventStore: store, checkpoints, reactors: [recredit], dispatch: bus.handle, onRefused });
    expect(await runner.catchUp()).toBe(0);
    expect(onRefused).toHaveBeenCalledTimes(1);
    const [command, error, trigger] = onRefused.mock.calls[0]!;
    expect(command).toMatchObject({ type: 'Earn', metadata: { actor: { kind: 'reactor', id: 'loyalty.recredit' } } });
    expect(error).toMatchObject({ kind: 'DomainError', code: 'ACCOUNT_CLOSED' });
    expect(trigger).toMatchObject({ type: 'AccountClosed' });
    expect(await checkpoints.checkpoint('reactor:loyalty.recredit')).toEqual({ position: 3n, version: 1 });
  });
});
