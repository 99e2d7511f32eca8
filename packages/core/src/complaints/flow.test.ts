import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { MemoryEventStore, MemoryReadModelStore } from '@rapport/memory';
import { createCommandBus } from '../kernel/commandBus.js';
import { fixedClock } from '../kernel/clock.js';
import type { IsoInstant } from '../kernel/codecs.js';
import type { StoredEvent } from '../kernel/envelope.js';
import { foldProjection } from '../kernel/projection.js';
import { ProjectionRunner } from '../kernel/projectionRunner.js';
import { eventRegistry } from '../kernel/registry.js';
import { ComplaintEvent, complaintDetailProjection, complaintHandler, dueComplaintWork, openComplaintQueue, type ComplaintDetail } from './index.js';

const TENANT = 'shop-1';
const H = 3_600_000;
const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString() as IsoInstant;
const T0 = '2026-03-02T02:00:00.000Z'; // 10:00 in Shanghai

const setup = () => {
  const registry = eventRegistry(ComplaintEvent);
  const clock = fixedClock(T0);
  const eventStore = new MemoryEventStore({ registry, clock });
  const bus = createCommandBus([complaintHandler()], { eventStore, registry, clock });
  const readModels = new MemoryReadModelStore();
  const runner = new ProjectionRunner({ eventStore, readModels, projections: [complaintDetailProjection] });
  let n = 0;
  const send = (type: string, data: Record<string, unknown>) =>
    bus.handle({ type, data, metadata: { commandId: `cmd-${++n}`, tenantId: TENANT, actor: { kind: 'agent', id: 'ag-1' }, occurredAt: (data.at as string) ?? T0 } });
  const details = async () => {
    await runner.catchUp();
    const out: ComplaintDetail[] = [];
    for await (const doc of readModels.query<ComplaintDetail>(complaintDetailProjection.name, TENANT)) out.push(doc);
    return out;
  };
  const all = async () => {
    const out: StoredEvent<ComplaintEvent>[] = [];
    for await (const e of eventStore.readAll()) out.push(e as StoredEvent<ComplaintEvent>);
    return out;
  };
  return { eventStore, bus, send, details, runner, readModels, all };
};

const fileData = (id: string, extra: Record<string, unknown> = {}) => ({
  complaintId: id,
  customerId: 'c-ann',
  category: 'productQuality',
  channel: 'phone',
  severity: 'minor',
  customerTier: 'regular',
  at: T0,
  ...extra,
});

