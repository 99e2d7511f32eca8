import { describe, expect, it } from 'vitest';
import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { MemoryEventStore, MemoryReadModelStore } from '@rapport/memory';
import { createCommandHandler, eventRegistry, fixedClock, ProjectionRunner, tagged, streamName, verifyStreamChain } from '../index.js';

const Earned = tagged('PointsEarned', { accountId: t.string, points: t.number });
const Ev = t.union([Earned, tagged('PointsRedeemed', { accountId: t.string, points: t.number })]);
const Cmd = t.union([tagged('Earn', { accountId: t.string, points: t.number }), tagged('Redeem', { accountId: t.string, points: t.number })]);

describe('smoke', () => {
  it('handles, projects, verifies', async () => {
    const registry = eventRegistry(Ev);
    const store = new MemoryEventStore({ registry, clock: fixedClock('2026-01-01T00:00:00.000Z') });
    const h = createCommandHandler(
      {
        name: 'acc',
        commands: Cmd,
        streamOf: (c, tenant) => streamName('acc', tenant, c.data.accountId),
        decider: {
          initialState: () => 0,
          decide: (c, s) =>
            c.type === 'Earn'
              ? E.right([{ type: 'PointsEarned' as const, data: c.data }])
              : c.data.points > s
                ? E.left({ kind: 'DomainError', code: 'X', message: 'no', path: ['data', 'points'] })
                : E.right([{ type: 'PointsRedeemed' as const, data: c.data }]),
          evolve: (s: number, e: t.TypeOf<typeof Ev>) => (e.type === 'PointsEarned' ? s + e.data.points : s - e.data.points),
        },
      },
      { eventStore: store, registry, clock: fixedClock('2026-01-01T00:00:00.000Z') },
    );
    const meta = (id: string) => ({ commandId: id, tenantId: 't1', actor: { kind: 'user' as const, id: 'u' } });
    const r1 = await h.handle({ type: 'Earn', data: { accountId: 'a', points: 10 }, metadata: meta('c1') });
    expect(E.isRight(r1)).toBe(true);
    const r2 = await h.handle({ type: 'Earn', data: { accountId: 'a', points: 10 }, metadata: meta('c1') });
    expect(E.isRight(r2) && r2.right.duplicate).toBe(true);
    const r3 = await h.handle({ type: 'Redeem', data: { accountId: 'a', points: 11 }, metadata: meta('c2') });
    expect(E.isLeft(r3)).toBe(true);
    const rm = new MemoryReadModelStore();
    const runner = new ProjectionRunner({
      eventStore: store,
      readModels: rm,
      projections: [{ name: 'bal', version: 1, events: Ev, init: () => 0, keyOf: (e) => e.data.accountId, apply: (s: number, e) => (e.type === 'PointsEarned' ? s + e.data.points : s - e.data.points) }],
    });
    await runner.catchUp();
    expect(await rm.get('bal', 't1', 'a')).toBe(10);
    expect(await verifyStreamChain(store.readStream('acc-t1.a', { raw: true }))).toEqual({ intact: true, events: 1 });
  });
});
