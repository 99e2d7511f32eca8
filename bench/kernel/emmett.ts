import {
  DeciderCommandHandler,
  getInMemoryEventStore,
  IllegalStateError,
  type InMemoryEventStore,
} from '@event-driven-io/emmett';
import { expectEqual, fail, type Implementation } from './implementation.js';
import { decideLoyalty, evolveLoyalty, initialBalance, isRefusal, type LoyaltyCommand, type LoyaltyEvent } from './loyalty.js';
import { timeAsync, timeRebuild } from './meter.js';
import { accountIdOf, commandOf, expectedAfter, type Shape, type Step } from './workload.js';

const streamOf = (accountId: string): string => `loyalty_account-${accountId}`;

/** Emmett's documented way: a Decider (refusals throw) and one DeciderCommandHandler created once. */
const handle = DeciderCommandHandler<number, LoyaltyCommand, LoyaltyEvent>({
  decide: (command, balance) => {
    const r = decideLoyalty(command, balance);
    if (isRefusal(r)) throw new IllegalStateError(`cannot redeem ${r.requested} points from a balance of ${r.balance}`);
    return r;
  },
  evolve: evolveLoyalty,
  initialState: initialBalance,
  mapToStreamId: streamOf,
});

const send = async (store: InMemoryEventStore, command: LoyaltyCommand): Promise<void> => {
  await handle(store, command.data.accountId, command);
};

/** Read every stream back and compare balance and version (Emmett's versions count events, from 1). */
const checkStore = async (store: InMemoryEventStore, steps: readonly Step[], shape: Shape, done: number): Promise<void> => {
  const { balance, count } = expectedAfter(steps, done, shape.accounts);
  for (let n = 0; n < shape.accounts; n++) {
    const r = await store.readStream<LoyaltyEvent>(streamOf(accountIdOf(n)));
    let b = initialBalance();
    for (const e of r.events) b = evolveLoyalty(b, e);
    expectEqual(r.currentStreamVersion, BigInt(count[n]!), `emmett ${accountIdOf(n)} version`);
    expectEqual(r.events.length, count[n], `emmett ${accountIdOf(n)} events`);
    expectEqual(b, balance[n], `emmett ${accountIdOf(n)} balance`);
  }
};

export const emmett: Implementation = {
  name: 'emmett',

  prepare(steps, shape) {
    const commands = steps.map(commandOf);
    return {
      session() {
        const store = getInMemoryEventStore();
        return {
          run: (capMs) => timeAsync(commands.length, (i) => send(store, commands[i]!), capMs),
          check: (done) => checkStore(store, steps, shape, done),
        };
      },
    };
  },

  async rebuildSession(steps, shape) {
    const store = getInMemoryEventStore();
    for (const s of steps) await send(store, commandOf(s));
    await checkStore(store, steps, shape, steps.length);
    let rebuilt = new Map<string, number>();
    let folded = 0;
    return {
      events: steps.length,
      // Emmett's in-memory store has no read-all: read each stream and fold it
      run: () =>
        timeRebuild(steps.length, async () => {
          rebuilt = new Map();
          folded = 0;
          for (let n = 0; n < shape.accounts; n++) {
            const accountId = accountIdOf(n);
            const { events } = await store.readStream<LoyaltyEvent>(streamOf(accountId));
            let b = rebuilt.get(accountId) ?? initialBalance();
            for (const e of events) b = evolveLoyalty(b, e);
            rebuilt.set(accountId, b);
            folded += events.length;
          }
        }),
      check: async () => {
        const { balance } = expectedAfter(steps, steps.length, shape.accounts);
        expectEqual(folded, steps.length, 'emmett events folded');
        expectEqual(rebuilt.size, shape.accounts, 'emmett rebuilt accounts');
        for (let n = 0; n < shape.accounts; n++) expectEqual(rebuilt.get(accountIdOf(n)), balance[n], `emmett rebuilt ${accountIdOf(n)}`);
      },
    };
  },

  async checkRefusal() {
    const store = getInMemoryEventStore();
    let refused: unknown;
    try {
      await send(store, { type: 'RedeemPoints', data: { accountId: 'acc-empty', points: 5 } });
    } catch (err) {
      refused = err;
    }
    if (!(refused instanceof IllegalStateError)) fail(`emmett did not refuse a redeem on an empty account (${String(refused)})`);
    expectEqual((await store.readStream(streamOf('acc-empty'))).events.length, 0, 'emmett refused redeem writes nothing');
  },
};
