import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { MemoryEventStore, MemoryReadModelStore } from '@rapport/memory';
import { createCommandBus } from '../kernel/commandBus.js';
import { steppingClock } from '../kernel/clock.js';
import type { Command } from '../kernel/command.js';
import type { StoredEvent } from '../kernel/envelope.js';
import { foldProjection } from '../kernel/projection.js';
import { ProjectionRunner } from '../kernel/projectionRunner.js';
import { eventRegistry } from '../kernel/registry.js';
import { OpportunityEvent } from './events.js';
import { defaultSalesPolicy } from './policy.js';
import { opportunityBook, readOpportunities, type OpportunityDoc } from './projections/opportunity.js';
import { forecastOf, pipelineOf, salesCycleOf, stageAgeingOf, winRateOf } from './reports.js';
import { opportunityHandlerFor } from './streams.js';
import { OPEN_STAGES } from './values.js';

const setup = () => {
  const registry = eventRegistry(OpportunityEvent);
  const clock = steppingClock('2026-03-01T00:00:00.000Z', 1000);
  const store = new MemoryEventStore({ registry, clock });
  const bus = createCommandBus([opportunityHandlerFor(defaultSalesPolicy)], { eventStore: store, registry, clock });
  const readModels = new MemoryReadModelStore();
  const runner = new ProjectionRunner({ eventStore: store, readModels, projections: [opportunityBook], batchSize: 3 });
  let n = 0;
  const send = async (type: string, data: Record<string, unknown>) => {
    const r = await bus.handle({ type, data, metadata: { commandId: `cmd-${++n}`, tenantId: 'shop1', actor: { kind: 'agent', id: 'rep-1' } } } as Command);
    return r;
  };
  const all = async () => {
    const out: StoredEvent<OpportunityEvent>[] = [];
    for await (const e of store.readAll<OpportunityEvent>()) out.push(e);
    return out;
  };
  return { send, runner, readModels, all, store };
};

const OPENED = '2026-03-01T02:00:00.000Z';
const MOVED = '2026-03-05T02:00:00.000Z';
const BEFORE_CLOSE = '2026-03-01T12:00:00.000Z';
/** The fixture: [id, owner, amount, expected close, final stage, won/lost at]. */
const FIXTURE: readonly [string, string, number, string, string, string?][] = [
  ['o01', 'rep-1', 12345, '2026-04-10', 'prospecting'],
  ['o02', 'rep-1', 9999, '2026-04-11', 'qualification'],
  ['o03', 'rep-1', 333, '2026-04-12', 'proposal'],
  ['o04', 'rep-1', 1001, '2026-04-30', 'negotiation'],
  ['o05', 'rep-1', 50000, '2026-04-01', 'won', '2026-03-20T15:59:59.999Z'], // Shanghai 03-20 23:59: 19 days
  ['o06', 'rep-1', 777, '2026-05-01', 'negotiation'],
  ['o07', 'rep-1', 10000, '2026-04-15', 'proposal'], // then 12347 fen, closing 2026-05-20
  ['o08', 'rep-2', 80000, '2026-05-02', 'lost', '2026-03-06T00:00:00.000Z'],
  ['o09', 'rep-2', 19, '2026-05-31', 'prospecting'],
  ['o10', 'rep-2', 30001, '2026-05-15', 'won', '2026-03-31T16:00:00.000Z'], // Shanghai 04-01 00:00: 31 days
  ['o11', 'rep-2', 99, '2026-06-01', 'qualification'],
  ['o12', 'rep-2', 3, '2026-06-30', 'negotiation'],
  ['o13', 'rep-2', 1000, '2026-06-10', 'lost', '2026-03-07T00:00:00.000Z'],
  ['o14', 'rep-2', 7, '2026-06-20', 'won', '2026-03-01T15:59:59.999Z'], // same Shanghai date: 0 days
  ['o15', 'rep-2', 1, '2026-06-05', 'proposal'],
];

const buildFixture = async () => {
  const env = setup();
  const { send } = env;
  const ok = async (type: string, data: Record<string, unknown>) => expect(E.isRight(await send(type, data)), `${type} ${JSON.stringify(data)}`).toBe(true);
  for (const [id, owner, amount, close, stage, closedAt] of FIXTURE) {
    await ok('OpenOpportunity', { opportunityId: id, title: `deal ${id}`, amount, expectedCloseDate: close, ownerId: owner, territoryId: null, leadId: null, customerId: `c-${id}`, at: OPENED });
    if (stage === 'won' || stage === 'lost') {
      await ok('MoveOpportunityStage', { opportunityId: id, stage: 'proposal', at: BEFORE_CLOSE });
      if (stage === 'won') await ok('WinOpportunity', { opportunityId: id, at: closedAt });
      else await ok('LoseOpportunity', { opportunityId: id, reason: 'price', note: null, at: closedAt });
    } else if (stage !== 'prospecting') await ok('MoveOpportunityStage', { opportunityId: id, stage, at: MOVED });
  }
  await ok('ChangeOpportunityAmount', { opportunityId: 'o07', amount: 12347, at: '2026-03-08T00:00:00.000Z' });
  await ok('ChangeOpportunityCloseDate', { opportunityId: 'o07', expectedCloseDate: '2026-05-20', at: '2026-03-08T00:00:00.000Z' });
  await env.runner.catchUp();
  return { ...env, docs: await readOpportunities(env.readModels, 'shop1') };
};

