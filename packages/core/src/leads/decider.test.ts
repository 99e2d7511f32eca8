import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { make, ShortText } from '../kernel/codecs.js';
import { fold } from '../kernel/decider.js';
import { AgentId, CustomerId, LeadId } from '../shared/ids.js';
import type { LeadCommand } from './commands.js';
import { leadDecider as d, type Lead } from './decider.js';
import { LeadEvent } from './events.js';
import type { LeadStage } from './values.js';

const lead = make(LeadId)('lead-1');
const agent = make(AgentId);
const text = make(ShortText);
const capture: LeadCommand = { type: 'CaptureLead', data: { leadId: lead, source: text('campus fair'), interest: text('winter coats') } };
const qualify: LeadCommand = { type: 'QualifyLead', data: { leadId: lead } };
const assign = (a = 'agent-1'): LeadCommand => ({ type: 'AssignLead', data: { leadId: lead, agentId: agent(a) } });
const convert: LeadCommand = { type: 'ConvertLead', data: { leadId: lead, customerId: make(CustomerId)('c-ann') } };
const lose: LeadCommand = { type: 'LoseLead', data: { leadId: lead, reason: 'noBudget' } };

const run = (commands: readonly LeadCommand[]) => {
  let s: Lead = d.initialState();
  const decisions = commands.map((c) => {
    const r = d.decide(c, s);
    if (E.isRight(r)) s = fold(d, s, r.right);
    return r;
  });
  return { s, decisions, last: decisions[decisions.length - 1]! };
};

/** Command sequences that bring a lead to each state. */
const reach: Record<LeadStage | 'none', LeadCommand[]> = {
  none: [],
  captured: [capture],
  qualified: [capture, qualify],
  converted: [capture, qualify, convert],
  lost: [capture, lose],
};
const commands = { CaptureLead: capture, QualifyLead: qualify, AssignLead: assign(), ConvertLead: convert, LoseLead: lose };
/** The legal transitions, written out: command → the states it may start from. */
const legal: Record<keyof typeof commands, (LeadStage | 'none')[]> = {
  CaptureLead: ['none'],
  QualifyLead: ['captured'],
  AssignLead: ['captured', 'qualified'],
  ConvertLead: ['qualified'],
  LoseLead: ['captured', 'qualified'],
};

describe('lead decider', () => {
  for (const [name, command] of Object.entries(commands) as [keyof typeof commands, LeadCommand][])
    for (const state of Object.keys(reach) as (LeadStage | 'none')[])
      it(`${name} from ${state}: ${legal[name].includes(state) ? 'accepted' : 'refused'}`, () => {
        const r = run([...reach[state], command]).last;
        if (legal[name].includes(state)) {
          expect(E.isRight(r)).toBe(true);
          return;
        }
        if (E.isRight(r)) throw new Error('expected a refusal');
        if (state === 'none') {
          expect(r.left).toMatchObject({ code: 'LEAD_NOT_FOUND', path: ['data', 'leadId'] });
          return;
        }
        expect(r.left).toMatchObject({ code: 'LEAD_ILLEGAL_TRANSITION', path: ['data', 'leadId'], details: { state, command: name } });
        expect(r.left.message).toMatch(new RegExp(`^lead is ${state}`));
      });

  it('records each step with the agent holding the lead', () => {
    const { decisions, s } = run([capture, assign('agent-1'), qualify, assign('agent-2'), convert]);
    expect(decisions.map((r) => (E.isRight(r) ? r.right : r.left))).toEqual([
      [{ type: 'LeadCaptured', data: capture.data }],
      [{ type: 'LeadAssigned', data: { leadId: lead, agentId: 'agent-1', previousAgentId: null, stage: 'captured' } }],
      [{ type: 'LeadQualified', data: { leadId: lead, agentId: 'agent-1' } }],
      [{ type: 'LeadAssigned', data: { leadId: lead, agentId: 'agent-2', previousAgentId: 'agent-1', stage: 'qualified' } }],
      [{ type: 'LeadConverted', data: { leadId: lead, customerId: 'c-ann', agentId: 'agent-2' } }],
    ]);
    expect(s).toEqual({ status: 'converted', leadId: lead, agentId: 'agent-2', customerId: 'c-ann' });
  });

  it('records the loss reason and note; assigning to the same agent again changes nothing', () => {
    const withNote: LeadCommand = { type: 'LoseLead', data: { leadId: lead, reason: 'boughtElsewhere', note: text('went to a rival') } };
    expect(run([capture, assign(), assign()]).last).toEqual(E.right([]));
    expect(run([capture, withNote]).last).toEqual(
      E.right([{ type: 'LeadLost', data: { leadId: lead, reason: 'boughtElsewhere', note: 'went to a rival', agentId: null } }]),
    );
    expect(run([capture, lose]).last).toEqual(E.right([{ type: 'LeadLost', data: { leadId: lead, reason: 'noBudget', note: null, agentId: null } }]));
  });

  it('tells how to convert a lead that is only captured', () => {
    const r = run([capture, convert]).last;
    expect(E.isLeft(r) && r.left.message).toBe('lead is captured: qualify it first');
  });

  it('property: the state follows an independent model of the lifecycle, and every event is valid', () =>
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(capture, qualify, convert, lose), fc.constantFrom('agent-1', 'agent-2').map(assign)), { maxLength: 20 }),
        (cmds) => {
          const { decisions, s } = run(cmds);
          let stage: LeadStage | 'none' = 'none';
          let holder: string | null = null;
          cmds.forEach((c, i) => {
            const ok = legal[c.type].includes(stage);
            expect(E.isRight(decisions[i]!)).toBe(ok);
            const r = decisions[i]!;
            if (E.isRight(r)) for (const e of r.right) expect(LeadEvent.is(e)).toBe(true);
            if (!ok) return;
            if (c.type === 'CaptureLead') stage = 'captured';
            if (c.type === 'QualifyLead') stage = 'qualified';
            if (c.type === 'ConvertLead') stage = 'converted';
            if (c.type === 'LoseLead') stage = 'lost';
            if (c.type === 'AssignLead') holder = c.data.agentId;
          });
          expect(s.status).toBe(stage);
          if (s.status !== 'none') expect(s.agentId).toBe(holder);
        },
      ),
    ));
});
