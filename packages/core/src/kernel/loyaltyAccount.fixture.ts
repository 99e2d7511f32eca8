import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { absurd } from 'fp-ts/lib/function.js';
import { MemoryEventStore } from '@rapport/memory';
import { idCodec, tagged } from './codecs.js';
import type { CommandMetadataInput } from './command.js';
import { createCommandHandler, type CommandHandlerDefinition, type CommandHandlerOptions } from './commandHandler.js';
import { fixedClock, type Clock } from './clock.js';
import type { Decider } from './decider.js';
import type { StoredEvent } from './envelope.js';
import { domainError, type DomainError } from './errors.js';
import type { EventStore } from './eventStore.js';
import type { Projection } from './projection.js';
import type { ReadModelStore } from './readModelStore.js';
import { eventRegistry, type EventRegistry } from './registry.js';
import { streamName } from './streams.js';

/**
 * Test fixture for the kernel's own tests (not exported from the package): a loyalty
 * points account small enough to reason about, big enough to exercise the kernel.
 * Open gives welcome points (two events), Earn adds, Redeem may not overdraw, Close
 * ends the account (closing twice changes nothing).
 */

export const AccountId = idCodec('AccountId');

interface PointsBrand {
  readonly Points: unique symbol;
}
/** A positive whole number of points. */
export const Points = t.brand(t.number, (n): n is t.Branded<number, PointsBrand> => Number.isSafeInteger(n) && n > 0, 'Points');

export const AccountOpened = tagged('AccountOpened', { accountId: AccountId });
export const PointsEarned = tagged('PointsEarned', { accountId: AccountId, points: Points });
export const PointsRedeemed = tagged('PointsRedeemed', { accountId: AccountId, points: Points });
export const AccountClosed = tagged('AccountClosed', { accountId: AccountId });
export const AccountEvent = t.union([AccountOpened, PointsEarned, PointsRedeemed, AccountClosed]);
export type AccountEvent = t.TypeOf<typeof AccountEvent>;

export const AccountCommand = t.union([
  tagged('Open', { accountId: AccountId, welcomePoints: Points }),
  tagged('Earn', { accountId: AccountId, points: Points }),
  tagged('Redeem', { accountId: AccountId, points: Points }),
  tagged('Close', { accountId: AccountId }),
]);
export type AccountCommand = t.TypeOf<typeof AccountCommand>;

export type AccountCode = 'ACCOUNT_EXISTS' | 'ACCOUNT_CLOSED' | 'POINTS_INSUFFICIENT';
export interface Account {
  readonly opened: boolean;
  readonly closed: boolean;
  readonly balance: number;
}

const no = (code: AccountCode, message: string, field: string) => E.left(domainError(code, message, ['data', field]));

export const accountDecider: Decider<Account, AccountCommand, AccountEvent, DomainError<AccountCode>> = {
  initialState: () => ({ opened: false, closed: false, balance: 0 }),
  decide: (c, s) => {
    const { accountId } = c.data;
    if (c.type === 'Close') return s.closed ? E.right([]) : E.right([{ type: 'AccountClosed', data: { accountId } }]);
    if (s.closed) return no('ACCOUNT_CLOSED', `account ${accountId} is closed`, 'accountId');
    switch (c.type) {
      case 'Open':
        return s.opened
          ? no('ACCOUNT_EXISTS', `account ${accountId} is open`, 'accountId')
          : E.right([
              { type: 'AccountOpened', data: { accountId } },
              { type: 'PointsEarned', data: { accountId, points: c.data.welcomePoints } },
            ]);
      case 'Earn':
        return E.right([{ type: 'PointsEarned', data: { accountId, points: c.data.points } }]);
      case 'Redeem':
        return c.data.points > s.balance
          ? no('POINTS_INSUFFICIENT', `${c.data.points} points > balance ${s.balance}`, 'points')
          : E.right([{ type: 'PointsRedeemed', data: { accountId, points: c.data.points } }]);
      default:
        return absurd(c);
    }
  },
  evolve: (s, e) => {
    switch (e.type) {
      case 'AccountOpened':
        return { ...s, opened: true };
      case 'PointsEarned':
        return { ...s, balance: s.balance + e.data.points };
      case 'PointsRedeemed':
        return { ...s, balance: s.balance - e.data.points };
      case 'AccountClosed':
        return { ...s, closed: true };
      default:
        return absurd(e);
    }
  },
};

export const ACCOUNT_CATEGORY = 'account';

export const accountDefinition: CommandHandlerDefinition<Account, AccountCommand, AccountEvent, t.OutputOf<typeof AccountCommand>> = {
  name: 'loyalty.account',
  commands: AccountCommand,
  decider: accountDecider,
  streamOf: (c, tenantId) => streamName(ACCOUNT_CATEGORY, tenantId, c.data.accountId),
};

export const TENANT = 'shop_a';
export const T0 = '2026-03-01T08:00:00.000Z';

export const accountStream = (accountId: string, tenantId = TENANT): string => streamName(ACCOUNT_CATEGORY, tenantId, accountId);

