// The example in docs/customers.md, run as a test: the doc's code block must be exactly the
// imports region followed by the example region below (dedented), so the doc never rots.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// #region imports
import * as E from 'fp-ts/lib/Either.js';
import {
  ContactClaimEvent,
  contactClaimHandler,
  createCommandBus,
  CustomerEvent,
  customerHandler,
  customerProfile,
  eraseCustomer,
  eventRegistry,
  ProjectionRunner,
  readCustomerProfile,
  registerCustomer,
  systemClock,
  updateCustomerProfile,
  type CustomerProfileDoc,
} from '@rapport/core';
import { MemoryEventStore, MemoryReadModelStore, MemoryVault } from '@rapport/memory';
// #endregion

describe('docs/customers.md', () => {
  it('runs its example', async () => {
    // #region example
    const registry = eventRegistry(CustomerEvent, ContactClaimEvent);
    const eventStore = new MemoryEventStore({ registry });
    const bus = createCommandBus([customerHandler, contactClaimHandler], { eventStore, registry, clock: systemClock });
    const vault = new MemoryVault();
    const deps = { handle: bus.handle, vault };
    const readModels = new MemoryReadModelStore();
    const projections = new ProjectionRunner({ eventStore, readModels, projections: [customerProfile] });
    const meta = (commandId: string) => ({ commandId, tenantId: 'shop1', actor: { kind: 'agent' as const, id: 'agent-7' } });

    // register: plain input in, sealed events out
    const ann = await registerCustomer(deps, {
      data: { customerId: 'c-ann', name: '李娜', phone: '+86 138-0013-8000', email: 'Li.Na@Example.com', channel: 'ownSite' },
      metadata: meta('reg-ann'),
    });
    console.log('registered:', E.isRight(ann)); // registered: true

    // the same phone written another way is a duplicate, refused with the holder's id
    const bo = await registerCustomer(deps, {
      data: { customerId: 'c-bo', name: '王波', phone: '138 0013 8000', channel: 'campusAgent' },
      metadata: meta('reg-bo'),
    });
    if (E.isLeft(bo) && bo.left.kind === 'DomainError') console.log(bo.left.code, bo.left.path, bo.left.details);
    // CUSTOMER_DUPLICATE_CONTACT [ 'data', 'phone' ] { existingCustomerId: 'c-ann', contact: 'phone' }

    // profile, contact log and consent
    await updateCustomerProfile(deps, {
      data: { customerId: 'c-ann', birthday: '1994-08-15', tags: ['vip'], bodySize: { heightCm: 165, size: 'M' } },
      metadata: meta('profile-1'),
    });
    await bus.handle({
      type: 'LogCustomerContact',
      data: { customerId: 'c-ann', contactType: 'chat', at: '2026-05-02T08:00:00.000Z', agentId: 'agent-7', summary: 'size advice' },
      metadata: meta('contact-1'),
    });
    await bus.handle({ type: 'GiveCustomerConsent', data: { customerId: 'c-ann', channel: 'sms', at: '2026-05-02T08:00:00.000Z' }, metadata: meta('consent-1') });

    const profile = async () => {
      await projections.catchUp();
      const doc = await readModels.get<CustomerProfileDoc>('customers.profile', 'shop1', 'c-ann');
      return readCustomerProfile(doc!, vault);
    };
    const before = await profile();
    console.log(before.name, before.phone, before.email, before.birthday, before.tags, before.consent.sms?.given);
    // 李娜 13800138000 li.na@example.com 1994-08-15 [ 'vip' ] true

    // erase: the key goes, the events stay
    await eraseCustomer(deps, { data: { customerId: 'c-ann', reason: 'customer request' }, metadata: meta('erase-ann') });
    const after = await profile();
    console.log(after.name, after.phone, after.email, after.birthday, after.tags, after.contactLog.length);
    // erased erased erased erased [ 'vip' ] 1
    // #endregion
    expect(E.isRight(ann)).toBe(true);
    expect(bo).toMatchObject({ left: { code: 'CUSTOMER_DUPLICATE_CONTACT', path: ['data', 'phone'], details: { existingCustomerId: 'c-ann' } } });
    expect(before).toMatchObject({ name: '李娜', phone: '13800138000', email: 'li.na@example.com', birthday: '1994-08-15', tags: ['vip'] });
    expect(after).toMatchObject({ name: 'erased', phone: 'erased', email: 'erased', birthday: 'erased', tags: ['vip'], erased: true });
    expect(after.contactLog).toHaveLength(1);
  });

  it('shows that example verbatim', () => {
    const source = readFileSync(fileURLToPath(import.meta.url), 'utf8');
    const region = (name: string) => {
      const m = new RegExp(`// #region ${name}\\n([\\s\\S]*?)\\n\\s*// #endregion`).exec(source);
      return m![1]!.split('\n').map((l) => l.replace(/^ {4}/, '')).join('\n');
    };
    const doc = readFileSync(fileURLToPath(new URL('../../../../docs/customers.md', import.meta.url)), 'utf8');
    expect(doc).toContain('```ts\n' + region('imports') + '\n\n' + region('example') + '\n```');
  });
});
