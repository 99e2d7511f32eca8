import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { make } from '../kernel/codecs.js';
import { specFor } from '../testing/deciderSpecification.js';
import { duePayoutStatements, statementDueAt } from './due.js';
import { PayoutStatementIssued } from './events.js';
import { drive, payoutCommand } from './fixtures.js';
import { makePayoutDecider } from './payout.js';
import { defaultReferralPolicy } from './policy.js';
import { commissionLedger, type CommissionLedger } from './projections/commissionLedger.js';
import type { StoredEvent } from '../kernel/envelope.js';
import type { ReferralEvent } from './events.js';

const d = makePayoutDecider(defaultReferralPolicy);
const given = specFor(d);
const issue = (month: string, commissions: number, clawbacks = 0) =>
  payoutCommand({ type: 'IssuePayoutStatement', data: { beneficiaryId: 'b1', month, commissions, clawbacks, at: statementDueAt(month, 'Asia/Shanghai') } });
const issued = make(PayoutStatementIssued);

describe('payout statements', () => {
  it('deducts 5% tax, 5% fee and 10% retained credit, half up: G = 12,345 → 617 / 617 / 1,235, paid out 9,876', () => {
    given([]).when(issue('2026-03', 12_345)).then([
      issued({
        type: 'PayoutStatementIssued',
        data: { beneficiaryId: 'b1', month: '2026-03', commissions: 12_345, clawbacks: 0, carriedIn: 0, gross: 12_345, tax: 617, fee: 617, retained: 1_235, paidOut: 9_876, carriedOut: 0, at: '2026-03-31T16:00:00.000Z' },
      }),
    ]);
  });

  it('carries a negative G into the next statement and pays nothing for it', () => {
    const { events } = drive(d, [issue('2026-03', 100, 600), issue('2026-04', 0, 0), issue('2026-05', 2_000)]);
    expect(events.map((e) => [e.data.month, e.data.carriedIn, e.data.gross, e.data.paidOut, e.data.carriedOut])).toEqual([
      ['2026-03', 0, -500, 0, -500],
      ['2026-04', -500, -500, 0, -500],
      ['2026-05', -500, 1_500, 1_200, 0], // tax 75, fee 75, retained 150
    ]);
  });

  it('refuses a month already stated, or an earlier one, naming the month', () => {
    const march = drive(d, [issue('2026-03', 100)]).events;
    given(march).when(issue('2026-03', 100)).thenRejects('REFERRAL_STATEMENT_NOT_AFTER_LAST', ['data', 'month']);
    given(march).when(issue('2026-02', 100)).thenRejects('REFERRAL_STATEMENT_NOT_AFTER_LAST', ['data', 'month']);
  });

  it('for any months: paid out + tax + fee + retained = G when G > 0, and every deficit is carried exactly once', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(50_000), fc.nat(50_000)), { minLength: 1, maxLength: 12 }), (months) => {
        const cmds = months.map(([c, k], i) => issue(`2026-${String(i + 1).padStart(2, '0')}`, c, k));
        const { events, refusals } = drive(d, cmds);
        expect(refusals).toEqual([]);
        let carried = 0;
        for (const e of events) {
          const s = e.data;
          expect(s.carriedIn).toBe(carried);
          expect(s.gross).toBe(s.commissions - s.clawbacks + carried);
          if (s.gross > 0) expect(s.paidOut + s.tax + s.fee + s.retained).toBe(s.gross);
          else expect(s.paidOut).toBe(0);
          carried = s.carriedOut;
        }
        // what was paid out, deducted and still carried accounts for every fen earned and clawed back
        const net = events.reduce((x, e) => x + e.data.commissions - e.data.clawbacks, 0);
        const out = events.reduce((x, e) => x + e.data.paidOut + e.data.tax + e.data.fee + e.data.retained, 0);
        expect(out + carried).toBe(net);
      }),
    );
  });
});

const ledger = (beneficiaryId: string, months: Record<string, [number, number]>, stated?: { month: string; commissions: number; clawbacks: number }): CommissionLedger => ({
  beneficiaryId,
  commissions: [],
  clawbacks: [],
  statements: [],
  months: Object.fromEntries(Object.entries(months).map(([m, [commissions, clawbacks]]) => [m, { commissions, clawbacks }])),
  stated: { commissions: stated?.commissions ?? 0, clawbacks: stated?.clawbacks ?? 0 },
  lastStatementMonth: stated?.month ?? null,
  carried: 0,
  totals: { commissions: 0, clawbacks: 0, paidOut: 0, tax: 0, fee: 0, retained: 0 },
});