describe('sales reports on the hand-computed fixture (15 opportunities, April–June 2026)', () => {
  it('forecast per month of expected close: weighted floors each opportunity, best case sums the open ones', async () => {
    const { docs } = await buildFixture();
    expect(docs).toHaveLength(15);
    expect(forecastOf(docs)).toEqual([
      // 1234 + 1999 + 166 + 750 + 50000 (won at 100%); open 12345 + 9999 + 333 + 1001
      { month: '2026-04', weighted: 54149, bestCase: 23678, won: 50000, open: 4 },
      // 582 + 6173 + 1 + 30001; open 777 + 12347 + 19 (o07 moved here with its new amount; o08 lost)
      { month: '2026-05', weighted: 36757, bestCase: 13143, won: 30001, open: 3 },
      // 19 + 2 + 7 + 0 (⌊1 × 50%⌋ = 0); open 99 + 3 + 1
      { month: '2026-06', weighted: 28, bestCase: 103, won: 7, open: 3 },
    ]);
  });

  it('win rate 3 ÷ 5 and the average cycle (19 + 31 + 0) ÷ 3 days in Shanghai dates', async () => {
    const { docs } = await buildFixture();
    expect(winRateOf(docs)).toEqual({ numerator: 3, denominator: 5, percent: 60 });
    expect(salesCycleOf(docs, 'Asia/Shanghai')).toEqual({ won: 3, totalDays: 50, average: { numerator: 50, denominator: 3, days: 16.67 } });
    // in UTC dates o05 closes on 03-20 (19), o10 on 03-31 (30), o14 on 03-01 (0)
    expect(salesCycleOf(docs, 'UTC').totalDays).toBe(49);
    expect(winRateOf([])).toBeNull();
    expect(salesCycleOf([], 'UTC').average).toBeNull();
  });

  it('pipeline by owner and stage', async () => {
    const { docs } = await buildFixture();
    expect(pipelineOf(docs)).toEqual([
      { ownerId: 'rep-1', stage: 'prospecting', count: 1, amount: 12345, weighted: 1234 },
      { ownerId: 'rep-1', stage: 'qualification', count: 1, amount: 9999, weighted: 1999 },
      { ownerId: 'rep-1', stage: 'proposal', count: 2, amount: 12680, weighted: 6339 },
      { ownerId: 'rep-1', stage: 'negotiation', count: 2, amount: 1778, weighted: 1332 },
      { ownerId: 'rep-2', stage: 'prospecting', count: 1, amount: 19, weighted: 1 },
      { ownerId: 'rep-2', stage: 'qualification', count: 1, amount: 99, weighted: 19 },
      { ownerId: 'rep-2', stage: 'proposal', count: 1, amount: 1, weighted: 0 },
      { ownerId: 'rep-2', stage: 'negotiation', count: 1, amount: 3, weighted: 2 },
    ]);
  });

  it('stage ageing as of a date counts calendar days in the current stage (amount changes do not reset it)', async () => {
    const { docs } = await buildFixture();
    const ageing = stageAgeingOf(docs, '2026-03-10T00:00:00.000Z', 'Asia/Shanghai');
    expect(ageing.map((r) => [r.opportunityId, r.stage, r.days])).toEqual([
      ['o01', 'prospecting', 9],
      ['o09', 'prospecting', 9],
      ['o02', 'qualification', 5],
      ['o03', 'proposal', 5],
      ['o04', 'negotiation', 5],
      ['o06', 'negotiation', 5],
      ['o07', 'proposal', 5],
      ['o11', 'qualification', 5],
      ['o12', 'negotiation', 5],
      ['o15', 'proposal', 5],
    ]);
    // before the moves, only what existed then
    expect(stageAgeingOf(docs, '2026-03-04T00:00:00.000Z', 'Asia/Shanghai').map((r) => r.opportunityId)).toEqual(['o01', 'o09']);
  });
});

const stages = [...OPEN_STAGES, 'won', 'lost'] as const;
const docArb = fc
  .record({
    id: fc.integer({ min: 0, max: 99 }),
    owner: fc.constantFrom('rep-1', 'rep-2'),
    amount: fc.nat({ max: 10_000_000_000 }),
    month: fc.constantFrom('2026-04', '2026-05', '2026-06'),
    stage: fc.constantFrom(...stages),
    probability: fc.integer({ min: 0, max: 100 }),
  })
  .map(
    ({ id, owner, amount, month, stage, probability }): OpportunityDoc => ({
      tenantId: 'shop1',
      opportunityId: `o${id}`,
      title: 't',
      ownerId: owner,
      territoryId: null,
      leadId: null,
      customerId: 'c',
      amount,
      expectedCloseDate: `${month}-15`,
      stage,
      probability: stage === 'won' ? 100 : stage === 'lost' ? 0 : probability,
      openedAt: OPENED,
      stageSince: OPENED,
      closedAt: null,
      lossReason: null,
      documents: {},
    }),
  );

