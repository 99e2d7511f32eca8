import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import {
  createCommandHandler,
  domainError,
  eventRegistry,
  idCodec,
  ProjectionRunner,
  streamName,
  systemClock,
  tagged,
  verifyStreamChain,
  type Command,
  type Decider,
  type DomainError,
  type EventRegistry,
  type Projection,
} from '@rapport/core';
import { MemoryEventStore, MemoryReadModelStore } from '@rapport/memory';
import { expectEqual, fail, type Implementation } from './implementation.js';
import { decideLoyalty, evolveLoyalty, initialBalance, isRefusal, type LoyaltyCommand, type LoyaltyEvent } from './loyalty.js';
import { timeAsync, timeRebuild } from './meter.js';
import { accountIdOf, commandOf, expectedAfter, type Shape, type Step } from './workload.js';

const TENANT = 'shop-1';
const CATEGORY = 'loyalty_account';
const BALANCES = 'loyalty.balances';

interface PointsBrand {
  readonly Points: unique symbol;
}
/** A positive whole number of points. */
const Points = t.brand(t.number, (n): n is t.Branded<number, PointsBrand> => Number.isSafeInteger(n) && n > 0, 'Points');
const AccountId = idCodec('AccountId');
const OrderId = idCodec('OrderId');

const LoyaltyEvents = t.union([
  tagged('PointsEarned', { accountId: AccountId, points: Points, orderId: OrderId }),
  tagged('PointsRedeemed', { accountId: AccountId, points: Points }),
]);
const LoyaltyCommands = t.union([
  tagged('EarnPoints', { accountId: AccountId, points: Points, orderId: OrderId }),
  tagged('RedeemPoints', { accountId: AccountId, points: Points }),
]);
type DecodedCommand = t.TypeOf<typeof LoyaltyCommands>;

/** The shared decide/evolve, with Rapport's convention: refusals are `Either.left` values. */
const decider: Decider<number, DecodedCommand, LoyaltyEvent, DomainError> = {
  initialState: initialBalance,
  decide: (command, balance) => {
    const r = decideLoyalty(command as LoyaltyCommand, balance);
    return isRefusal(r)
      ? E.left(domainError('insufficient_points', `cannot redeem ${r.requested} points from a balance of ${r.balance}`, ['data', 'points']))
      : E.right([r]);
  },
  evolve: evolveLoyalty,
};

interface BalanceDocument {
  readonly accountId: string;
  readonly balance: number;
}

/** S3's fold as a projection: one document per account, applying the shared evolve. */
const balances: Projection<BalanceDocument, LoyaltyEvent> = {
  name: BALANCES,
  version: 1,
  events: LoyaltyEvents,
  init: () => ({ accountId: '', balance: initialBalance() }),
  keyOf: (e) => e.data.accountId,
  apply: (doc, e) => ({ accountId: e.data.accountId, balance: evolveLoyalty(doc.balance, e) }),
};

const streamOf = (accountId: string): string => streamName(CATEGORY, TENANT, accountId);

/** A fresh store and command handler: codec validation, metadata, commandId dedupe and hash chain on every append. */
const wire = (): { registry: EventRegistry; store: MemoryEventStore; handler: ReturnType<typeof handlerOn> } => {
  const registry = eventRegistry(LoyaltyEvents);
  const store = new MemoryEventStore({ registry, clock: systemClock });
  return { registry, store, handler: handlerOn(store, registry) };
};

const handlerOn = (store: MemoryEventStore, registry: EventRegistry) =>
  createCommandHandler(
    { name: 'loyalty.account', commands: LoyaltyCommands, decider, streamOf: (c, tenantId) => streamName(CATEGORY, tenantId, c.data.accountId) },
    { eventStore: store, registry, clock: systemClock },
  );

const toCommand = (step: Step): Command => {
  const c = commandOf(step);
  return {
    type: c.type,
    data: c.data,
    metadata: { commandId: `cmd-${c.data.accountId}-${step.k}`, tenantId: TENANT, actor: { kind: 'user', id: 'bench' } },
  };
};

