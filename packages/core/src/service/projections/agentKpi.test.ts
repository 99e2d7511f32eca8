import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { MemoryEventStore, MemoryReadModelStore } from '@rapport/memory';
import { createCommandBus } from '../../kernel/commandBus.js';
import { fixedClock } from '../../kernel/clock.js';
import type { StoredEvent } from '../../kernel/envelope.js';
import { foldProjection, type Projection } from '../../kernel/projection.js';
import { ProjectionRunner } from '../../kernel/projectionRunner.js';
import { reactionsTo } from '../../kernel/reactor.js';
import { eventRegistry } from '../../kernel/registry.js';
import { ComplaintEvent } from '../../complaints/events.js';
import { complaintHandler } from '../../complaints/streams.js';
import { InquiryEvent } from '../inquiries/events.js';
import { inquiryHandler } from '../inquiries/streams.js';
import { ServiceCustomerEvent } from '../conversions/events.js';
import { serviceCustomerHandler } from '../conversions/streams.js';
import { inquiryConversionReactor } from '../conversions/reactor.js';
import { agentKpiProjection, agentKpiTable, type AgentShiftKpi } from './agentKpi.js';
import { shopServiceSummaryProjection, type ShopServiceSummary } from './shopServiceSummary.js';

const TENANT = 'shop-1';

/** Local wall time in Shanghai (UTC+8) on the given March day → ISO instant. */
const L = (hhmmss: string, day = 10) => {
  const [h, m, s] = hhmmss.split(':').map(Number) as [number, number, number];
  return new Date(Date.UTC(2026, 2, day, h - 8, m, s ?? 0)).toISOString();
};

const setup = () => {
  const registry = eventRegistry(InquiryEvent, ServiceCustomerEvent, ComplaintEvent);
  const clock = fixedClock('2026-03-10T00:00:00.000Z');
  const eventStore = new MemoryEventStore({ registry, clock });
  const bus = createCommandBus([inquiryHandler, serviceCustomerHandler(), complaintHandler()], { eventStore, registry, clock });
  const readModels = new MemoryReadModelStore();
  const projections = [agentKpiProjection, shopServiceSummaryProjection] as const;
  const runner = new ProjectionRunner({ eventStore, readModels, projections: [...projections] });
  let n = 0;
  const send = async (type: string, data: Record<string, unknown>) => {
    const r = await bus.handle({ type, data, metadata: { commandId: `cmd-${++n}`, tenantId: TENANT, actor: { kind: 'agent', id: 'desk' } } });
    if (E.isLeft(r)) throw new Error(`${type}: ${r.left.message}`);
    return r.right;
  };
  /** Run the conversion reactor over every event so far, as the host's reactor runner would. */
  const react = async () => {
    for await (const e of eventStore.readAll()) for (const c of reactionsTo(inquiryConversionReactor, e)) {
      const r = await bus.handle(c);
      if (E.isLeft(r)) throw new Error(r.left.message);
    }
  };
  const docs = async () => {
    await runner.catchUp();
    const out = new Map<string, AgentShiftKpi>();
    for await (const d of readModels.query<AgentShiftKpi>(agentKpiProjection.name, TENANT)) out.set(`${d.date}.${d.shift}.${d.agentId}`, d);
    return out;
  };
  const events = async () => {
    const out: StoredEvent[] = [];
    for await (const e of eventStore.readAll()) out.push(e);
    return out;
  };
  return { send, react, docs, events, runner, readModels, eventStore };
};

type Step = [string, Record<string, unknown>];
const open = (id: string, customerId: string, agentId: string, at: string): Step => ['OpenInquiry', { inquiryId: id, customerId, channel: 'chat', agentId, at }];
const msg = (id: string, at: string): Step => ['RecordInquiryCustomerMessage', { inquiryId: id, at }];
const reply = (id: string, agentId: string, at: string): Step => ['RecordInquiryAgentReply', { inquiryId: id, agentId, at }];
const rate = (id: string, score: number, at: string): Step => ['RateInquiry', { inquiryId: id, score, at }];
const pay = (customerId: string, orderId: string, amount: number, paidAt: string): Step => ['RecordCustomerPayment', { customerId, orderId, amount, paidAt }];
const AMY = 'ag-amy';
const BOB = 'ag-bob';

