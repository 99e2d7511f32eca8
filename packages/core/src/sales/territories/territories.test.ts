import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { MemoryEventStore, MemoryReadModelStore } from '@rapport/memory';
import { fixedClock } from '../../kernel/clock.js';
import { make } from '../../kernel/codecs.js';
import { fold } from '../../kernel/decider.js';
import type { StoredEvent } from '../../kernel/envelope.js';
import { foldProjection } from '../../kernel/projection.js';
import { EventRegistry } from '../../kernel/registry.js';
import { createCrmKernel } from '../../crm/createCrm.js';
import { leadsModule } from '../../leads/module.js';
import { salesModuleFor } from '../module.js';
import { salesReads } from '../reads.js';
import { territoryBook, type TerritoryBookDoc } from './book.js';
import { TerritoryCommand } from './commands.js';
import { nextRep, territoryDecider } from './decider.js';
import type { TerritoryEvent } from './events.js';
import { matchTerritory, specificityOf } from './match.js';
import { assignToTerritory, redefineTerritory } from './workflows.js';
import type { CriteriaLike as TerritoryCriteria, SubjectLike as TerritorySubject } from './match.js';

const at = '2026-07-01T00:00:00.000Z';
const meta = (commandId: string) => ({ commandId, tenantId: 'shop1', actor: { kind: 'agent' as const, id: 'boss' } });

describe('territory matching', () => {
  const ts = (...list: [string, TerritoryCriteria][]) => list.map(([territoryId, criteria]) => ({ territoryId, criteria }));
  const all = ts(['t-ind', { industries: ['apparel'] }], ['t-zj', { provinces: ['浙江'] }], ['t-hz', { cities: ['杭州'] }], ['t-pc', { postcodePrefixes: ['3100'] }], ['t-pc2', { postcodePrefixes: ['31001'] }]);
  const full: TerritorySubject = { province: '浙江', city: '杭州', postcode: '310012', industry: 'apparel' };

  it('most specific wins: postcode (longest prefix) > city > province > industry', () => {
    expect(matchTerritory(all, full)).toBe('t-pc2');
    expect(matchTerritory(all.filter((t) => t.territoryId !== 't-pc2'), full)).toBe('t-pc');
    expect(matchTerritory(all, { ...full, postcode: '320000' })).toBe('t-hz');
    expect(matchTerritory(all, { province: '浙江', industry: 'apparel' })).toBe('t-zj');
    expect(matchTerritory(all, { province: '江苏', industry: 'apparel' })).toBe('t-ind');
    expect(matchTerritory(all, { province: '江苏' })).toBeUndefined();
    // equal specificity: the smaller id
    expect(matchTerritory(ts(['t-b', { cities: ['杭州'] }], ['t-a', { cities: ['杭州'] }]), full)).toBe('t-a');
  });

  it('property: the match is the territory a plain ranking puts first', () => {
    const criteria = fc.record(
      { provinces: fc.subarray(['浙江', '江苏']), cities: fc.subarray(['杭州', '宁波']), postcodePrefixes: fc.subarray(['3', '31', '310', '3100', '32']), industries: fc.subarray(['apparel', 'food']) },
      { requiredKeys: [] },
    );
    const subject = fc.record(
      { province: fc.constantFrom('浙江', '江苏'), city: fc.constantFrom('杭州', '宁波'), postcode: fc.constantFrom('310012', '320001', '315000'), industry: fc.constantFrom('apparel', 'food') },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(criteria, { maxLength: 6 }), subject, (cs, s) => {
        const list = cs.map((criteria, i) => ({ territoryId: `t-${i}`, criteria }));
        const rank = (c: TerritoryCriteria): number => {
          const pc = s.postcode === undefined ? [] : (c.postcodePrefixes ?? []).filter((p) => s.postcode!.startsWith(p));
          if (pc.length > 0) return 400 + Math.max(...pc.map((p) => p.length));
          if (s.city !== undefined && c.cities?.includes(s.city)) return 300;
          if (s.province !== undefined && c.provinces?.includes(s.province)) return 200;
          if (s.industry !== undefined && c.industries?.includes(s.industry)) return 100;
          return 0;
        };
        const ranked = list.map((t) => ({ id: t.territoryId, r: rank(t.criteria) })).filter((x) => x.r > 0);
        ranked.sort((a, b) => b.r - a.r || (a.id < b.id ? -1 : 1));
        expect(matchTerritory(list, s)).toBe(ranked[0]?.id);
        for (const t of list) expect(specificityOf(t.criteria, s) === undefined).toBe(rank(t.criteria) === 0);
      }),
    );
  });
});

