import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { MemoryEventStore, MemoryReadModelStore } from '@rapport/memory';
import { createCommandBus } from '../../kernel/commandBus.js';
import { steppingClock } from '../../kernel/clock.js';
import type { Command } from '../../kernel/command.js';
import type { StoredEvent } from '../../kernel/envelope.js';
import { foldProjection } from '../../kernel/projection.js';
import { ProjectionRunner } from '../../kernel/projectionRunner.js';
import { eventRegistry } from '../../kernel/registry.js';
import { LeadEvent } from '../events.js';
import { leadHandler } from '../handlers.js';
import { rateOf } from '../rate.js';
import { leadFunnel, UNASSIGNED, type LeadFunnelDoc } from './leadFunnel.js';

const leads = ['lead-1', 'lead-2', 'lead-3', 'lead-4'] as const;
const agents = ['agent-1', 'agent-2', 'agent-3'] as const;

const setup = () => {
  const registry = eventRegistry(LeadEvent);
  const clock = steppingClock('2026-05-01T00:00:00.000Z', 1000);
  const store = new MemoryEventStore({ registry, clock });
  const bus = createCommandBus([leadHandler], { eventStore: store, registry, clock });
  const readModels = new MemoryReadModelStore();
  const runner = new ProjectionRunner({ eventStore: store, readModels, projections: [leadFunnel], batchSize: 2 });
  const all = async () => {
    const out: StoredEvent<LeadEvent>[] = [];
    for await (const e of store.readAll<LeadEvent>()) out.push(e);
    return out;
  };
  let n = 0;
  const send = (type: string, data: Record<string, unknown>) =>
    bus.handle({ type, data, metadata: { commandId: `cmd-${++n}`, tenantId: 'shop1', actor: { kind: 'agent', id: 'agent-1' } } } as Command);
  const docs = async () => {
    const out = new Map<string, LeadFunnelDoc>();
    for (const id of [UNASSIGNED, ...agents]) {
      const d = await readModels.get<LeadFunnelDoc>('leads.funnel', 'shop1', id);
      if (d) out.set(`shop1/${id}`, d);
    }
    return out;
  };
  return { store, send, runner, all, docs };
};

describe('rateOf', () => {
  it('is an exact fraction with the percentage rounded half-up to 2 decimals; null on 0', () => {
    expect(rateOf(1, 3)).toEqual({ numerator: 1, denominator: 3, percent: 33.33 });
    expect(rateOf(2, 3)).toEqual({ numerator: 2, denominator: 3, percent: 66.67 });
    expect(rateOf(1, 8)).toEqual({ numerator: 1, denominator: 8, percent: 12.5 });
    expect(rateOf(1, 1600)?.percent).toBe(0.06); // 0.0625 % → 0.06
    expect(rateOf(1, 80000)?.percent).toBe(0); // 0.00125 %
    expect(rateOf(1, 20000)?.percent).toBe(0.01); // exactly 0.005 % → half up
    expect(rateOf(1, 20001)?.percent).toBe(0); // just below the half
    expect(rateOf(0, 0)).toBeNull();
  });
});

