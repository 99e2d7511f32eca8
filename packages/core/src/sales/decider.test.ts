import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { fold } from '../kernel/decider.js';
import type { OpportunityCommand } from './commands.js';
import { opportunityDeciderFor, type Opportunity } from './decider.js';
import { OpportunityCommand as OpportunityCommandCodec } from './commands.js';
import { OpportunityEvent } from './events.js';
import { defaultSalesPolicy, StageProbabilities } from './policy.js';
import { make } from '../kernel/codecs.js';
import { OPEN_STAGES, type OpenStage, type Stage } from './values.js';

const d = opportunityDeciderFor(defaultSalesPolicy.stageProbabilities);
const at = '2026-03-01T02:00:00.000Z';
const cmd = (c: unknown): OpportunityCommand => {
  const r = OpportunityCommandCodec.decode(c);
  if (E.isLeft(r)) throw new TypeError('bad test command');
  return r.right;
};
const open = cmd({
  type: 'OpenOpportunity',
  data: { opportunityId: 'opp-1', title: 'Campus hoodies', amount: 1_000_00, expectedCloseDate: '2026-04-30', ownerId: 'rep-1', territoryId: null, leadId: null, customerId: 'c-ann', at },
});
const move = (stage: OpenStage) => cmd({ type: 'MoveOpportunityStage', data: { opportunityId: 'opp-1', stage, at } });
const win = cmd({ type: 'WinOpportunity', data: { opportunityId: 'opp-1', at } });
const lose = cmd({ type: 'LoseOpportunity', data: { opportunityId: 'opp-1', reason: 'price', note: null, at } });
const amount = (n: number) => cmd({ type: 'ChangeOpportunityAmount', data: { opportunityId: 'opp-1', amount: n, at } });
const closeDate = (date: string) => cmd({ type: 'ChangeOpportunityCloseDate', data: { opportunityId: 'opp-1', expectedCloseDate: date, at } });
const attach = (documentId = 'doc-1', version = 1) =>
  cmd({ type: 'AttachOpportunityDocument', data: { opportunityId: 'opp-1', documentId, kind: 'proposal', name: 'Hoodie quote', version, at } });
const docStatus = (status: 'sent' | 'accepted' | 'rejected', documentId = 'doc-1') =>
  cmd({ type: 'ChangeOpportunityDocumentStatus', data: { opportunityId: 'opp-1', documentId, status, at } });

const run = (commands: readonly OpportunityCommand[], decider = d) => {
  let s: Opportunity = decider.initialState();
  const decisions = commands.map((c) => {
    const r = decider.decide(c, s);
    if (E.isRight(r)) s = fold(decider, s, r.right);
    return r;
  });
  return { s, decisions, last: decisions[decisions.length - 1]! };
};

/** Command sequences that bring an opportunity to each stage. */
const reach: Record<Stage | 'none', OpportunityCommand[]> = {
  none: [],
  prospecting: [open],
  qualification: [open, move('qualification')],
  proposal: [open, move('proposal')],
  negotiation: [open, move('negotiation')],
  won: [open, win],
  lost: [open, lose],
};
const STATES = Object.keys(reach) as (Stage | 'none')[];

