import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { MemoryEventStore, MemoryReadModelStore } from '@rapport/memory';
import { createCrmKernel } from '../crm/createCrm.js';
import { fixedClock } from '../kernel/clock.js';
import { EventRegistry } from '../kernel/registry.js';
import { serviceModule } from '../service/module.js';
import type { AgentShiftKpi } from '../service/projections/agentKpi.js';
import { complaintsModule } from './module.js';
import type { ComplaintDetail } from './projections/complaintDetail.js';

const setup = () => {
  const registry = new EventRegistry();
  const clock = fixedClock('2026-03-02T15:00:00.000Z');
  const eventStore = new MemoryEventStore({ registry, clock });
  const readModels = new MemoryReadModelStore();
  const crm = createCrmKernel({ eventStore, readModels, registry, clock, modules: [complaintsModule, serviceModule] });
  let n = 0;
  const send = async (type: string, data: Record<string, unknown>) => {
    const r = await crm.handle({ type, data, metadata: { commandId: `c-${++n}`, tenantId: 'shop-1', actor: { kind: 'agent', id: 'desk' } } });
    if (E.isLeft(r)) throw new Error(r.left.message);
  };
  return { crm, send, readModels, eventStore };
};

describe('complaints and service modules in the assembled kernel', () => {
  it('runDue records a breach and escalates once, idempotently for the same now', async () => {
    const { crm, send, readModels, eventStore } = setup();
    await send('FileComplaint', { complaintId: 'cp-1', customerId: 'c-ann', category: 'logistics', channel: 'chat', severity: 'minor', customerTier: 'regular', at: '2026-03-02T15:00:00.000Z' });
    const early = await crm.runDue('2026-03-03T01:00:00.000Z', 'shop-1'); // exactly due: met
    expect(E.isRight(early) && early.right).toEqual({ issued: 0, repeated: 0, refused: [] });
    const first = await crm.runDue('2026-03-03T01:00:00.001Z', 'shop-1');
    expect(E.isRight(first) && first.right).toEqual({ issued: 1, repeated: 0, refused: [] });
    const size = eventStore.size;
    const again = await crm.runDue('2026-03-03T01:00:00.001Z', 'shop-1');
    expect(E.isRight(again) && again.right.issued).toBe(0);
    expect(eventStore.size).toBe(size);
    const d = await readModels.get<ComplaintDetail>('complaints.detail', 'shop-1', 'cp-1');
    expect(d).toMatchObject({ level: 2, breaches: { firstResponse: { dueAt: '2026-03-03T01:00:00.000Z' } } });
  });

  it('the conversion reactor runs in settle, and the KPIs see the payment', async () => {
    const { crm, send, readModels } = setup();
    await send('OpenInquiry', { inquiryId: 'iq-1', customerId: 'c-bob', channel: 'chat', agentId: 'ag-amy', at: '2026-03-03T02:00:00.000Z' });
    await crm.settle();
    await send('RecordCustomerPayment', { customerId: 'c-bob', orderId: 'o-1', amount: 1000, paidAt: '2026-03-04T01:59:00.000Z' });
    await crm.settle();
    const doc = await readModels.get<AgentShiftKpi>('service.agentKpi', 'shop-1', '2026-03-03.day.ag-amy');
    expect(doc?.kpi.conversion).toEqual({ numerator: 1, denominator: 1, percent: 100 });
  });

  it('bad input to a service command is a ValidationError naming the field, and nothing is appended', async () => {
    const { crm, eventStore } = setup();
    const r = await crm.handle({ type: 'OpenInquiry', data: { inquiryId: 'iq 1', customerId: 'c-bob', channel: 'fax', agentId: 'ag-amy', at: 'yesterday' }, metadata: { commandId: 'x', tenantId: 'shop-1', actor: { kind: 'agent', id: 'desk' } } });
    const paths = E.isLeft(r) && r.left.kind === 'ValidationError' ? r.left.issues.map((i) => i.path) : [];
    expect(paths).toEqual(expect.arrayContaining([['data', 'inquiryId'], ['data', 'channel'], ['data', 'at']]));
    const p = await crm.handle({ type: 'RecordCustomerPayment', data: { customerId: 'c-bob', orderId: 'o-1', amount: 10.5, paidAt: '2026-03-04T01:59:00.000Z' }, metadata: { commandId: 'y', tenantId: 'shop-1', actor: { kind: 'system', id: 'orders' } } });
    expect(E.isLeft(p) && p.left.kind === 'ValidationError' && p.left.issues.map((i) => i.path)).toEqual([['data', 'amount']]);
    expect(eventStore.size).toBe(0);
  });
});
