import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MemoryEventStore, MemoryReadModelStore } from '@rapport/memory';
import { createCommandBus } from '../../kernel/commandBus.js';
import { steppingClock } from '../../kernel/clock.js';
import type { Command } from '../../kernel/command.js';
import type { StoredEvent } from '../../kernel/envelope.js';
import { foldProjection } from '../../kernel/projection.js';
import { ProjectionRunner } from '../../kernel/projectionRunner.js';
import { eventRegistry } from '../../kernel/registry.js';
import { CustomerEvent } from '../events.js';
import { fakeIndex, fakeSealed } from '../fixtures.js';
import { customerHandler } from '../handlers.js';
import { CONSENT_CHANNELS } from '../values.js';
import { customerProfile, type CustomerProfileDoc, type CustomerProfileEvent } from './customerProfile.js';
import { LeadEvent } from '../../leads/events.js';
import { leadHandler } from '../../leads/handlers.js';

const customers = ['c-1', 'c-2', 'c-3'] as const;
const sealedKeys = ['name', 'phone', 'email', 'addresses', 'birthday'];
const at = (n: number) => new Date(Date.UTC(2026, 4, 1) + n * 60_000).toISOString();

/** A random customer command, already sealed (fake seals: no vault in a projection test). */
const command = fc.oneof(
  fc.tuple(fc.constantFrom(...customers), fc.nat(50), fc.boolean()).map(([c, n, withEmail]) => ({
    type: 'RegisterCustomer',
    data: {
      customerId: c,
      name: fakeSealed(n),
      phone: { sealed: fakeSealed(n + 1), index: fakeIndex(n) },
      email: withEmail ? { sealed: fakeSealed(n + 2), index: fakeIndex(n + 100) } : null,
      channel: 'ownSite',
      referrerId: null,
    },
  })),
  fc.tuple(fc.constantFrom(...customers), fc.nat(50), fc.subarray(['vip', 'new', 'student'])).map(([c, n, tags]) => ({
    type: 'UpdateCustomerProfile',
    data: { customerId: c, changes: n % 3 === 0 ? { tags } : n % 3 === 1 ? { addresses: [fakeSealed(n)], gender: 'female' } : { birthday: fakeSealed(n), notes: `n${n}` } },
  })),
  fc.tuple(fc.constantFrom(...customers), fc.nat(1000)).map(([c, n]) => ({
    type: 'LogCustomerContact',
    data: { customerId: c, contactType: 'call', at: at(n), agentId: 'agent-1', summary: `call ${n}` },
  })),
  fc.tuple(fc.constantFrom(...customers), fc.boolean(), fc.constantFrom(...CONSENT_CHANNELS), fc.nat(1000)).map(([c, give, channel, n]) => ({
    type: give ? 'GiveCustomerConsent' : 'WithdrawCustomerConsent',
    data: { customerId: c, channel, at: at(n) },
  })),
  fc.constantFrom(...customers).map((c) => ({ type: 'EraseCustomerPersonalData', data: { customerId: c, reason: null } })),
  // leads converting into customers (refused until captured and qualified)
  fc.tuple(fc.constantFrom('lead-1', 'lead-2'), fc.constantFrom(...customers), fc.constantFrom('CaptureLead', 'QualifyLead', 'ConvertLead')).map(([leadId, c, type]) => ({
    type,
    data: type === 'CaptureLead' ? { leadId, source: 'fair', interest: 'coats' } : type === 'QualifyLead' ? { leadId } : { leadId, customerId: c },
  })),
);

const setup = () => {
  const registry = eventRegistry(CustomerEvent, LeadEvent);
  const clock = steppingClock('2026-05-01T00:00:00.000Z', 1000);
  const store = new MemoryEventStore({ registry, clock });
  const bus = createCommandBus([customerHandler, leadHandler], { eventStore: store, registry, clock });
  const readModels = new MemoryReadModelStore();
  const runner = new ProjectionRunner({ eventStore: store, readModels, projections: [customerProfile], batchSize: 3 });
  const all = async () => {
    const out: StoredEvent<CustomerProfileEvent>[] = [];
    for await (const e of store.readAll<CustomerProfileEvent>()) out.push(e);
    return out;
  };
  let n = 0;
  const send = (c: { type: string; data: unknown }) =>
    bus.handle({ ...c, metadata: { commandId: `cmd-${++n}`, tenantId: 'shop1', actor: { kind: 'user', id: 'u1' } } } as Command);
  return { store, readModels, runner, all, send };
};

