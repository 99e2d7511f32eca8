import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { MemoryEventStore, MemoryReadModelStore, MemoryVault } from '@rapport/memory';
import { createCommandBus } from '../kernel/commandBus.js';
import { steppingClock } from '../kernel/clock.js';
import { fold } from '../kernel/decider.js';
import type { StoredEvent } from '../kernel/envelope.js';
import { verifyStreamChain } from '../kernel/hashChain.js';
import { ProjectionRunner } from '../kernel/projectionRunner.js';
import { eventRegistry } from '../kernel/registry.js';
import { ContactClaimEvent } from './contactClaims/events.js';
import { customerDecider } from './decider.js';
import { eraseCustomer } from './erasure.js';
import { CustomerEvent } from './events.js';
import { contactClaimHandler, customerHandler } from './handlers.js';
import { updateCustomerProfile } from './profileUpdate.js';
import { customerProfile, type CustomerProfileDoc } from './projections/customerProfile.js';
import { ERASED, readCustomerProfile } from './projections/readCustomerProfile.js';
import { registerCustomer } from './registration.js';
import { customerStream } from './streams.js';

const NAME = '李娜';
const PHONE_AS_TYPED = '+86 138-0013-8000';
const PHONE = '13800138000';
const EMAIL = 'li.na@example.com';
const STREET = '文三路 478 号';
const BIRTHDAY = '1994-08-15';
const plaintexts = [NAME, PHONE, '138-0013-8000', EMAIL, 'Li.Na', STREET, BIRTHDAY];

