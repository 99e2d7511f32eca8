// The example in docs/leads.md, run as a test: the doc's code block must be exactly the
// imports region followed by the example region below (dedented), so the doc never rots.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// #region imports
import { createCommandBus, eventRegistry, LeadEvent, leadFunnel, leadHandler, ProjectionRunner, systemClock, type LeadFunnelDoc } from '@rapport/core';
import { MemoryEventStore, MemoryReadModelStore } from '@rapport/memory';
// #endregion

describe('docs/leads.md', () => {
  it('runs its example', async () => {
    // #region example
    const registry = eventRegistry(LeadEvent);
    const eventStore = new MemoryEventStore({ registry });
    const bus = createCommandBus([leadHandler], { eventStore, registry, clock: systemClock });
    const readModels = new MemoryReadModelStore();
    const projections = new ProjectionRunner({ eventStore, readModels, projections: [leadFunnel] });
    let n = 0;
    const send = (type: string, data: Record<string, unknown>) =>
      bus.handle({ type, data, metadata: { commandId: `cmd-${++n}`, tenantId: 'shop1', actor: { kind: 'agent', id: 'agent-7' } } });

    for (const leadId of ['lead-1', 'lead-2', 'lead-3']) {
      await send('CaptureLead', { leadId, source: 'campus fair', interest: 'winter coats' });
      await send('AssignLead', { leadId, agentId: 'agent-7' });
    }
    await send('QualifyLead', { leadId: 'lead-1' });
    await send('ConvertLead', { leadId: 'lead-1', customerId: 'c-ann' }); // register the customer first
    await send('LoseLead', { leadId: 'lead-2', reason: 'boughtElsewhere', note: 'bought at a rival store' });

    const refused = await send('ConvertLead', { leadId: 'lead-2', customerId: 'c-bo' });
    console.log(refused); // Left: LEAD_ILLEGAL_TRANSITION, message 'lead is lost', details { state: 'lost', ... }

    await projections.catchUp();
    const funnel = await readModels.get<LeadFunnelDoc>('leads.funnel', 'shop1', 'agent-7');
    console.log(funnel?.captured, funnel?.qualified, funnel?.converted, funnel?.lost, funnel?.conversionRate);
    // 3 1 1 1 { numerator: 1, denominator: 3, percent: 33.33 }
    // #endregion
    expect(refused).toMatchObject({ left: { code: 'LEAD_ILLEGAL_TRANSITION', message: 'lead is lost', details: { state: 'lost' } } });
    expect(funnel).toMatchObject({ captured: 3, qualified: 1, converted: 1, lost: 1, conversionRate: { numerator: 1, denominator: 3, percent: 33.33 } });
  });

  it('shows that example verbatim', () => {
    const source = readFileSync(fileURLToPath(import.meta.url), 'utf8');
    const region = (name: string) => {
      const m = new RegExp(`// #region ${name}\\n([\\s\\S]*?)\\n\\s*// #endregion`).exec(source);
      return m![1]!.split('\n').map((l) => l.replace(/^ {4}/, '')).join('\n');
    };
    const doc = readFileSync(fileURLToPath(new URL('../../../../docs/leads.md', import.meta.url)), 'utf8');
    expect(doc).toContain('```ts\n' + region('imports') + '\n\n' + region('example') + '\n```');
  });
});