describe('territory decider', () => {
  const cmd = make(TerritoryCommand);
  const define = cmd({ type: 'DefineTerritory', data: { territoryId: 't-1', name: 'Hangzhou', criteria: { cities: ['杭州'] }, at } });
  const reps = (...r: string[]) => cmd({ type: 'AssignTerritoryReps', data: { territoryId: 't-1', reps: r, at } });
  const item = (itemId: string) => cmd({ type: 'AssignTerritoryItem', data: { territoryId: 't-1', kind: 'lead', itemId, subject: {}, previousTerritoryId: null, previousRepId: null, at } });
  const run = (cs: TerritoryCommand[]) => {
    let s = territoryDecider.initialState();
    return cs.map((c) => {
      const r = territoryDecider.decide(c, s);
      if (E.isRight(r)) s = fold(territoryDecider, s, r.right);
      return r;
    });
  };

  it('refuses empty criteria, repeated reps, items without reps, unknown territories', () => {
    expect(run([cmd({ type: 'DefineTerritory', data: { ...define.data, criteria: { cities: [] } } })])[0]).toMatchObject({ left: { code: 'TERRITORY_NO_CRITERIA', path: ['data', 'criteria'] } });
    expect(run([define, reps('r-1', 'r-2', 'r-1')])[1]).toMatchObject({ left: { code: 'TERRITORY_DUPLICATE_REP', path: ['data', 'reps', 2] } });
    expect(run([define, item('l-1')])[1]).toMatchObject({ left: { code: 'TERRITORY_NO_REPS' } });
    expect(run([item('l-1')])[0]).toMatchObject({ left: { code: 'TERRITORY_NOT_FOUND' } });
    expect(run([define, define])[1]).toMatchObject({ left: { code: 'TERRITORY_EXISTS' } });
  });

  it('a new rep list continues after the last rep when still listed, else from the first', () => {
    const rs = run([define, reps('r-1', 'r-2', 'r-3'), item('a'), reps('r-3', 'r-1', 'r-2'), item('b'), reps('r-9', 'r-8'), item('c')]);
    expect([rs[2]!, rs[4]!, rs[6]!].map((r) => (E.isRight(r) ? (r.right[0]!.data as { repId: string }).repId : null))).toEqual(['r-1', 'r-2', 'r-9']);
  });

  it('property: items go round the reps in order', () =>
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 20 }), (n, k) => {
        const names = Array.from({ length: n }, (_, i) => `r-${i}`);
        const rs = run([define, reps(...names), ...Array.from({ length: k }, (_, i) => item(`l-${i}`))]).slice(2);
        expect(rs.map((r) => (E.isRight(r) ? (r.right[0]!.data as { repId: string }).repId : null))).toEqual(Array.from({ length: k }, (_, i) => names[i % n]));
        expect(nextRep([], null)).toBeUndefined();
      }),
    ));
});

const setup = () => {
  const registry = new EventRegistry();
  const eventStore = new MemoryEventStore({ registry });
  const readModels = new MemoryReadModelStore();
  const kernel = createCrmKernel({ eventStore, readModels, registry, clock: fixedClock(at), modules: [leadsModule, salesModuleFor()] });
  const deps = { handle: kernel.handle, eventStore };
  let n = 0;
  const send = async (type: string, data: Record<string, unknown>) => {
    const r = await kernel.handle({ type, data, metadata: meta(`c-${++n}`) });
    expect(E.isRight(r), `${type} ${E.isLeft(r) ? JSON.stringify(r.left) : ''}`).toBe(true);
  };
  const events = async () => {
    const out: StoredEvent[] = [];
    for await (const e of eventStore.readAll()) out.push(e);
    return out;
  };
  const territory = async (territoryId: string, criteria: TerritoryCriteria, reps: string[]) => {
    await send('DefineTerritory', { territoryId, name: territoryId, criteria, at });
    await send('AssignTerritoryReps', { territoryId, reps, at });
  };
  const lead = async (leadId: string, subject: TerritorySubject) => {
    await send('CaptureLead', { leadId, source: 'fair', interest: 'uniforms' });
    return assignToTerritory(deps, { data: { kind: 'lead', itemId: leadId, subject, at }, metadata: meta(`assign-${leadId}`) });
  };
  return { kernel, deps, send, events, territory, lead, readModels };
};