const setup = () => {
  const clock = steppingClock('2026-05-01T00:00:00.000Z', 1000);
  const registry = eventRegistry(CustomerEvent, ContactClaimEvent);
  const store = new MemoryEventStore({ registry, clock });
  const bus = createCommandBus([customerHandler, contactClaimHandler], { eventStore: store, registry, clock });
  const vault = new MemoryVault();
  const readModels = new MemoryReadModelStore();
  const runner = new ProjectionRunner({ eventStore: store, readModels, projections: [customerProfile] });
  /** Every stored event, raw, as one JSON text: what a backup or a database dump would hold. */
  const dump = async () => {
    const out: StoredEvent[] = [];
    for await (const e of store.readAll({ raw: true })) out.push(e);
    return JSON.stringify(out, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
  };
  const view = async (id: string) => {
    await runner.catchUp();
    return readCustomerProfile((await readModels.get<CustomerProfileDoc>('customers.profile', 'shop1', id))!, vault);
  };
  return { store, bus, vault, deps: { handle: bus.handle, vault }, dump, view, runner };
};
const meta = (commandId: string) => ({ commandId, tenantId: 'shop1', actor: { kind: 'agent' as const, id: 'agent-1' } });

const registerAnn = async (s: ReturnType<typeof setup>) => {
  const reg = await registerCustomer(s.deps, {
    data: { customerId: 'c-ann', name: NAME, phone: PHONE_AS_TYPED, email: 'Li.Na@Example.com', channel: 'ownSite' },
    metadata: meta('reg-ann'),
  });
  expect(E.isRight(reg)).toBe(true);
  await s.bus.handle({
    type: 'LogCustomerContact',
    data: { customerId: 'c-ann', contactType: 'call', at: '2026-05-02T03:00:00.000Z', agentId: 'agent-1', summary: 'asked for a size chart' },
    metadata: meta('log-1'),
  });
  await s.bus.handle({ type: 'GiveCustomerConsent', data: { customerId: 'c-ann', channel: 'sms', at: '2026-05-02T03:00:00.000Z' }, metadata: meta('consent-1') });
  await updateCustomerProfile(s.deps, {
    data: { customerId: 'c-ann', addresses: [{ province: '浙江省', city: '杭州市', street: STREET }], birthday: BIRTHDAY, tags: ['vip'] },
    metadata: meta('upd-1'),
  });
};

describe('erasure', () => {
  it('personal fields read as erased, the rest of history stays, replays and verifies, and no plaintext was ever stored', async () => {
    const s = setup();
    await registerAnn(s);

    // before erasure: readable through the vault, never stored in the clear
    const dumpBefore = await s.dump();
    for (const p of plaintexts) expect(dumpBefore, p).not.toContain(p);
    expect(await s.view('c-ann')).toMatchObject({ name: NAME, phone: PHONE, email: EMAIL, birthday: BIRTHDAY, addresses: [{ street: STREET }] });

    const erased = await eraseCustomer(s.deps, { data: { customerId: 'c-ann', reason: 'PIPL request' }, metadata: meta('erase-1') });
    expect(E.isRight(erased) && erased.right.events.map((e) => e.type)).toEqual(['CustomerPersonalDataErased']);

    const v = await s.view('c-ann');
    expect(v).toMatchObject({ name: ERASED, phone: ERASED, email: ERASED, addresses: ERASED, birthday: ERASED, erased: true });
    // the rest of the profile stays
    expect(v).toMatchObject({
      channel: 'ownSite',
      tags: ['vip'],
      consent: { sms: { given: true, at: '2026-05-02T03:00:00.000Z' } },
      contactLog: [{ contactType: 'call', at: '2026-05-02T03:00:00.000Z', agentId: 'agent-1', summary: 'asked for a size chart' }],
    });

    // history replays: every event still decodes and folds, and the chain verifies
    const stream = customerStream('shop1', 'c-ann');
    const history: StoredEvent<CustomerEvent>[] = [];
    for await (const e of s.store.readStream<CustomerEvent>(stream)) history.push(e);
    expect(history.map((e) => e.type)).toEqual([
      'CustomerRegistered',
      'CustomerContactLogged',
      'CustomerConsentGiven',
      'CustomerProfileUpdated',
      'CustomerPersonalDataErased',
    ]);
    expect(fold(customerDecider, customerDecider.initialState(), history)).toEqual({ status: 'erased', customerId: 'c-ann' });
    expect(await verifyStreamChain(s.store.readStream(stream, { raw: true }))).toEqual({ intact: true, events: 5 });
    await s.runner.rebuild();
    expect(await s.view('c-ann')).toEqual(v);

    // the store holds no plaintext after erasure either, and the sealed fields no longer open
    const dumpAfter = await s.dump();
    for (const p of plaintexts) expect(dumpAfter, p).not.toContain(p);
    const registered = history[0]!;
    if (registered.type !== 'CustomerRegistered') throw new Error('first event');
    expect(await s.vault.decrypt('shop1', 'c-ann', registered.data.name)).toBeUndefined();
  });

  it('reads erased when the key is gone even before the erasure event is projected', async () => {
    const s = setup();
    await registerAnn(s);
    await s.runner.catchUp();
    await s.vault.erase('shop1', 'c-ann');
    expect(await s.view('c-ann')).toMatchObject({ name: ERASED, phone: ERASED, email: ERASED, addresses: ERASED, birthday: ERASED, erased: false });
  });

  it('releases the phone and email, so another customer may register them', async () => {
    const s = setup();
    await registerAnn(s);
    const newcomer = { data: { customerId: 'c-new', name: 'New', phone: PHONE, email: EMAIL, channel: 'offlineStore' as const }, metadata: meta('reg-new') };
    expect(E.isLeft(await registerCustomer(s.deps, newcomer))).toBe(true);
    await eraseCustomer(s.deps, { data: { customerId: 'c-ann' }, metadata: meta('erase-1') });
    expect(E.isRight(await registerCustomer(s.deps, { ...newcomer, metadata: meta('reg-new-2') }))).toBe(true);
  });

  it('is idempotent for the same commandId, refused for another, and refused for an unknown customer (whose key stays)', async () => {
    const s = setup();
    await registerAnn(s);
    const first = await eraseCustomer(s.deps, { data: { customerId: 'c-ann' }, metadata: meta('erase-1') });
    const dumpAfter = await s.dump();
    const again = await eraseCustomer(s.deps, { data: { customerId: 'c-ann' }, metadata: meta('erase-1') });
    expect(E.isRight(again) && again.right.duplicate).toBe(true);
    expect(E.isRight(first) && E.isRight(again) && again.right.events).toEqual(E.isRight(first) && first.right.events);
    expect(await s.dump()).toBe(dumpAfter);
    const other = await eraseCustomer(s.deps, { data: { customerId: 'c-ann' }, metadata: meta('erase-2') });
    expect(E.isLeft(other) && other.left.kind === 'DomainError' && other.left.code).toBe('CUSTOMER_ERASED');

    const sealed = await s.vault.encrypt('shop1', 'c-zed', 'zed');
    const unknown = await eraseCustomer(s.deps, { data: { customerId: 'c-zed' }, metadata: meta('erase-3') });
    expect(E.isLeft(unknown) && unknown.left.kind === 'DomainError' && unknown.left.code).toBe('CUSTOMER_NOT_FOUND');
    expect(await s.vault.decrypt('shop1', 'c-zed', sealed)).toBe('zed');
  });

  it('bad input names the path and erases nothing', async () => {
    const s = setup();
    await registerAnn(s);
    const before = await s.dump();
    const r = await eraseCustomer(s.deps, { data: { customerId: 'c.ann', reason: '' }, metadata: meta('erase-x') });
    expect(E.isLeft(r) && r.left.kind === 'ValidationError' && r.left.issues.map((i) => i.path)).toEqual([
      ['data', 'customerId'],
      ['data', 'reason'],
    ]);
    expect(await s.dump()).toBe(before);
    expect((await s.view('c-ann')).name).toBe(NAME);
  });
});
