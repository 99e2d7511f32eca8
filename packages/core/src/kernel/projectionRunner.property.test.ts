import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MemoryReadModelStore } from '@rapport/memory';
import type { CommandMetadataInput } from './command.js';
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
  redeem,
  SHOP_TOTAL,
  type AccountEvent,
} from './loyaltyAccount.fixture.js';
import { foldProjection, type Projection } from './projection.js';
import { ProjectionRunner } from './projectionRunner.js';

/**
 * Rebuild equals incremental: documents built by catching up at random points (with
 * restarts in between) equal those rebuilt from position 0 and the reference fold.
 */

const TENANTS = ['shop_a', 'shop_b'];
const ACCOUNTS = ['a0', 'a1', 'a2'];
const IDS = [...ACCOUNTS, SHOP_TOTAL];
const projections: readonly Projection<unknown, AccountEvent>[] = [pointsBalance, pointsLedger];

type Op =
  | { readonly op: 'open' | 'earn' | 'redeem' | 'close'; readonly tenant: number; readonly account: number; readonly points: number }
  | { readonly op: 'catchUp' }
  | { readonly op: 'restart' };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constantFrom('open' as const, 'earn' as const, 'earn' as const, 'redeem' as const, 'close' as const),
      tenant: fc.nat(TENANTS.length - 1),
      account: fc.nat(ACCOUNTS.length - 1),
      points: fc.integer({ min: 1, max: 60 }),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ op: 'catchUp' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'restart' as const }) },
);

const snapshot = async (readModels: MemoryReadModelStore) =>
  Object.fromEntries(await Promise.all(projections.map(async (p) => [p.name, await documentsOf(readModels, p.name, TENANTS, IDS)] as const)));

describe('projection runner (property)', () => {
  it('documents built incrementally equal a rebuild from 0 and foldProjection', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 40 }), fc.integer({ min: 1, max: 5 }), async (ops, batchSize) => {
        const { store, registry } = accountStore();
        const handler = accountHandler(store, registry);
        const incremental = new MemoryReadModelStore();
        const runnerOn = (readModels: MemoryReadModelStore) => new ProjectionRunner({ eventStore: store, readModels, projections, batchSize });
        let runner = runnerOn(incremental);
        for (const [i, o] of ops.entries()) {
          if (o.op === 'catchUp') await runner.catchUp();
          else if (o.op === 'restart') runner = runnerOn(incremental);
          else {
            const id = ACCOUNTS[o.account]!;
            const m: Partial<CommandMetadataInput> = { tenantId: TENANTS[o.tenant]! };
            const c = `c${i}`;
            const command =
              o.op === 'open' ? open(id, o.points, c, m) : o.op === 'earn' ? earn(id, o.points, c, m) : o.op === 'redeem' ? redeem(id, o.points, c, m) : close(id, c, m);
            await handler.handle(command); // refusals are part of the game
          }
        }
        await runner.catchUp();

        const events = await allEvents(store);
        const folded = Object.fromEntries(projections.map((p) => [p.name, Object.fromEntries(foldProjection(p, events))]));
        expect(await snapshot(incremental)).toEqual(folded);

        const rebuilt = new MemoryReadModelStore();
        await runnerOn(rebuilt).catchUp();
        expect(await snapshot(rebuilt)).toEqual(folded);

        await runner.rebuild();
        expect(await snapshot(incremental)).toEqual(folded);
        // a checkpoint stops where the projection last changed: fewer than batchSize events
        // lie after it, and they change nothing (applying them again after a restart is a no-op)
        for (const p of projections) {
          const at = (await incremental.checkpoint(p.name))?.position;
          const upTo = events.filter((e) => at !== undefined && e.metadata.globalPosition <= at);
          expect(events.length - upTo.length).toBeLessThan(batchSize);
          expect(Object.fromEntries(foldProjection(p, upTo))).toEqual(folded[p.name]);
        }
      }),
      { numRuns: 100 },
    );
  });
});
