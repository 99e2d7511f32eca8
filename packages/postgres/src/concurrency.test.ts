import { afterAll, describe, expect, it } from 'vitest';
import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { createCommandHandler, eventRegistry, streamName, tagged, verifyStreamChain, type StoredEvent } from '@rapport/core';
import { PostgresEventStore } from './postgresEventStore.js';
import { closeShared, openTestDatabase, resolveTarget, TARGETS } from './testSupport.js';

/**
 * Hot streams under concurrent writers: 8 writers, each with its own command handler and
 * its own store instance (as 8 processes would have), send 1,000 commands each to 50
 * streams. Every command lands exactly once (count check), every stream's chain holds,
 * and a subscription running through it all sees exactly the global order readAll shows
 * afterwards: no event committed late was skipped.
 */

afterAll(closeShared);

const PointsEarned = tagged('PointsEarned', { accountId: t.string, points: t.number });
const Events = t.union([PointsEarned, tagged('PointsExpired', { accountId: t.string, points: t.number })]);
const Commands = t.union([tagged('EarnPoints', { accountId: t.string, points: t.number }), tagged('ExpirePoints', { accountId: t.string, points: t.number })]);
type Ev = t.TypeOf<typeof Events>;

const WRITERS = 8;
const STREAMS = 50;

for (const wanted of TARGETS) {
  const target = await resolveTarget(wanted);
  // The server case sends the full 1,000 commands per writer. PGlite is one in-process
  // connection: the race is real (interleaved awaits) but every statement queues behind one
  // mutex, so its always-run copy sends 100 per writer (1,000 when it stands in for the server).
  const commandsPerWriter = wanted === 'server' ? 1000 : 100;
  describe(`concurrent writers on ${target}${wanted !== target ? ' (standing in for the server)' : ''}`, () => {
    it(`${WRITERS} writers x ${commandsPerWriter} commands on ${STREAMS} hot streams lose no update`, async () => {
      const t0 = await openTestDatabase(wanted);
      const registry = eventRegistry(Events);
      const stores = Array.from({ length: WRITERS }, () => new PostgresEventStore(t0.db, { registry, schema: t0.schema, pollIntervalMs: 50 }));
      const watcher = new PostgresEventStore(t0.db, { registry, schema: t0.schema, pollIntervalMs: 20 });
      const seen: bigint[] = [];
      const sub = watcher.subscribe({}, (e) => void seen.push(e.metadata.globalPosition));
      try {
        const clock = { now: () => '2026-05-01T00:00:00.000Z' as never };
        const handlers = stores.map((eventStore) =>
          createCommandHandler(
            {
              name: 'points',
              commands: Commands,
              streamOf: (c, tenant) => streamName('points', tenant, c.data.accountId),
              decider: {
                initialState: () => 0,
                decide: (c) => E.right([{ type: c.type === 'EarnPoints' ? ('PointsEarned' as const) : ('PointsExpired' as const), data: c.data }]),
                evolve: (s: number, e: Ev) => (e.type === 'PointsEarned' ? s + e.data.points : s - e.data.points),
              },
            },
            { eventStore, registry, clock, maxRetries: 200 },
          ),
        );
        const started = Date.now();
        await Promise.all(
          handlers.map(async (h, w) => {
            for (let i = 0; i < commandsPerWriter; i++) {
              const r = await h.handle({
                type: 'EarnPoints',
                data: { accountId: `a${(i * 7 + w * 13) % STREAMS}`, points: 1 },
                metadata: { commandId: `w${w}-${i}`, tenantId: 'shop_a', actor: { kind: 'system', id: `writer-${w}` } },
              });
              if (E.isLeft(r)) throw new Error(r.left.message);
            }
          }),
        );
        const ms = Date.now() - started;
        let events = 0;
        let points = 0;
        for (let a = 0; a < STREAMS; a++) {
          const stream = `points-shop_a.a${a}`;
          for await (const e of stores[0]!.readStream<Ev>(stream)) {
            events++;
            points += e.data.points;
          }
          expect((await verifyStreamChain(stores[0]!.readStream(stream, { raw: true }))).intact).toBe(true);
        }
        expect(events).toBe(WRITERS * commandsPerWriter);
        expect(points).toBe(WRITERS * commandsPerWriter);
        const all: StoredEvent[] = [];
        for await (const e of stores[0]!.readAll({ raw: true })) all.push(e);
        expect(new Set(all.map((e) => e.metadata.commandId)).size).toBe(WRITERS * commandsPerWriter);
        const deadline = Date.now() + 20_000;
        while (seen.length < all.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        expect(seen).toEqual(all.map((e) => e.metadata.globalPosition));
        console.info(`${target}: ${WRITERS * commandsPerWriter} commands by ${WRITERS} writers in ${ms} ms`);
      } finally {
        await sub.stop();
        await Promise.all([...stores, watcher].map((s) => s.close()));
        await t0.drop();
      }
    }, 170_000);
  });
}