describe('statements falling due at month end', () => {
  it('a month is due from 00:00 local on the 1st of the next (Asia/Shanghai: 16:00Z the day before)', () => {
    expect(statementDueAt('2026-03', 'Asia/Shanghai')).toBe('2026-03-31T16:00:00.000Z');
    expect(statementDueAt('2026-12', 'Asia/Shanghai')).toBe('2026-12-31T16:00:00.000Z');
    const l = [ledger('b1', { '2026-03': [1_000, 0] })];
    expect(duePayoutStatements('2026-03-31T15:59:59.999Z', 'shop1', l, 'Asia/Shanghai')).toEqual([]);
    const [c] = duePayoutStatements('2026-03-31T16:00:00.000Z', 'shop1', l, 'Asia/Shanghai');
    expect(c).toMatchObject({ type: 'IssuePayoutStatement', data: { beneficiaryId: 'b1', month: '2026-03', commissions: 1_000, clawbacks: 0, at: '2026-03-31T16:00:00.000Z' } });
  });

  it('issues every closed month after the last statement, in order, with commandIds from shop, beneficiary and month', () => {
    const l = [ledger('b2', { '2026-01': [5, 0], '2026-02': [7, 1], '2026-04': [9, 0] }, { month: '2026-01', commissions: 5, clawbacks: 0 }), ledger('b1', { '2026-02': [3, 0] })];
    const now = '2026-05-02T00:00:00.000Z';
    const due = duePayoutStatements(now, 'shop1', l, 'Asia/Shanghai');
    expect(due.map((c) => [c.data.beneficiaryId, c.data.month, c.data.commissions, c.data.clawbacks])).toEqual([
      ['b1', '2026-02', 3, 0],
      ['b2', '2026-02', 7, 1],
      ['b2', '2026-04', 9, 0],
    ]);
    expect(duePayoutStatements(now, 'shop1', l, 'Asia/Shanghai').map((c) => c.metadata.commandId)).toEqual(due.map((c) => c.metadata.commandId));
    expect(new Set(due.map((c) => c.metadata.commandId)).size).toBe(3);
  });

  it('folds a late fact dated in a stated month into the next statement, never dropping it', () => {
    // March was stated with 1,000; a back-dated clawback of 200 in March arrived afterwards
    const l = [ledger('b1', { '2026-03': [1_000, 200] }, { month: '2026-03', commissions: 1_000, clawbacks: 0 })];
    expect(duePayoutStatements('2026-04-15T00:00:00.000Z', 'shop1', l, 'Asia/Shanghai')).toEqual([]); // April still open
    const [c] = duePayoutStatements('2026-05-01T00:00:00.000Z', 'shop1', l, 'Asia/Shanghai');
    expect(c?.data).toMatchObject({ month: '2026-04', commissions: 0, clawbacks: 200 });
  });
});

describe('statements due: idempotent and complete', () => {
  const envelope = (e: { type: string; data: unknown }) => ({ ...e, metadata: { tenantId: 'shop1' } }) as unknown as StoredEvent<ReferralEvent>;
  it('for any activity and any two nows: issuing what is due leaves nothing due at the same now, and every closed fen is stated once', () => {
    const monthArb = fc.integer({ min: 1, max: 12 }).map((m) => `2026-${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(
        fc.dictionary(monthArb, fc.tuple(fc.nat(30_000), fc.nat(30_000)), { maxKeys: 6 }),
        fc.integer({ min: 1, max: 13 }),
        fc.integer({ min: 0, max: 12 }),
        (months, first, extra) => {
          const nowOf = (m: number) => statementDueAt(`2026-${String(Math.min(m, 12)).padStart(2, '0')}`, 'Asia/Shanghai');
          let l = ledger('b1', months as Record<string, [number, number]>);
          const decider = makePayoutDecider(defaultReferralPolicy);
          let state = decider.initialState();
          for (const now of [nowOf(first), nowOf(first + extra)]) {
            for (const c of duePayoutStatements(now, 'shop1', [l], 'Asia/Shanghai')) {
              const r = decider.decide(payoutCommand(c), state);
              if (r._tag === 'Left') throw new Error(r.left.message);
              for (const e of r.right) {
                state = decider.evolve(state, e);
                l = commissionLedger.apply(l, envelope(e)) as CommissionLedger;
              }
            }
            expect(duePayoutStatements(now, 'shop1', [l], 'Asia/Shanghai')).toEqual([]);
            const closed = Object.entries(l.months).filter(([m]) => statementDueAt(m, 'Asia/Shanghai') <= now);
            expect(l.stated).toEqual({ commissions: closed.reduce((x, [, v]) => x + v.commissions, 0), clawbacks: closed.reduce((x, [, v]) => x + v.clawbacks, 0) });
          }
        },
      ),
    );
  });
});