/** 22 inquiries on 10 March 2026: Amy and Bob, day (08:30–16:00) and evening (16:00–23:30) shifts, one off shift. */
const fixture: Step[] = [
  // Amy, day shift
  open('i1', 'c1', AMY, L('09:00:00')), reply('i1', AMY, L('09:00:20')), msg('i1', L('09:01:00')), reply('i1', AMY, L('09:01:30')), rate('i1', 5, L('09:05:00')),
  open('i2', 'c2', AMY, L('09:10:00')), reply('i2', AMY, L('09:10:40')),
  open('i3', 'c3', AMY, L('10:00:00')), reply('i3', AMY, L('10:01:00')), msg('i3', L('10:02:00')), msg('i3', L('10:02:30')), reply('i3', AMY, L('10:03:00')), rate('i3', 4, L('10:10:00')),
  open('i4', 'c4', AMY, L('11:00:00')), reply('i4', AMY, L('11:00:10')), rate('i4', 2, L('11:05:00')),
  open('i5', 'c5', AMY, L('12:00:00')),
  open('i6', 'c6', AMY, L('15:59:59')), reply('i6', AMY, L('16:00:29')),
  // Amy, evening shift
  open('i7', 'c7', AMY, L('16:30:00')), reply('i7', AMY, L('16:31:30')), rate('i7', 4, L('16:40:00')),
  open('i8', 'c8', AMY, L('17:00:00')), reply('i8', AMY, L('17:00:05')), msg('i8', L('17:05:00')), reply('i8', AMY, L('17:05:45')), reply('i8', AMY, L('17:06:00')),
  open('i9', 'c9', AMY, L('18:00:00')), reply('i9', AMY, L('18:02:00')), rate('i9', 5, L('18:10:00')),
  open('i10', 'c10', AMY, L('20:00:00')), reply('i10', AMY, L('20:00:15')),
  open('i11', 'c11', AMY, L('23:29:00')), reply('i11', AMY, L('23:29:30')),
  // Bob, day shift (c1 also asked Bob)
  open('i12', 'c12', BOB, L('08:30:00')), reply('i12', BOB, L('08:31:00')),
  open('i13', 'c1', BOB, L('09:00:00')), reply('i13', BOB, L('09:00:30')),
  open('i14', 'c14', BOB, L('09:30:00')), reply('i14', BOB, L('09:30:50')),
  open('i15', 'c15', BOB, L('10:00:00')), reply('i15', BOB, L('10:00:20')), msg('i15', L('10:05:00')), reply('i15', BOB, L('10:06:40')), rate('i15', 3, L('10:10:00')),
  open('i16', 'c16', BOB, L('11:00:00')),
  // Bob, evening shift and one inquiry after hours
  open('i17', 'c17', BOB, L('16:00:00')), reply('i17', BOB, L('16:00:45')),
  open('i18', 'c18', BOB, L('19:00:00')), reply('i18', BOB, L('19:00:25')),
  open('i19', 'c19', BOB, L('21:00:00')), reply('i19', BOB, L('21:03:00')),
  open('i20', 'c20', BOB, L('22:00:00')), reply('i20', BOB, L('22:00:35')),
  open('i21', 'c21', BOB, L('23:00:00')), reply('i21', BOB, L('23:00:55')),
  open('i22', 'c22', BOB, L('23:45:00')), reply('i22', BOB, L('23:46:00')),
  // complaints: cp-x (productQuality, major → high) resolved by Amy in her day shift and rated 5;
  // cp-y about Amy (serviceAttitude) resolved by Bob in the evening and rated 3;
  // cp-z about Bob acknowledged late (normal: due 11:30 local) → a first-response breach
  ['FileComplaint', { complaintId: 'cp-x', customerId: 'c4', category: 'productQuality', channel: 'chat', severity: 'major', customerTier: 'regular', at: L('13:00:00') }],
  ['AcknowledgeComplaint', { complaintId: 'cp-x', agentId: AMY, at: L('13:05:00') }],
  ['StartComplaintWork', { complaintId: 'cp-x', agentId: AMY, at: L('13:06:00') }],
  ['ResolveComplaint', { complaintId: 'cp-x', agentId: AMY, resolution: { kind: 'replacement', orderId: 'o4' }, at: L('14:00:00') }],
  ['RateComplaintSatisfaction', { complaintId: 'cp-x', score: 5, at: L('15:00:00') }],
  ['FileComplaint', { complaintId: 'cp-y', customerId: 'c2', category: 'serviceAttitude', channel: 'phone', severity: 'minor', customerTier: 'regular', concernsAgentId: AMY, at: L('11:30:00') }],
  ['AcknowledgeComplaint', { complaintId: 'cp-y', agentId: BOB, at: L('11:40:00') }],
  ['StartComplaintWork', { complaintId: 'cp-y', agentId: BOB, at: L('11:41:00') }],
  ['ResolveComplaint', { complaintId: 'cp-y', agentId: BOB, resolution: { kind: 'apology' }, at: L('17:00:00') }],
  ['RateComplaintSatisfaction', { complaintId: 'cp-y', score: 3, at: L('18:00:00') }],
  ['FileComplaint', { complaintId: 'cp-z', customerId: 'c16', category: 'serviceAttitude', channel: 'chat', severity: 'minor', customerTier: 'regular', concernsAgentId: BOB, at: L('10:30:00') }],
  ['AcknowledgeComplaint', { complaintId: 'cp-z', agentId: AMY, at: L('11:45:00') }],
];
const payments: Step[] = [
  pay('c8', 'o8', 4200, L('16:00:00')), // before c8's inquiry: does not convert it
  pay('c1', 'o1', 5000, L('08:59:00', 11)), // 23:59 after i1 and i13
  pay('c2', 'o2', 6000, L('09:11:00', 11)), // 24:01 after i2: too late
  pay('c3', 'o3', 12000, L('10:30:00')),
  pay('c5', 'o5', 3000, L('12:05:00')),
  pay('c7', 'o7', 8800, L('16:29:00', 11)), // 23:59 after i7
  pay('c10', 'o10', 100, L('20:00:00')), // at the first message itself
  pay('c12', 'o12', 9999, L('08:30:00', 11)), // exactly 24 h after i12
  pay('c19', 'o19', 25000, L('21:01:00', 11)), // 24:01 after i19
  pay('c20', 'o20', 7000, L('22:30:00')),
  pay('c20', 'o21', 3000, L('23:50:00')),
];