export const meta = (commandId: string, extra: Partial<CommandMetadataInput> = {}): CommandMetadataInput => ({
  commandId,
  tenantId: TENANT,
  actor: { kind: 'user', id: 'clerk-1' },
  ...extra,
});

export const open = (accountId: string, welcomePoints: number, commandId: string, extra?: Partial<CommandMetadataInput>) =>
  ({ type: 'Open', data: { accountId, welcomePoints }, metadata: meta(commandId, extra) }) as const;
export const earn = (accountId: string, points: number, commandId: string, extra?: Partial<CommandMetadataInput>) =>
  ({ type: 'Earn', data: { accountId, points }, metadata: meta(commandId, extra) }) as const;
export const redeem = (accountId: string, points: number, commandId: string, extra?: Partial<CommandMetadataInput>) =>
  ({ type: 'Redeem', data: { accountId, points }, metadata: meta(commandId, extra) }) as const;
export const close = (accountId: string, commandId: string, extra?: Partial<CommandMetadataInput>) =>
  ({ type: 'Close', data: { accountId }, metadata: meta(commandId, extra) }) as const;

/** A fresh memory store for the account events, recording at `clock` (fixed at {@link T0} by default). */
export const accountStore = (clock: Clock = fixedClock(T0), registry: EventRegistry = eventRegistry(AccountEvent)) => ({
  registry,
  store: new MemoryEventStore({ registry, clock }),
});

/** A command handler for accounts on `eventStore`. */
export const accountHandler = (eventStore: EventStore, registry: EventRegistry, options: Partial<CommandHandlerOptions> = {}) =>
  createCommandHandler(accountDefinition, { eventStore, registry, clock: fixedClock(T0), ...options });

/** A read-model document of {@link pointsBalance}. */
export interface Balance {
  readonly balance: number;
  readonly earned: number;
  readonly redeemed: number;
}

/** Points per account; a closed account's document is deleted. */
export const pointsBalance: Projection<Balance, AccountEvent> = {
  name: 'loyalty.pointsBalance',
  version: 1,
  events: AccountEvent,
  init: () => ({ balance: 0, earned: 0, redeemed: 0 }),
  keyOf: (e) => e.data.accountId,
  apply: (d, e) => {
    switch (e.type) {
      case 'AccountOpened':
        return d;
      case 'PointsEarned':
        return { ...d, balance: d.balance + e.data.points, earned: d.earned + e.data.points };
      case 'PointsRedeemed':
        return { ...d, balance: d.balance - e.data.points, redeemed: d.redeemed + e.data.points };
      case 'AccountClosed':
        return null;
      default:
        return absurd(e);
    }
  },
};

/** The shop's points in circulation and per account, in one projection: keyOf gives two ids. */
export const SHOP_TOTAL = 'shop-total';
export const pointsLedger: Projection<{ readonly points: number; readonly events: number }, AccountEvent> = {
  name: 'loyalty.pointsLedger',
  version: 1,
  events: ['PointsEarned', 'PointsRedeemed'],
  init: () => ({ points: 0, events: 0 }),
  keyOf: (e) => [e.data.accountId, SHOP_TOTAL],
  apply: (doc, e) => ({
    points: doc.points + (e.type === 'PointsEarned' ? e.data.points : e.type === 'PointsRedeemed' ? -e.data.points : 0),
    events: doc.events + 1,
  }),
};

export const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of items) out.push(x);
  return out;
};

export const allEvents = (store: EventStore): Promise<StoredEvent<AccountEvent>[]> => collect(store.readAll<AccountEvent>());

/**
 * The documents a read-model store holds for `projection`, as `{ "<tenant>/<id>": doc }`,
 * looked up over every given tenant and id (the port has no "list ids").
 */
export const documentsOf = async (
  readModels: ReadModelStore,
  projection: string,
  tenants: readonly string[],
  ids: readonly string[],
): Promise<Record<string, unknown>> => {
  const out: Record<string, unknown> = {};
  for (const tenantId of tenants)
    for (const id of ids) {
      const doc = await readModels.get(projection, tenantId, id);
      if (doc !== undefined) out[`${tenantId}/${id}`] = doc;
    }
  return out;
};

/** An account event as a store would return it, for tests that need no store. */
export const storedAccountEvent = (e: AccountEvent, globalPosition: bigint, tenantId = TENANT): StoredEvent<AccountEvent> =>
  ({
    ...e,
    metadata: {
      eventId: `e${globalPosition}`,
      occurredAt: T0,
      tenantId,
      actor: { kind: 'user', id: 'clerk-1' },
      commandId: `c${globalPosition}`,
      correlationId: `c${globalPosition}`,
      causationId: `c${globalPosition}`,
      schemaVersion: 1,
      streamName: accountStream(e.data.accountId, tenantId),
      streamPosition: 0n,
      globalPosition,
      recordedAt: T0,
      prevHash: '0'.repeat(64),
      hash: '0'.repeat(64),
    },
  }) as StoredEvent<AccountEvent>;