type Handler = ReturnType<typeof handlerOn>;

const send = async (handler: Handler, command: Command): Promise<void> => {
  const r = await handler.handle(command as Parameters<Handler['handle']>[0]);
  if (E.isLeft(r)) fail(`rapport refused ${command.type}: ${r.left.message}`);
  if (r.right.duplicate) fail(`rapport took ${command.metadata.commandId} for a duplicate`);
};

/**
 * Fold every stream as stored and compare balance and version. Read back through the
 * registry, or `raw` where a decoded read would warm the store's decode cache for a
 * rebuild that is about to be timed.
 */
const checkStore = async (store: MemoryEventStore, steps: readonly Step[], shape: Shape, done: number, raw = false): Promise<void> => {
  const { balance, count } = expectedAfter(steps, done, shape.accounts);
  let total = 0;
  for (let n = 0; n < shape.accounts; n++) {
    let b = initialBalance();
    let version = -1n;
    for await (const e of store.readStream<LoyaltyEvent>(streamOf(accountIdOf(n)), { raw })) {
      b = evolveLoyalty(b, e);
      version = e.metadata.streamPosition;
    }
    expectEqual(version, BigInt(count[n]!) - 1n, `rapport ${accountIdOf(n)} version`);
    expectEqual(b, balance[n], `rapport ${accountIdOf(n)} balance`);
    total += count[n]!;
  }
  expectEqual(store.size, total, 'rapport events in the store');
};

export const rapport: Implementation = {
  name: 'rapport',

  prepare(steps, shape) {
    const commands = steps.map(toCommand);
    let chainChecked = false;
    return {
      session() {
        const { store, handler } = wire();
        return {
          run: (capMs) => timeAsync(commands.length, (i) => send(handler, commands[i]!), capMs),
          check: async (done) => {
            await checkStore(store, steps, shape, done);
            if (chainChecked) return;
            // once per scenario: the first account's stream carries an intact hash chain
            const verdict = await verifyStreamChain(store.readStream(streamOf(accountIdOf(0)), { raw: true }));
            if (!verdict.intact) fail(`rapport hash chain broken at ${verdict.firstBreak.position}`);
            chainChecked = true;
          },
        };
      },
    };
  },

  async rebuildSession(steps, shape) {
    const { store, handler } = wire();
    for (const s of steps) await send(handler, toCommand(s));
    await checkStore(store, steps, shape, steps.length, true);
    let rebuilt = new Map<string, number>();
    let position: bigint | undefined;
    return {
      events: steps.length,
      run: () =>
        timeRebuild(steps.length, async () => {
          const readModels = new MemoryReadModelStore();
          const runner = new ProjectionRunner({ eventStore: store, readModels, projections: [balances] });
          position = await runner.rebuild();
          rebuilt = new Map();
          for await (const d of readModels.query<BalanceDocument>(BALANCES, TENANT)) rebuilt.set(d.accountId, d.balance);
        }),
      check: async () => {
        const { balance } = expectedAfter(steps, steps.length, shape.accounts);
        expectEqual(position, BigInt(steps.length), 'rapport projection position');
        expectEqual(rebuilt.size, shape.accounts, 'rapport rebuilt accounts');
        for (let n = 0; n < shape.accounts; n++) expectEqual(rebuilt.get(accountIdOf(n)), balance[n], `rapport rebuilt ${accountIdOf(n)}`);
      },
    };
  },

  async checkRefusal() {
    const { store, handler } = wire();
    const r = await handler.handle({
      type: 'RedeemPoints',
      data: { accountId: 'acc-empty', points: 5 },
      metadata: { commandId: 'cmd-refused', tenantId: TENANT, actor: { kind: 'user', id: 'bench' } },
    });
    if (E.isRight(r)) fail('rapport accepted a redeem on an empty account');
    else expectEqual(r.left.kind === 'DomainError' ? r.left.code : r.left.kind, 'insufficient_points', 'rapport refusal code');
    expectEqual(store.size, 0, 'rapport refused redeem writes nothing');
  },
};