describe('leads.funnel', () => {
  it('counts each agent’s leads by how far they got, and moves a reassigned lead with its history', async () => {
    const { send, runner, docs } = setup();
    const capture = (id: string) => send('CaptureLead', { leadId: id, source: 'live stream', interest: 'down jackets' });
    for (const id of leads) await capture(id);
    for (const id of ['lead-1', 'lead-2', 'lead-3']) await send('AssignLead', { leadId: id, agentId: 'agent-1' });
    await send('QualifyLead', { leadId: 'lead-1' });
    await send('ConvertLead', { leadId: 'lead-1', customerId: 'c-ann' });
    await send('QualifyLead', { leadId: 'lead-2' });
    await send('LoseLead', { leadId: 'lead-2', reason: 'noResponse' });
    await send('QualifyLead', { leadId: 'lead-3' });
    await runner.catchUp();
    let d = await docs();
    expect(d.get('shop1/agent-1')).toMatchObject({
      agentId: 'agent-1',
      captured: 3,
      qualified: 3,
      converted: 1,
      lost: 1,
      open: 1,
      conversionRate: { numerator: 1, denominator: 3, percent: 33.33 },
    });
    expect(d.get(`shop1/${UNASSIGNED}`)).toMatchObject({ agentId: null, captured: 1, qualified: 0, converted: 0, lost: 0, conversionRate: { numerator: 0, denominator: 1, percent: 0 } });

    // the qualified lead goes to agent-2 and converts there
    await send('AssignLead', { leadId: 'lead-3', agentId: 'agent-2' });
    await send('ConvertLead', { leadId: 'lead-3', customerId: 'c-bo' });
    await runner.catchUp();
    d = await docs();
    expect(d.get('shop1/agent-1')).toMatchObject({ captured: 2, qualified: 2, converted: 1, lost: 1, open: 0, conversionRate: { numerator: 1, denominator: 2, percent: 50 } });
    expect(d.get('shop1/agent-2')).toMatchObject({ agentId: 'agent-2', captured: 1, qualified: 1, converted: 1, conversionRate: { numerator: 1, denominator: 1, percent: 100 } });

    // an agent who gave up every lead has a null rate
    await send('AssignLead', { leadId: 'lead-4', agentId: 'agent-3' });
    await send('AssignLead', { leadId: 'lead-4', agentId: 'agent-1' });
    await runner.catchUp();
    d = await docs();
    expect(d.get('shop1/agent-3')).toMatchObject({ captured: 0, conversionRate: null });
    expect(d.get(`shop1/${UNASSIGNED}`)).toMatchObject({ captured: 0, conversionRate: null });
  });

  it('bad input is refused by field path and appends nothing', async () => {
    const { send, all } = setup();
    await send('CaptureLead', { leadId: 'lead-1', source: 'fair', interest: 'coats' });
    const before = (await all()).length;
    const cases: [string, Record<string, unknown>, (string | number)[][]][] = [
      ['LoseLead', { leadId: 'lead-1', reason: 'fax' }, [['data', 'reason']]],
      ['AssignLead', { leadId: 'lead-1', agentId: 42 }, [['data', 'agentId']]],
      ['CaptureLead', { leadId: 'lead 2', source: '', interest: 'coats' }, [['data', 'leadId'], ['data', 'source']]],
      ['ConvertLead', { leadId: 'lead-1' }, [['data', 'customerId']]],
      ['LoseLead', { leadId: 'lead-1', reason: 'other', note: 7 }, [['data', 'note']]],
    ];
    for (const [type, data, paths] of cases) {
      const r = await send(type, data);
      expect(E.isLeft(r) && r.left.kind === 'ValidationError' && r.left.issues.map((i) => i.path), type).toEqual(paths);
    }
    expect((await all()).length).toBe(before);
  });

  const command = fc.oneof(
    fc.constantFrom(...leads).map((leadId) => ['CaptureLead', { leadId, source: 'fair', interest: 'coats' }] as const),
    fc.constantFrom(...leads).map((leadId) => ['QualifyLead', { leadId }] as const),
    fc.tuple(fc.constantFrom(...leads), fc.constantFrom(...agents)).map(([leadId, agentId]) => ['AssignLead', { leadId, agentId }] as const),
    fc.constantFrom(...leads).map((leadId) => ['ConvertLead', { leadId, customerId: `c-${leadId}` }] as const),
    fc.constantFrom(...leads).map((leadId) => ['LoseLead', { leadId, reason: 'other' }] as const),
  );

  it('property: rebuild equals incremental equals foldProjection', () =>
    fc.assert(
      fc.asyncProperty(fc.array(command, { maxLength: 30 }), fc.integer({ min: 1, max: 4 }), async (cmds, every) => {
        const { send, runner, all, docs } = setup();
        for (const [i, [type, data]] of cmds.entries()) {
          await send(type, data);
          if (i % every === 0) await runner.catchUp();
        }
        await runner.catchUp();
        const reference = foldProjection(leadFunnel, await all());
        expect(await docs()).toEqual(reference);
        await runner.rebuild();
        expect(await docs()).toEqual(reference);
      }),
      { numRuns: 40 },
    ));

  it('property: the counts equal a plain recount of each lead’s final agent, stage and whether it was qualified', () =>
    fc.assert(
      fc.asyncProperty(fc.array(command, { maxLength: 30 }), async (cmds) => {
        const { send, all } = setup();
        for (const [type, data] of cmds) await send(type, data);
        const events = await all();
        // the recount: walk the accepted events per lead
        const byLead = new Map<string, { agent: string; stage: string; qualified: boolean }>();
        for (const e of events) {
          const l = byLead.get(e.data.leadId) ?? { agent: UNASSIGNED, stage: 'captured', qualified: false };
          if (e.type === 'LeadAssigned') l.agent = e.data.agentId;
          if (e.type === 'LeadQualified') Object.assign(l, { stage: 'qualified', qualified: true });
          if (e.type === 'LeadConverted') l.stage = 'converted';
          if (e.type === 'LeadLost') l.stage = 'lost';
          byLead.set(e.data.leadId, l);
        }
        const docs = foldProjection(leadFunnel, events);
        for (const agent of [UNASSIGNED, ...agents]) {
          const mine = [...byLead.values()].filter((l) => l.agent === agent);
          const doc = docs.get(`shop1/${agent}`);
          const count = (f: (l: (typeof mine)[number]) => boolean) => mine.filter(f).length;
          expect(doc?.captured ?? 0).toBe(mine.length);
          expect(doc?.qualified ?? 0).toBe(count((l) => l.qualified));
          expect(doc?.converted ?? 0).toBe(count((l) => l.stage === 'converted'));
          expect(doc?.lost ?? 0).toBe(count((l) => l.stage === 'lost'));
          if (doc) expect(doc.conversionRate).toEqual(mine.length === 0 ? null : rateOf(count((l) => l.stage === 'converted'), mine.length));
        }
      }),
      { numRuns: 60 },
    ));
});
