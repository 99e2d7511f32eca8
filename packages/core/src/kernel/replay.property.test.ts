import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MemoryReadModelStore } from '@rapport/memory';
import { fixedClock, steppingClock } from './clock.js';
import type { CommandMetadataInput } from './command.js';
import { verifyStreamChain } from './hashChain.js';
import {
  accountHandler,
  accountStore,
  accountStream,
  allEvents,
  close,
  collect,
  documentsOf,
  earn,
  open,
  pointsBalance,
  pointsLedger,
  redeem,
  SHOP_TOTAL,
} from './loyaltyAccount.fixture.js';
import { ProjectionRunner } from './projectionRunner.js';

/**
 * Replay is deterministic: the same commands, with injected clocks, into two fresh stores
 * give the same events byte for byte (ids, times, hashes) and the same read models.
 */

const TENANTS = ['shop_a', 'shop_b'];
const ACCOUNTS = ['a0', 'a1', 'a2'];

const command = fc.record({
  op: fc.constantFrom('open' as const, 'earn' as const, 'redeem' as const, 'close' as const),
  tenant: fc.nat(TENANTS.length - 1),
  account: fc.nat(ACCOUNTS.length - 1),
  points: fc.integer({ min: 1, max: 60 }),
  // some commands say when they happened; the others take the injected clock's time
  occurredAt: fc.option(fc.date({ min: new Date('2026-01-01T00:00:00.000Z'), max: new Date('2026-12-31T00:00:00.000Z'), noInvalidDate: true }), { nil: undefined }),
});
type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;

const replay = async (commands: readonly Command[]) => {
  const { store, registry } = accountStore(fixedClock('2026-06-01T00:00:00.000Z'));
  const handler = accountHandler(store, registry, { clock: steppingClock('2026-06-01T00:00:00.000Z', 1000) });
  const answers = [];
  for (const [i, c] of commands.entries()) {
    const id = ACCOUNTS[c.account]!;
    const m: Partial<CommandMetadataInput> = { tenantId: TENANTS[c.tenant]!, ...(c.occurredAt ? { occurredAt: c.occurredAt.toISOString() } : {}) };
    const body = c.op === 'open' ? open(id, c.points, `c${i}`, m) : c.op === 'earn' ? earn(id, c.points, `c${i}`, m) : c.op === 'redeem' ? redeem(id, c.points, `c${i}`, m) : close(id, `c${i}`, m);
    answers.push(await handler.handle(body));
  }
  const readModels = new MemoryReadModelStore();
  await new ProjectionRunner({ eventStore: store, readModels, projections: [pointsBalance, pointsLedger] }).catchUp();
  const documents = {
    balance: await documentsOf(readModels, pointsBalance.name, TENANTS, ACCOUNTS),
    ledger: await documentsOf(readModels, pointsLedger.name, TENANTS, [...ACCOUNTS, SHOP_TOTAL]),
  };
  const chains = [];
  for (const t of TENANTS) for (const a of ACCOUNTS) chains.push(await verifyStreamChain(store.readStream(accountStream(a, t), { raw: true })));
  return { store, answers, events: await allEvents(store), raw: await collect(store.readAll({ raw: true })), documents, chains };
};

describe('replay (property)', () => {
  it('the same commands give identical events, hashes and read models', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { maxLength: 30 }), async (commands) => {
        const first = await replay(commands);
        const second = await replay(commands);
        expect(second.answers).toEqual(first.answers);
        expect(second.raw).toEqual(first.raw);
        expect(second.events).toEqual(first.events);
        expect(second.events.map((e) => e.metadata.hash)).toEqual(first.events.map((e) => e.metadata.hash));
        expect(second.documents).toEqual(first.documents);
        for (const verdict of first.chains) expect(verdict.intact).toBe(true);
        // eventIds are unique across the whole store
        expect(new Set(first.events.map((e) => e.metadata.eventId)).size).toBe(first.events.length);
      }),
      { numRuns: 60 },
    );
  });
});