describe('opportunity stage machine', () => {
  for (const from of STATES)
    for (const to of [...OPEN_STAGES, 'won', 'lost'] as const) {
      const command = to === 'won' ? win : to === 'lost' ? lose : move(to);
      const legal = from !== 'none' && from !== 'won' && from !== 'lost' && from !== to;
      it(`${from} → ${to}: ${legal ? 'accepted' : 'refused'}`, () => {
        const r = run([...reach[from], command]).last;
        if (legal) {
          expect(E.isRight(r)).toBe(true);
          return;
        }
        if (E.isRight(r)) throw new Error('expected a refusal');
        if (from === 'none') return expect(r.left).toMatchObject({ code: 'OPPORTUNITY_NOT_FOUND', path: ['data', 'opportunityId'] });
        expect(r.left.code).toBe('OPPORTUNITY_ILLEGAL_MOVE');
        expect(r.left.details).toMatchObject({ stage: from });
        expect(r.left.message).toContain(from); // the current stage is named
      });
    }

  it('records each move with the policy probability; win at the amount, loss with its reason', () => {
    expect(run([open]).last).toEqual(E.right([{ type: 'OpportunityOpened', data: { ...open.data, stage: 'prospecting', probability: 10 } }]));
    const moves = run([open, move('qualification'), move('proposal'), move('negotiation'), move('proposal')]).decisions.slice(1);
    expect(moves.map((r) => (E.isRight(r) ? r.right[0]!.data : null))).toMatchObject([
      { from: 'prospecting', to: 'qualification', probability: 20 },
      { from: 'qualification', to: 'proposal', probability: 50 },
      { from: 'proposal', to: 'negotiation', probability: 75 },
      { from: 'negotiation', to: 'proposal', probability: 50 },
    ]);
    expect(run([open, move('negotiation'), win]).last).toEqual(
      E.right([{ type: 'OpportunityWon', data: { opportunityId: 'opp-1', ownerId: 'rep-1', from: 'negotiation', amount: 1_000_00, at } }]),
    );
    expect(run([open, lose]).last).toEqual(
      E.right([{ type: 'OpportunityLost', data: { opportunityId: 'opp-1', ownerId: 'rep-1', from: 'prospecting', reason: 'price', note: null, at } }]),
    );
  });

  it('takes probabilities from a custom policy', () => {
    const custom = opportunityDeciderFor(make(StageProbabilities)({ prospecting: 5, qualification: 15, proposal: 40, negotiation: 90 }));
    const { decisions } = run([open, move('qualification'), move('proposal'), move('negotiation')], custom);
    expect(decisions.map((r) => (E.isRight(r) ? (r.right[0]!.data as { probability: number }).probability : null))).toEqual([5, 15, 40, 90]);
  });

  it('won and lost are final for every other command too', () => {
    for (const final of [win, lose])
      for (const c of [amount(5), closeDate('2026-05-01'), attach(), cmd({ type: 'ReassignOpportunity', data: { opportunityId: 'opp-1', ownerId: 'rep-2', territoryId: null, at } })]) {
        const r = run([open, final, c]).last;
        expect(E.isLeft(r) && r.left.code).toBe('OPPORTUNITY_ILLEGAL_MOVE');
      }
    expect(run([open, open]).last).toMatchObject({ left: { code: 'OPPORTUNITY_EXISTS' } });
  });

  it('needs a lead or a customer', () => {
    const neither = cmd({ type: 'OpenOpportunity', data: { ...open.data, customerId: null } });
    expect(run([neither]).last).toMatchObject({ left: { code: 'OPPORTUNITY_NO_PARTY', path: ['data', 'customerId'] } });
  });

  it('records amount and close-date changes as events; the same value changes nothing', () => {
    expect(run([open, amount(2_500_00)]).last).toEqual(
      E.right([{ type: 'OpportunityAmountChanged', data: { opportunityId: 'opp-1', ownerId: 'rep-1', amount: 2_500_00, previousAmount: 1_000_00, at } }]),
    );
    expect(run([open, amount(1_000_00)]).last).toEqual(E.right([]));
    expect(run([open, closeDate('2026-06-15')]).last).toEqual(
      E.right([{ type: 'OpportunityCloseDateChanged', data: { opportunityId: 'opp-1', ownerId: 'rep-1', expectedCloseDate: '2026-06-15', previousCloseDate: '2026-04-30', at } }]),
    );
    const { s } = run([open, amount(7), closeDate('2026-06-15')]);
    expect(s).toMatchObject({ amount: 7, expectedCloseDate: '2026-06-15' });
  });

  it('documents: draft → sent → accepted | rejected, each version once; status may change after the win', () => {
    expect(run([open, attach(), docStatus('sent'), docStatus('accepted')]).s).toMatchObject({ documents: { 'doc-1': { status: 'accepted', version: 1 } } });
    expect(run([open, attach(), docStatus('sent'), docStatus('rejected'), attach('doc-2', 2)]).s).toMatchObject({
      documents: { 'doc-1': { status: 'rejected' }, 'doc-2': { status: 'draft', version: 2 } },
    });
    expect(run([open, attach(), docStatus('accepted')]).last).toMatchObject({ left: { code: 'OPPORTUNITY_DOCUMENT_ILLEGAL_MOVE', path: ['data', 'status'], details: { status: 'draft' } } });
    expect(run([open, attach(), docStatus('sent'), docStatus('sent')]).last).toMatchObject({ left: { code: 'OPPORTUNITY_DOCUMENT_ILLEGAL_MOVE', details: { status: 'sent' } } });
    expect(run([open, attach(), docStatus('sent'), docStatus('accepted'), docStatus('rejected')]).last).toMatchObject({ left: { details: { status: 'accepted' } } });
    expect(run([open, attach(), attach('doc-2', 1)]).last).toMatchObject({ left: { code: 'OPPORTUNITY_DOCUMENT_EXISTS', path: ['data', 'version'], details: { documentId: 'doc-1' } } });
    expect(run([open, attach(), attach()]).last).toMatchObject({ left: { code: 'OPPORTUNITY_DOCUMENT_EXISTS', path: ['data', 'documentId'] } });
    expect(run([open, docStatus('sent', 'doc-9')]).last).toMatchObject({ left: { code: 'OPPORTUNITY_DOCUMENT_NOT_FOUND' } });
    expect(E.isRight(run([open, attach(), docStatus('sent'), win, docStatus('accepted')]).last)).toBe(true);
  });

  it('property: the stage follows an independent model, and every event decided is valid', () =>
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(open, win, lose), fc.constantFrom(...OPEN_STAGES).map(move)), { maxLength: 20 }), (cmds) => {
        const { decisions, s } = run(cmds);
        let stage: Stage | 'none' = 'none';
        cmds.forEach((c, i) => {
          const r = decisions[i]!;
          const target: Stage = c.type === 'WinOpportunity' ? 'won' : c.type === 'LoseOpportunity' ? 'lost' : c.type === 'MoveOpportunityStage' ? c.data.stage : 'prospecting';
          const ok = c.type === 'OpenOpportunity' ? stage === 'none' : stage !== 'none' && stage !== 'won' && stage !== 'lost' && stage !== target;
          expect(E.isRight(r)).toBe(ok);
          if (E.isRight(r)) for (const e of r.right) expect(OpportunityEvent.is(e)).toBe(true);
          if (ok) stage = target;
        });
        expect(s.status).toBe(stage);
      }),
    ));
});