const s = 1000;
describe('agent KPIs per day and shift (hand-computed fixture)', () => {
  it('computes every figure of every slot', async () => {
    const w = setup();
    for (const [type, data] of [payments[0]!, ...fixture]) await w.send(type, data);
    await w.react(); // note inquiries on the customers' ledgers
    for (const [type, data] of payments.slice(1)) await w.send(type, data);
    const docs = await w.docs();
    expect([...docs.keys()].sort()).toEqual([
      '2026-03-10.day.ag-amy', '2026-03-10.day.ag-bob', '2026-03-10.evening.ag-amy', '2026-03-10.evening.ag-bob', '2026-03-10.offShift.ag-bob',
    ]);
    const kpi = (key: string) => docs.get(`2026-03-10.${key}`)!.kpi;
    expect(kpi('day.ag-amy')).toEqual({
      inquiriesServed: 6,
      inquiriesAnswered: 5,
      firstResponseMedianMs: 30 * s, // 10 20 [30] 40 60
      firstResponseP90Ms: 60 * s, // rank ⌈4.5⌉ = 5
      averageResponseMs: { numerator: 250 * s, denominator: 7, value: 35714 }, // 20 30 40 60 60 10 30
      conversion: { numerator: 3, denominator: 6, percent: 50 }, // i1 (23:59), i3, i5; not i2 (24:01)
      averageOrderValue: { numerator: 20000, denominator: 3, value: 6667 },
      complaintsHandled: 1,
      complaintRate: { numerator: 1, denominator: 6, percent: 16.67 },
      csat: { numerator: 3, denominator: 4, percent: 75 }, // 5 4 2 + complaint 5
      csatMeetsTarget: false,
    });
    expect(kpi('evening.ag-amy')).toEqual({
      inquiriesServed: 5,
      inquiriesAnswered: 5,
      firstResponseMedianMs: 30 * s, // 5 15 [30] 90 120
      firstResponseP90Ms: 120 * s,
      averageResponseMs: { numerator: 305 * s, denominator: 6, value: 50833 }, // the follow-up at 17:06 is no response
      conversion: { numerator: 2, denominator: 5, percent: 40 }, // i7 (23:59), i10 (0:00); not i8 (paid before)
      averageOrderValue: { numerator: 8900, denominator: 2, value: 4450 },
      complaintsHandled: 0,
      complaintRate: { numerator: 0, denominator: 5, percent: 0 },
      csat: { numerator: 2, denominator: 2, percent: 100 },
      csatMeetsTarget: true,
    });
    expect(kpi('day.ag-bob')).toEqual({
      inquiriesServed: 5,
      inquiriesAnswered: 4,
      firstResponseMedianMs: 30 * s, // 20 [30] 50 60: lower middle
      firstResponseP90Ms: 60 * s, // rank ⌈3.6⌉ = 4
      averageResponseMs: { numerator: 260 * s, denominator: 5, value: 52000 },
      conversion: { numerator: 2, denominator: 5, percent: 40 }, // i12 (exactly 24 h), i13 (c1's o1)
      averageOrderValue: { numerator: 14999, denominator: 2, value: 7500 }, // 7499.5 half up
      complaintsHandled: 0,
      complaintRate: { numerator: 1, denominator: 5, percent: 20 },
      csat: { numerator: 0, denominator: 1, percent: 0 },
      csatMeetsTarget: false,
    });
    expect(kpi('evening.ag-bob')).toEqual({
      inquiriesServed: 5,
      inquiriesAnswered: 5,
      firstResponseMedianMs: 45 * s, // 25 35 [45] 55 180
      firstResponseP90Ms: 180 * s,
      averageResponseMs: { numerator: 340 * s, denominator: 5, value: 68000 },
      conversion: { numerator: 1, denominator: 5, percent: 20 }, // i20 (two orders); not i19 (24:01)
      averageOrderValue: { numerator: 10000, denominator: 2, value: 5000 },
      complaintsHandled: 1,
      complaintRate: { numerator: 0, denominator: 5, percent: 0 },
      csat: { numerator: 0, denominator: 1, percent: 0 }, // cp-y rated 3
      csatMeetsTarget: false,
    });
    expect(kpi('offShift.ag-bob')).toMatchObject({ inquiriesServed: 1, firstResponseMedianMs: 60 * s, conversion: { numerator: 0, denominator: 1, percent: 0 } });

    const table = agentKpiTable(docs.values(), '2026-03-10');
    expect(table.map((r) => `${r.agentId} ${r.shift}`)).toEqual([
      'ag-amy day', 'ag-amy evening', 'ag-amy day total', 'ag-bob day', 'ag-bob evening', 'ag-bob offShift', 'ag-bob day total',
    ]);
    expect(table.at(-1)!.kpi).toEqual({
      inquiriesServed: 11,
      inquiriesAnswered: 10,
      firstResponseMedianMs: 45 * s, // 20 25 30 35 [45] 50 55 60 60 180
      firstResponseP90Ms: 60 * s, // rank 9
      averageResponseMs: { numerator: 660 * s, denominator: 11, value: 60000 },
      conversion: { numerator: 3, denominator: 11, percent: 27.27 },
      averageOrderValue: { numerator: 24999, denominator: 4, value: 6250 },
      complaintsHandled: 1,
      complaintRate: { numerator: 1, denominator: 11, percent: 9.09 },
      csat: { numerator: 0, denominator: 2, percent: 0 },
      csatMeetsTarget: false,
    });

    const month = (await w.readModels.get<ShopServiceSummary>(shopServiceSummaryProjection.name, TENANT, '2026-03'))!;
    // everything happened in March: the all-time document says the same
    expect(await w.readModels.get(shopServiceSummaryProjection.name, TENANT, 'all')).toEqual(month);
    expect(month).toMatchObject({ ordersPaid: 11, inquiries: 22, ratings: { count: 8, satisfied: 5 } });
    expect(month.figures.csat).toEqual({ numerator: 5, denominator: 8, percent: 62.5 });
    expect(month.figures.complaintRate).toEqual({ numerator: 3, denominator: 11, percent: 27.27 });
    expect(month.figures.complaintRateByCategory.serviceAttitude).toEqual({ numerator: 2, denominator: 11, percent: 18.18 });
    expect(month.figures.complaintRateByCategory.productQuality).toEqual({ numerator: 1, denominator: 11, percent: 9.09 });
    expect(month.figures.breachRateByPriority).toEqual({
      urgent: { numerator: 0, denominator: 0, percent: null },
      high: { numerator: 0, denominator: 1, percent: 0 },
      normal: { numerator: 1, denominator: 2, percent: 50 },
      low: { numerator: 0, denominator: 0, percent: null },
    });
  });
});