describe('sales reports: properties', () => {
  it('property: the forecast equals a plain recomputation (BigInt, no shared helper)', () =>
    fc.assert(
      fc.property(fc.array(docArb, { maxLength: 40 }), (docs) => {
        const expected: Record<string, { weighted: bigint; bestCase: bigint }> = {};
        for (const d of docs) {
          if (d.stage === 'lost') continue;
          const m = (expected[d.expectedCloseDate.slice(0, 7)] ??= { weighted: 0n, bestCase: 0n });
          m.weighted += (BigInt(d.amount) * BigInt(d.probability)) / 100n; // BigInt division truncates: floor for non-negatives
          if (d.stage !== 'won') m.bestCase += BigInt(d.amount);
        }
        const got = forecastOf(docs);
        expect(got.map((r) => r.month)).toEqual(Object.keys(expected).sort());
        for (const r of got) {
          expect(BigInt(r.weighted)).toBe(expected[r.month]!.weighted);
          expect(BigInt(r.bestCase)).toBe(expected[r.month]!.bestCase);
        }
        const won = docs.filter((d) => d.stage === 'won').length;
        const lost = docs.filter((d) => d.stage === 'lost').length;
        const rate = winRateOf(docs);
        if (won + lost === 0) expect(rate).toBeNull();
        else expect(rate).toMatchObject({ numerator: won, denominator: won + lost });
      }),
    ));

  const ids = ['o1', 'o2', 'o3'];
  const command = fc.oneof(
    fc.tuple(fc.constantFrom(...ids), fc.nat({ max: 100000 })).map(([opportunityId, amount]) => [
      'OpenOpportunity',
      { opportunityId, title: 'x', amount, expectedCloseDate: '2026-04-01', ownerId: 'rep-1', territoryId: null, leadId: null, customerId: 'c-1', at: OPENED },
    ] as const),
    fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...OPEN_STAGES)).map(([opportunityId, stage]) => ['MoveOpportunityStage', { opportunityId, stage, at: MOVED }] as const),
    fc.constantFrom(...ids).map((opportunityId) => ['WinOpportunity', { opportunityId, at: MOVED }] as const),
    fc.constantFrom(...ids).map((opportunityId) => ['LoseOpportunity', { opportunityId, reason: 'timing', note: null, at: MOVED }] as const),
    fc.tuple(fc.constantFrom(...ids), fc.nat({ max: 100000 })).map(([opportunityId, amount]) => ['ChangeOpportunityAmount', { opportunityId, amount, at: MOVED }] as const),
    fc.tuple(fc.constantFrom(...ids), fc.constantFrom('2026-05-02', '2026-06-03')).map(([opportunityId, expectedCloseDate]) => ['ChangeOpportunityCloseDate', { opportunityId, expectedCloseDate, at: MOVED }] as const),
    fc.tuple(fc.constantFrom(...ids), fc.constantFrom('rep-1', 'rep-2')).map(([opportunityId, ownerId]) => ['ReassignOpportunity', { opportunityId, ownerId, territoryId: null, at: MOVED }] as const),
    fc.tuple(fc.constantFrom(...ids), fc.constantFrom('d1', 'd2')).map(([opportunityId, documentId]) => ['AttachOpportunityDocument', { opportunityId, documentId, kind: 'contract', name: 'c', version: 1, at: MOVED }] as const),
    fc.tuple(fc.constantFrom(...ids), fc.constantFrom('sent', 'accepted', 'rejected')).map(([opportunityId, status]) => ['ChangeOpportunityDocumentStatus', { opportunityId, documentId: 'd1', status, at: MOVED }] as const),
  );

  it('property: rebuild equals incremental equals foldProjection', () =>
    fc.assert(
      fc.asyncProperty(fc.array(command, { maxLength: 30 }), fc.integer({ min: 1, max: 4 }), async (cmds, every) => {
        const { send, runner, readModels, all } = setup();
        for (const [i, [type, data]] of cmds.entries()) {
          await send(type, data);
          if (i % every === 0) await runner.catchUp();
        }
        await runner.catchUp();
        const reference = [...foldProjection(opportunityBook, await all()).values()].sort((a, b) => (a.opportunityId < b.opportunityId ? -1 : 1));
        expect(await readOpportunities(readModels, 'shop1')).toEqual(reference);
        await runner.rebuild();
        expect(await readOpportunities(readModels, 'shop1')).toEqual(reference);
      }),
      { numRuns: 40 },
    ));
});