const docs = async (readModels: MemoryReadModelStore) => {
  const out = new Map<string, CustomerProfileDoc>();
  for (const c of customers) {
    const d = await readModels.get<CustomerProfileDoc>('customers.profile', 'shop1', c);
    if (d) out.set(`shop1/${c}`, d);
  }
  return out;
};

describe('customers.profile', () => {
  it('keeps sealed fields as stored until erasure, then drops them; the rest stays', async () => {
    const { send, all } = setup();
    await send({
      type: 'RegisterCustomer',
      data: { customerId: 'c-1', name: fakeSealed(1), phone: { sealed: fakeSealed(2), index: fakeIndex(2) }, email: null, channel: 'referral', referrerId: 'c-9' },
    });
    await send({ type: 'UpdateCustomerProfile', data: { customerId: 'c-1', changes: { addresses: [fakeSealed(3)], birthday: fakeSealed(4), tags: ['vip'] } } });
    await send({ type: 'GiveCustomerConsent', data: { customerId: 'c-1', channel: 'sms', at: at(1) } });
    await send({ type: 'LogCustomerContact', data: { customerId: 'c-1', contactType: 'visit', at: at(2), agentId: 'agent-2', summary: 'store visit' } });
    await send({ type: 'CaptureLead', data: { leadId: 'lead-7', source: 'campus fair', interest: 'coats' } });
    await send({ type: 'QualifyLead', data: { leadId: 'lead-7' } });
    await send({ type: 'ConvertLead', data: { leadId: 'lead-7', customerId: 'c-1' } });
    const before = foldProjection(customerProfile, await all()).get('shop1/c-1')!;
    expect(before).toMatchObject({ name: fakeSealed(1), phone: fakeSealed(2), addresses: [fakeSealed(3)], birthday: fakeSealed(4), channel: 'referral', referrerId: 'c-9' });
    expect(before).not.toHaveProperty('email');
    await send({ type: 'EraseCustomerPersonalData', data: { customerId: 'c-1', reason: 'customer request' } });
    const after = foldProjection(customerProfile, await all()).get('shop1/c-1')!;
    for (const k of sealedKeys) expect(after).not.toHaveProperty(k);
    expect(after).toMatchObject({
      erased: true,
      tags: ['vip'],
      channel: 'referral',
      consent: { sms: { given: true, at: at(1) } },
      contactLog: [{ contactType: 'visit', at: at(2), agentId: 'agent-2', summary: 'store visit' }],
      convertedFromLeads: ['lead-7'],
    });
    expect(after.erasedAt).not.toBeNull();
  });

  it('property: rebuild equals incremental (runner, batch by batch and event by event) equals foldProjection', () =>
    fc.assert(
      fc.asyncProperty(fc.array(command, { maxLength: 25 }), fc.integer({ min: 1, max: 5 }), async (commands, every) => {
        const { send, runner, readModels, all } = setup();
        for (const [i, c] of commands.entries()) {
          await send(c);
          if (i % every === 0) await runner.catchUp();
        }
        await runner.catchUp();
        const incremental = await docs(readModels);
        const reference = foldProjection(customerProfile, await all());
        expect(incremental).toEqual(reference);
        await runner.rebuild();
        expect(await docs(readModels)).toEqual(reference);
        // and the document never holds a sealed field once erased
        for (const d of reference.values()) if (d.erased) for (const k of sealedKeys) expect(d).not.toHaveProperty(k);
      }),
      { numRuns: 40 },
    ));

  it('property: consent per channel is the last give/withdraw that changed it', () =>
    fc.assert(
      fc.asyncProperty(fc.array(command, { maxLength: 25 }), async (commands) => {
        const { send, all } = setup();
        for (const c of commands) await send(c);
        const events = await all();
        const docsNow = foldProjection(customerProfile, events);
        for (const c of customers) {
          const doc = docsNow.get(`shop1/${c}`);
          if (!doc) continue;
          for (const ch of CONSENT_CHANNELS) {
            const last = events.filter(
              (e) => e.data.customerId === c && (e.type === 'CustomerConsentGiven' || e.type === 'CustomerConsentWithdrawn') && e.data.channel === ch,
            ).at(-1);
            expect(doc.consent[ch]).toEqual(last && { given: last.type === 'CustomerConsentGiven', at: (last.data as { at: string }).at });
          }
        }
      }),
      { numRuns: 40 },
    ));
});
