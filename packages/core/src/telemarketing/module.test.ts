import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { MemoryEventStore, MemoryReadModelStore } from '@rapport/memory';
import { fixedClock } from '../kernel/clock.js';
import { EventRegistry } from '../kernel/registry.js';
import { createCrmKernel } from '../crm/createCrm.js';
import { customersModule } from '../customers/module.js';
import { activitiesModuleFor } from '../activities/module.js';
import { buildCallList } from './buildCallList.js';
import { telemarketingModule, telemarketingModuleFor } from './module.js';
import { defaultTelemarketingPolicy, telemarketingPolicy } from './policy.js';
import { telemarketingReads } from './reads.js';

const meta = (commandId: string) => ({ commandId, tenantId: 'shop1', actor: { kind: 'agent' as const, id: 'sup-1' } });
const setup = (policy = defaultTelemarketingPolicy) => {
  const registry = new EventRegistry();
  const eventStore = new MemoryEventStore({ registry });
  const readModels = new MemoryReadModelStore();
  const kernel = createCrmKernel({ eventStore, readModels, registry, clock: fixedClock('2026-06-01T00:00:00.000Z'), modules: [customersModule, activitiesModuleFor(), telemarketingModuleFor(policy)] });
  return { kernel, eventStore, readModels };
};
const count = async (store: MemoryEventStore) => {
  let n = 0;
  for await (const _ of store.readAll()) n++;
  return n;
};

describe('telemarketingModuleFor', () => {
  it('names its projections and takes the policy’s list size', async () => {
    expect(telemarketingModule.projections.map((p) => p.name)).toEqual(['telemarketing.listProgress', 'telemarketing.customerCalls']);
    const { kernel, eventStore, readModels } = setup({ ...defaultTelemarketingPolicy, maxListSize: 1 });
    const candidates = ['c-1', 'c-2'].map((customerId) => ({ customerId, consent: { status: 'never', since: null, customerPosition: null } }));
    const r = await kernel.handle({ type: 'BuildCallList', data: { listId: 'L1', name: 'x', agents: ['a-1'], candidates, at: '2026-06-01T02:00:00.000Z' }, metadata: meta('b1') });
    expect(r).toMatchObject({ left: { code: 'TELEMARKETING_LIST_TOO_LARGE', path: ['data', 'candidates'] } });
    expect(await count(eventStore)).toBe(0);
    ok(await buildCallList({ handle: kernel.handle, eventStore }, { data: { listId: 'L1', name: 'x', agents: ['a-1'], customerIds: ['c-1'], at: '2026-06-01T02:00:00.000Z' }, metadata: meta('b2') }));
    await kernel.settle();
    // c-1 is not a customer: left off, with the reason
    expect(await telemarketingReads(readModels).list('shop1', 'L1')).toMatchObject({ size: 0, excluded: 1 });
  });

  it('refuses commands sent directly with bad data at their field paths, writing nothing', async () => {
    const { kernel, eventStore } = setup();
    const r = await kernel.handle({
      type: 'RecordCall',
      data: { listId: 'L1', callId: 'k1', customerId: 'c-1', agentId: 'a-1', outcome: 'hungUp', callbackAt: null, at: '2026-06-02T02:00:00.000Z', consent: { status: 'given', since: 'then', customerPosition: 1 } },
      metadata: meta('r1'),
    });
    expect(E.isLeft(r) && r.left.kind === 'ValidationError' ? r.left.issues.map((i) => i.path) : r).toEqual([
      ['data', 'outcome'],
      ['data', 'consent', 'since'],
    ]);
    expect(await count(eventStore)).toBe(0);
  });

  it('validates the policy slice', () => {
    expect(telemarketingPolicy({ conversionWindowDays: 14 })).toEqual(E.right({ ...defaultTelemarketingPolicy, conversionWindowDays: 14 }));
    expect(telemarketingPolicy({ maxListSize: 0 })).toMatchObject({ left: { issues: [{ path: ['maxListSize'] }] } });
  });
});

const ok = <T>(r: E.Either<unknown, T>): T => {
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  return r.right;
};