describe('service projections: rebuild equals incremental', () => {
  it('agent KPIs and shop summary', async () => {
    const step = fc.oneof(
      fc.record({ k: fc.constant('open' as const), customer: fc.constantFrom('c1', 'c2', 'c3'), agent: fc.constantFrom(AMY, BOB) }),
      fc.record({ k: fc.constantFrom('msg' as const, 'reply' as const, 'rate' as const), which: fc.nat(20) }),
      fc.record({ k: fc.constant('pay' as const), customer: fc.constantFrom('c1', 'c2', 'c3'), amount: fc.integer({ min: 1, max: 50_000 }) }),
      fc.record({ k: fc.constant('complaint' as const), about: fc.constantFrom(AMY, BOB), by: fc.constantFrom(AMY, BOB), score: fc.integer({ min: 1, max: 5 }), severity: fc.constantFrom('critical', 'minor') }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(step, fc.integer({ min: 1, max: 12 * 60 })), { maxLength: 25 }), async (steps) => {
        const w = setup();
        const opened: { id: string; agent: string }[] = [];
        let at = Date.parse(L('07:00:00'));
        let i = 0;
        for (const [st, minutes] of steps) {
          at += minutes * 60_000;
          const when = new Date(at).toISOString();
          i++;
          if (st.k === 'open') {
            const id = `i${i}`;
            opened.push({ id, agent: st.agent });
            await w.send(...open(id, st.customer, st.agent, when));
            await w.react();
          } else if (st.k === 'pay') await w.send(...pay(st.customer, `o${i}`, st.amount, when));
          else if (st.k === 'complaint') {
            const id = `cp${i}`;
            const later = (m: number) => new Date(at + m * 60_000).toISOString();
            await w.send('FileComplaint', { complaintId: id, customerId: 'c1', category: 'serviceAttitude', channel: 'chat', severity: st.severity, customerTier: 'regular', concernsAgentId: st.about, at: when });
            await w.send('AcknowledgeComplaint', { complaintId: id, agentId: st.by, at: later(90) }); // sometimes late: a breach
            await w.send('StartComplaintWork', { complaintId: id, agentId: st.by, at: later(91) });
            await w.send('ResolveComplaint', { complaintId: id, agentId: st.by, resolution: { kind: 'apology' }, at: later(120) });
            await w.send('RateComplaintSatisfaction', { complaintId: id, score: st.score, at: later(121) });
            at += 121 * 60_000;
          }
          else if (opened.length > 0) {
            const q = opened[st.which % opened.length]!;
            const [type, data] = st.k === 'msg' ? msg(q.id, when) : st.k === 'reply' ? reply(q.id, q.agent, when) : rate(q.id, 4, when);
            // a rating may be refused (before a reply, or twice): that is fine here
            await w.send(type, data).catch(() => undefined);
          }
          await w.runner.catchUp();
        }
        const all = await w.events();
        for (const p of [agentKpiProjection, shopServiceSummaryProjection] as Projection<unknown, never>[]) {
          const incremental = new Map<string, unknown>();
          for (const [key] of foldProjection(p, all as never)) {
            const [tenant, id] = key.split('/') as [string, string];
            incremental.set(key, await w.readModels.get(p.name, tenant, id));
          }
          expect(incremental).toEqual(foldProjection(p, all as never));
          let stored = 0;
          for await (const _ of w.readModels.query(p.name, TENANT)) stored++;
          expect(stored).toBe(incremental.size);
        }
        await w.runner.rebuild();
        for (const [key, doc] of foldProjection(agentKpiProjection, all as never)) expect(await w.readModels.get(agentKpiProjection.name, TENANT, key.split('/')[1]!)).toEqual(doc);
      }),
      { numRuns: 30 },
    );
  });
});
