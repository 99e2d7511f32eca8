import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { MemoryEventStore, MemoryReadModelStore, MemoryVault } from '@rapport/memory';
import { fixedClock } from '../kernel/clock.js';
import { EventRegistry } from '../kernel/registry.js';
import { createCrmKernel } from '../crm/createCrm.js';
import { customersModule } from '../customers/module.js';
import { registerCustomer } from '../customers/registration.js';
import { updateCustomerProfile } from '../customers/profileUpdate.js';
import { readGreetingsDue } from './care/greetings.js';
import { marketingModuleFor } from './module.js';
import { defaultMarketingPolicy, marketingPolicy } from './policy.js';
import type { MarketingContactsDoc } from './projections/contacts.js';
import { sendMarketingMessage } from './sendMarketingMessage.js';

const meta = (commandId: string) => ({ commandId, tenantId: 'shop1', actor: { kind: 'agent' as const, id: 'a-1' } });

describe('marketingModuleFor', () => {
  it('assembles with the customers module: the shop’s cap, the contacts projection, greetings from the profiles', async () => {
    const registry = new EventRegistry();
    const eventStore = new MemoryEventStore({ registry });
    const readModels = new MemoryReadModelStore();
    const vault = new MemoryVault();
    const policy = { ...defaultMarketingPolicy, capMessages: 1 };
    const kernel = createCrmKernel({ eventStore, readModels, registry, clock: fixedClock('2026-08-01T00:00:00.000Z'), modules: [customersModule, marketingModuleFor(policy)] });
    const deps = { handle: kernel.handle, vault };
    await registerCustomer(deps, { data: { customerId: 'c-ann', name: '李娜', phone: '13800138000', channel: 'ownSite' }, metadata: meta('reg') });
    await updateCustomerProfile(deps, { data: { customerId: 'c-ann', birthday: '1994-08-15' }, metadata: meta('bday') });
    await kernel.handle({ type: 'GiveCustomerConsent', data: { customerId: 'c-ann', channel: 'sms', at: '2026-08-01T00:00:00.000Z' }, metadata: meta('yes') });

    const send = (at: string, id: string) => sendMarketingMessage({ handle: kernel.handle, eventStore }, { data: { customerId: 'c-ann', channel: 'sms', at }, metadata: meta(id) });
    expect(E.isRight(await send('2026-08-02T00:00:00.000Z', 'm1'))).toBe(true);
    expect(await send('2026-08-03T00:00:00.000Z', 'm2')).toMatchObject({ left: { code: 'MARKETING_CAP_REACHED', details: { nextAllowedAt: '2026-09-01T00:00:00.001Z' } } });
    await kernel.settle();
    expect(await readModels.get<MarketingContactsDoc>('marketing.contacts', 'shop1', 'c-ann')).toMatchObject({ sent: 1, nextAllowedAt: '2026-09-01T00:00:00.001Z' });

    const due = await readGreetingsDue('2026-08-15', { tenantId: 'shop1', readModels, vault }, policy);
    expect(due).toEqual([{ tenantId: 'shop1', customerId: 'c-ann', occasion: 'birthday', name: 'birthday', channel: 'sms', date: '2026-08-15' }]);
    expect(await readGreetingsDue('2026-11-11', { tenantId: 'shop1', readModels, vault }, policy)).toMatchObject([{ name: '双十一' }]);
  });
});

describe('marketing commands sent directly', () => {
  it('refuse bad input with the field paths and write nothing', async () => {
    const registry = new EventRegistry();
    const eventStore = new MemoryEventStore({ registry });
    const kernel = createCrmKernel({ eventStore, readModels: new MemoryReadModelStore(), registry, modules: [marketingModuleFor()] });
    const r = await kernel.handle({
      type: 'SendMarketingMessage',
      data: { customerId: 'c-ann', messageId: 'm-1', channel: 'sms', at: '2026-08-02T00:00:00.000Z', consent: { status: 'maybe', since: null, customerPosition: -1 } },
      metadata: meta('direct'),
    });
    expect(E.isLeft(r) && r.left.kind === 'ValidationError' ? r.left.issues.map((i) => i.path) : []).toEqual([
      ['data', 'consent', 'status'],
      ['data', 'consent', 'customerPosition'],
    ]);
    let n = 0;
    for await (const _ of eventStore.readAll()) n++;
    expect(n).toBe(0);
  });
});

describe('marketingPolicy', () => {
  it('takes overrides and refuses bad values with their paths', () => {
    expect(marketingPolicy({ capMessages: 3, holidays: [] })).toEqual(E.right({ ...defaultMarketingPolicy, capMessages: 3, holidays: [] }));
    const bad = marketingPolicy({ capMessages: 0, greetingChannels: ['sms', 'sms'], holidays: [{ name: '七夕', dates: ['2026-08-32'], everyYear: '02-30' }] });
    expect(E.isLeft(bad) ? bad.left.issues.map((i) => i.path) : []).toEqual([
      ['capMessages'],
      ['greetingChannels'],
      ['holidays', 0, 'dates', 0],
      ['holidays', 0, 'everyYear'],
    ]);
  });
});
