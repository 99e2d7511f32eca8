import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import type { Handled } from './command.js';
import { isRapportError, WrongExpectedVersion, type CrmError } from './errors.js';
import { verifyStreamChain } from './hashChain.js';
import { accountHandler, accountStore, accountStream, allEvents, earn, redeem } from './loyaltyAccount.fixture.js';
import { spyStore } from './storeSpy.fixture.js';

/**
 * Never lose an update: commands race through 2-3 handler instances (each with its own
 * small cache, as separate processes would) on one store, in concurrent batches.
 */

const ACCOUNTS = ['a0', 'a1', 'a2'];

type Step =
  | { readonly kind: 'earn' | 'redeem'; readonly via: number; readonly account: number; readonly points: number }
  /** Send an earlier command again (same commandId), possibly through another instance. */
  | { readonly kind: 'resend'; readonly via: number; readonly which: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('earn' as const), via: fc.nat(2), account: fc.nat(ACCOUNTS.length - 1), points: fc.integer({ min: 1, max: 50 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('redeem' as const), via: fc.nat(2), account: fc.nat(ACCOUNTS.length - 1), points: fc.integer({ min: 1, max: 80 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('resend' as const), via: fc.nat(2), which: fc.nat() }) },
);

interface Sent {
  readonly commandId: string;
  readonly account: string;
  readonly kind: 'earn' | 'redeem';
  readonly points: number;
}

describe('command handler under concurrency (property)', () => {
  it('never loses an update, never applies one twice, never overdraws', async () => {
    let conflicts = 0; // so the property is known to have raced, not just run in turn
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 3 }),
        fc.array(fc.array(step, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 }),
        async (instances, batches) => {
          const { store, registry } = accountStore();
          const counted = spyStore(store, (stream, events, options) =>
            store.appendToStream(stream, events, options).catch((e: unknown) => {
              if (isRapportError(e, WrongExpectedVersion.code)) conflicts++;
              throw e;
            }),
          ).store;
          const handlers = Array.from({ length: instances }, () => accountHandler(counted, registry, { cacheSize: 2 }));
          const sent: Sent[] = [];
          const outcomes = new Map<string, E.Either<CrmError, Handled>[]>();

          for (const batch of batches) {
            const calls = batch.map((s) => {
              let command: Sent;
              if (s.kind === 'resend' && sent.length > 0) command = sent[s.which % sent.length]!;
              else {
                const base = s.kind === 'resend' ? { kind: 'earn' as const, account: 0, points: 1 } : s;
                command = { commandId: `c${sent.length}`, account: ACCOUNTS[base.account]!, kind: base.kind, points: base.points };
                sent.push(command);
              }
              const body = (command.kind === 'earn' ? earn : redeem)(command.account, command.points, command.commandId);
              return { command, result: handlers[s.via % instances]!.handle(body) };
            });
            for (const { command, result } of calls) {
              const r = await result;
              outcomes.set(command.commandId, [...(outcomes.get(command.commandId) ?? []), r]);
            }
          }

          const events = await allEvents(store);
          const expected = new Map<string, number>();
          for (const c of sent) {
            const rs = outcomes.get(c.commandId)!;
            const accepted = rs.filter((r) => E.isRight(r) && !r.right.duplicate);
            const duplicates = rs.filter((r) => E.isRight(r) && r.right.duplicate);
            for (const r of rs) if (E.isLeft(r)) expect(r.left).toMatchObject({ code: 'POINTS_INSUFFICIENT', path: ['data', 'points'] });
            // accepted at most once, and a duplicate answer only for an accepted command
            expect(accepted.length).toBeLessThanOrEqual(1);
            if (duplicates.length > 0) expect(accepted).toHaveLength(1);
            const stored = events.filter((e) => e.metadata.commandId === c.commandId);
            expect(stored).toHaveLength(accepted.length);
            if (accepted.length === 1) {
              const type = c.kind === 'earn' ? 'PointsEarned' : 'PointsRedeemed';
              expect(stored.map(({ type, data }) => ({ type, data }))).toEqual([{ type, data: { accountId: c.account, points: c.points } }]);
              for (const d of duplicates) expect(E.isRight(d) && d.right.events).toEqual(E.isRight(accepted[0]!) && accepted[0]!.right.events);
              expected.set(c.account, (expected.get(c.account) ?? 0) + (c.kind === 'earn' ? c.points : -c.points));
            }
          }

          for (const account of ACCOUNTS) {
            let balance = 0;
            const stream = events.filter((e) => e.metadata.streamName === accountStream(account));
            for (const e of stream) {
              balance += e.type === 'PointsEarned' ? e.data.points : e.type === 'PointsRedeemed' ? -e.data.points : 0;
              expect(balance).toBeGreaterThanOrEqual(0);
            }
            expect(balance).toBe(expected.get(account) ?? 0);
            expect(await verifyStreamChain(store.readStream(accountStream(account), { raw: true }))).toEqual({ intact: true, events: stream.length });
          }
        },
      ),
      { numRuns: 150 },
    );
    expect(conflicts).toBeGreaterThan(0);
  });
});