describe('complaints through the command bus', () => {
  it('bad input is a ValidationError naming the field path, and nothing is appended', async () => {
    const { send, eventStore } = setup();
    const r = await send('FileComplaint', fileData('cp-1', { severity: 'catastrophic', orderId: 'o.1' }));
    expect(E.isLeft(r) && r.left.kind).toBe('ValidationError');
    const paths = E.isLeft(r) && r.left.kind === 'ValidationError' ? r.left.issues.map((i) => i.path) : [];
    expect(paths).toContainEqual(['data', 'severity']);
    expect(paths).toContainEqual(['data', 'orderId']);
    const bad = await send('ResolveComplaint', { complaintId: 'cp-1', agentId: 'ag-1', resolution: { kind: 'refund', orderId: 'o-1', amount: -5 }, at: T0 });
    expect(E.isLeft(bad) && bad.left.kind === 'ValidationError' && bad.left.issues.map((i) => i.path)).toContainEqual(['data', 'resolution', 'refundId']);
    expect(eventStore.size).toBe(0);
  });

  it('a domain refusal appends nothing', async () => {
    const { send, eventStore } = setup();
    await send('FileComplaint', fileData('cp-1'));
    const r = await send('CloseComplaint', { complaintId: 'cp-1', at: T0 });
    expect(E.isLeft(r) && r.left).toMatchObject({ code: 'COMPLAINT_INVALID_STATE' });
    expect(eventStore.size).toBe(1);
  });

  it('dueComplaintWork escalates on a breach once, is idempotent for the same now, and a later resolution keeps the breach', async () => {
    const { send, details, bus, eventStore } = setup();
    await send('FileComplaint', fileData('cp-1')); // normal: first response due 11:00 local (03:00Z)
    await send('FileComplaint', fileData('cp-2', { severity: 'trivial' })); // low: due 14:00 local
    const due = '2026-03-02T03:00:00.000Z' as IsoInstant;
    expect(dueComplaintWork(due, await details())).toEqual([]); // acting at the due instant still meets it
    const now = plus(due, 60_000);
    const work = dueComplaintWork(now, await details());
    expect(work.map((w) => w.data)).toEqual([{ complaintId: 'cp-1', clock: 'firstResponse', at: now }]);
    expect(dueComplaintWork(now, await details())).toEqual(work); // same commands, same ids
    for (const w of work) expect(E.isRight(await bus.handle(w))).toBe(true);
    const size = eventStore.size;
    for (const w of work) {
      const again = await bus.handle(w);
      expect(E.isRight(again) && again.right.duplicate).toBe(true);
    }
    expect(eventStore.size).toBe(size);
    const [cp1] = (await details()).filter((d) => d.complaintId === 'cp-1');
    expect(cp1).toMatchObject({ level: 2, breaches: { firstResponse: { dueAt: due, recordedAt: now } } });
    expect(dueComplaintWork(plus(now, 60_000), await details())).toEqual([]); // breached once is enough
    // later: acknowledged, worked, resolved in time for the resolution clock — the breach stays
    await send('AcknowledgeComplaint', { complaintId: 'cp-1', agentId: 'ag-1', at: plus(now, 60_000) });
    await send('StartComplaintWork', { complaintId: 'cp-1', agentId: 'ag-1', at: plus(now, 120_000) });
    await send('ResolveComplaint', { complaintId: 'cp-1', agentId: 'ag-1', resolution: { kind: 'compensation', amount: 500 }, at: plus(now, H) });
    const after = (await details()).find((d) => d.complaintId === 'cp-1')!;
    expect(after).toMatchObject({ status: 'resolved', open: false, level: 2, breaches: { firstResponse: { dueAt: due }, resolution: null } });
    expect(after.history.map((h) => h.type)).toEqual([
      'ComplaintFiled', 'ComplaintSlaBreached', 'ComplaintEscalated', 'ComplaintAcknowledged', 'ComplaintWorkStarted', 'ComplaintResolved',
    ]);
  });

  it('the open queue is ordered by due time, with unknown due times last and past-SLA flags as of now', async () => {
    const { send, details } = setup();
    await send('FileComplaint', fileData('cp-low', { severity: 'trivial' })); // due 14:00 local
    await send('FileComplaint', fileData('cp-urgent', { severity: 'critical' })); // due 10:03 local
    await send('FileComplaint', fileData('cp-normal')); // due 11:00 local
    await send('FileComplaint', fileData('cp-wait', { severity: 'major' }));
    await send('AcknowledgeComplaint', { complaintId: 'cp-wait', agentId: 'ag-1', at: plus(T0, 60_000) });
    await send('StartComplaintWork', { complaintId: 'cp-wait', agentId: 'ag-1', at: plus(T0, 120_000) });
    await send('AskComplaintCustomer', { complaintId: 'cp-wait', question: 'order number?', at: plus(T0, 180_000) });
    await send('FileComplaint', fileData('cp-done', { severity: 'critical' }));
    await send('AcknowledgeComplaint', { complaintId: 'cp-done', agentId: 'ag-1', at: plus(T0, 60_000) });
    await send('StartComplaintWork', { complaintId: 'cp-done', agentId: 'ag-1', at: plus(T0, 60_000) });
    await send('ResolveComplaint', { complaintId: 'cp-done', agentId: 'ag-1', resolution: { kind: 'apology' }, at: plus(T0, 60_000) });
    const queue = openComplaintQueue(await details(), plus(T0, 30 * 60_000));
    expect(queue.map((q) => [q.complaintId, q.dueAt, q.pastSla])).toEqual([
      ['cp-urgent', '2026-03-02T02:03:00.000Z', true],
      ['cp-normal', '2026-03-02T03:00:00.000Z', false],
      ['cp-low', '2026-03-02T06:00:00.000Z', false],
      ['cp-wait', null, false],
    ]);
  });

  it('rebuild equals incremental for complaints.detail', async () => {
    const kinds = ['ack', 'start', 'ask', 'answer', 'resolve', 'close', 'reopen', 'escalate', 'breach', 'rate', 'assign'] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom('cp-a', 'cp-b'), fc.constantFrom(...kinds), fc.integer({ min: 1, max: 600 })), { maxLength: 25 }),
        async (steps) => {
          const { send, details, all, runner } = setup();
          await send('FileComplaint', fileData('cp-a', { severity: 'critical' }));
          await send('FileComplaint', fileData('cp-b', { customerTier: 'paidMember' }));
          let at = T0 as string;
          for (const [id, kind, minutes] of steps) {
            at = plus(at, minutes * 60_000);
            const base = { complaintId: id, at };
            const data: Record<string, [string, Record<string, unknown>]> = {
              ack: ['AcknowledgeComplaint', { ...base, agentId: 'ag-1' }],
              start: ['StartComplaintWork', { ...base, agentId: 'ag-1' }],
              ask: ['AskComplaintCustomer', { ...base, question: 'q' }],
              answer: ['RecordComplaintAnswer', { ...base, answer: 'a' }],
              resolve: ['ResolveComplaint', { ...base, agentId: 'ag-2', resolution: { kind: 'apology' } }],
              close: ['CloseComplaint', base],
              reopen: ['ReopenComplaint', { ...base, reason: 'again' }],
              escalate: ['EscalateComplaint', { ...base, toLevel: 2, reason: 'r' }],
              breach: ['RecordComplaintSlaBreach', { ...base, clock: 'resolution' }],
              rate: ['RateComplaintSatisfaction', { ...base, score: 4 }],
              assign: ['AssignComplaint', { ...base, agentId: 'ag-3' }],
            };
            const [type, body] = data[kind]!;
            await send(type, body);
            await runner.catchUp(); // incremental: one command at a time
          }
          const incremental = await details();
          const rebuilt = foldProjection(complaintDetailProjection, await all());
          expect(new Map(incremental.map((d) => [`${TENANT}/${d.complaintId}`, d]))).toEqual(rebuilt);
          await runner.rebuild();
          expect(await details()).toEqual(incremental);
        },
      ),
      { numRuns: 40 },
    );
  });
});
