import { expectEqual, type Implementation } from './implementation.js';
import { decideLoyalty, evolveLoyalty, initialBalance, isRefusal, type LoyaltyCommand, type LoyaltyEvent } from './loyalty.js';
import { timeRebuild, timeSync } from './meter.js';
import { accountIdOf, commandOf, expectedAfter, type Shape, type Step } from './workload.js';

interface Account {
  state: number;
  readonly events: LoyaltyEvent[];
}

/** decide → evolve → push on a Map, synchronously: the floor every ratio is measured against. */
const handle = (store: Map<string, Account>, c: LoyaltyCommand): void => {
  let a = store.get(c.data.accountId);
  if (a === undefined) {
    a = { state: initialBalance(), events: [] };
    store.set(c.data.accountId, a);
  }
  const e = decideLoyalty(c, a.state);
  if (isRefusal(e)) throw new Error(`baseline refused ${c.type} for ${c.data.accountId}`);
  a.state = evolveLoyalty(a.state, e);
  a.events.push(e);
};

const checkStore = (store: Map<string, Account>, steps: readonly Step[], shape: Shape, done: number): void => {
  const { balance, count } = expectedAfter(steps, done, shape.accounts);
  for (let n = 0; n < shape.accounts; n++) {
    const a = store.get(accountIdOf(n));
    expectEqual(a?.events.length ?? 0, count[n], `baseline ${accountIdOf(n)} version`);
    expectEqual(a?.state ?? 0, balance[n], `baseline ${accountIdOf(n)} balance`);
    let folded = initialBalance();
    for (const e of a?.events ?? []) folded = evolveLoyalty(folded, e);
    expectEqual(folded, balance[n], `baseline ${accountIdOf(n)} folded balance`);
  }
};

export const baseline: Implementation = {
  name: 'baseline',

  prepare(steps, shape) {
    const commands = steps.map(commandOf);
    return {
      session() {
        const store = new Map<string, Account>();
        return {
          run: async (capMs) => timeSync(commands.length, (i) => handle(store, commands[i]!), capMs),
          check: async (done) => checkStore(store, steps, shape, done),
        };
      },
    };
  },

  async rebuildSession(steps, shape) {
    const store = new Map<string, Account>();
    for (const s of steps) handle(store, commandOf(s));
    checkStore(store, steps, shape, steps.length);
    let balances = new Map<string, number>();
    return {
      events: steps.length,
      run: () =>
        timeRebuild(steps.length, () => {
          balances = new Map();
          for (const [accountId, a] of store) {
            let b = balances.get(accountId) ?? initialBalance();
            for (const e of a.events) b = evolveLoyalty(b, e);
            balances.set(accountId, b);
          }
        }),
      check: async () => {
        const { balance } = expectedAfter(steps, steps.length, shape.accounts);
        expectEqual(balances.size, shape.accounts, 'baseline rebuilt accounts');
        for (let n = 0; n < shape.accounts; n++) expectEqual(balances.get(accountIdOf(n)), balance[n], `baseline rebuilt ${accountIdOf(n)}`);
      },
    };
  },

  async checkRefusal() {
    const store = new Map<string, Account>();
    let refused = false;
    try {
      handle(store, { type: 'RedeemPoints', data: { accountId: 'acc-empty', points: 5 } });
    } catch {
      refused = true;
    }
    expectEqual(refused, true, 'baseline refuses a redeem on an empty account');
    expectEqual(store.get('acc-empty')?.events.length ?? 0, 0, 'baseline refused redeem writes nothing');
  },
};