describe('territory workflows', () => {
  it('round-robin: 7 leads over 3 reps, in turn; a retried assignment repeats nothing', async () => {
    const { territory, lead, events, deps } = setup();
    await territory('t-hz', { cities: ['杭州'] }, ['r-1', 'r-2', 'r-3']);
    const got: string[] = [];
    for (let i = 1; i <= 7; i++) {
      const r = await lead(`l-${i}`, { city: '杭州' });
      got.push(E.isRight(r) ? r.right.repId : 'refused');
    }
    expect(got).toEqual(['r-1', 'r-2', 'r-3', 'r-1', 'r-2', 'r-3', 'r-1']);
    const before = (await events()).length;
    expect(await assignToTerritory(deps, { data: { kind: 'lead', itemId: 'l-7', subject: { city: '杭州' }, at }, metadata: meta('assign-l-7') })).toEqual(E.right({ territoryId: 't-hz', repId: 'r-1' }));
    expect((await events()).length).toBe(before);
    const assigned = (await events()).filter((e) => e.type === 'LeadAssigned').map((e) => (e.data as { agentId: string }).agentId);
    expect(assigned).toEqual(got);
  });

  it('refuses a subject no territory covers, a closed item and bad input, writing nothing', async () => {
    const { territory, lead, send, events, deps } = setup();
    await territory('t-hz', { cities: ['杭州'] }, ['r-1']);
    const before = (await events()).length;
    expect(await lead('l-1', { city: '苏州' })).toMatchObject({ left: { code: 'TERRITORY_NO_MATCH', path: ['data', 'subject'] } });
    await send('LoseLead', { leadId: 'l-1', reason: 'other' });
    const after = (await events()).length;
    expect(after).toBe(before + 2);
    expect(await assignToTerritory(deps, { data: { kind: 'lead', itemId: 'l-1', subject: { city: '杭州' }, at }, metadata: meta('x') })).toMatchObject({
      left: { code: 'TERRITORY_ITEM_NOT_OPEN', path: ['data', 'itemId'] },
    });
    const bad = await assignToTerritory(deps, { data: { kind: 'deal', itemId: 'l-1', subject: { postcode: '31' }, at }, metadata: meta('y') });
    expect(E.isLeft(bad) && bad.left.kind === 'ValidationError' ? bad.left.issues.map((i) => i.path) : []).toEqual([['data', 'kind'], ['data', 'subject', 'postcode']]);
    expect((await events()).length).toBe(after);
  });

  it('redefinition moves each open item to its best territory with one event per move', async () => {
    const { territory, lead, send, events, deps, kernel, readModels } = setup();
    await territory('t-hz', { cities: ['杭州'] }, ['r-1', 'r-2', 'r-3']);
    await territory('t-zj', { provinces: ['浙江'] }, ['z-1', 'z-2']);
    const hz = { province: '浙江', city: '杭州' };
    for (const id of ['l-1', 'l-2', 'l-3', 'l-4']) await lead(id, hz); // r-1 r-2 r-3 r-1
    await lead('l-5', { province: '浙江', city: '宁波' }); // t-zj: z-1
    await send('OpenOpportunity', { opportunityId: 'o-1', title: 'uniforms', amount: 100_000, expectedCloseDate: '2026-08-31', ownerId: 'boss', territoryId: null, leadId: null, customerId: 'c-1', at });
    expect(await assignToTerritory(deps, { data: { kind: 'opportunity', itemId: 'o-1', subject: hz, at }, metadata: meta('assign-o-1') })).toEqual(E.right({ territoryId: 't-hz', repId: 'r-2' }));
    await send('LoseLead', { leadId: 'l-2', reason: 'noBudget' });
    const before = (await events()).filter((e) => e.type === 'TerritoryItemAssigned').length;

    const moves = await redefineTerritory(deps, { data: { territoryId: 't-hz', criteria: { cities: ['宁波'] }, at }, metadata: meta('redefine') });
    expect(moves).toEqual(
      E.right([
        { kind: 'lead', itemId: 'l-1', from: 't-hz', to: 't-zj', repId: 'z-2' },
        { kind: 'lead', itemId: 'l-3', from: 't-hz', to: 't-zj', repId: 'z-1' },
        { kind: 'lead', itemId: 'l-4', from: 't-hz', to: 't-zj', repId: 'z-2' },
        { kind: 'lead', itemId: 'l-5', from: 't-zj', to: 't-hz', repId: 'r-3' },
        { kind: 'opportunity', itemId: 'o-1', from: 't-hz', to: 't-zj', repId: 'z-1' },
      ]),
    );
    const all = await events();
    expect(all.filter((e) => e.type === 'TerritoryItemAssigned').length - before).toBe(5);
    expect(all.filter((e) => e.type === 'TerritoryItemAssigned').slice(-5).map((e) => (e.data as { previousTerritoryId: string }).previousTerritoryId)).toEqual(['t-hz', 't-hz', 't-hz', 't-zj', 't-hz']);
    await kernel.settle();
    const reads = salesReads(readModels);
    expect(await reads.opportunity('shop1', 'o-1')).toMatchObject({ ownerId: 'z-1', territoryId: 't-zj' });
    const items = (d: TerritoryBookDoc | undefined) => Object.values(d?.items ?? {}).map((i) => `${i.itemId}@${i.repId}`).sort();
    expect(items(await reads.territoryBook('shop1', 't-hz'))).toEqual(['l-2@r-2', 'l-5@r-3']);
    expect(items(await reads.territoryBook('shop1', 't-zj'))).toEqual(['l-1@z-2', 'l-3@z-1', 'l-4@z-2', 'o-1@z-1']);
    // the book as a rebuild would fold it
    const reference = foldProjection(territoryBook, all as StoredEvent<TerritoryEvent>[]);
    expect(await reads.territoryBook('shop1', 't-zj')).toEqual(reference.get('shop1/t-zj'));
    // redefining again with the same criteria moves nothing
    expect(await redefineTerritory(deps, { data: { territoryId: 't-hz', criteria: { cities: ['宁波'] }, at }, metadata: meta('redefine-2') })).toEqual(E.right([]));
  });
});
