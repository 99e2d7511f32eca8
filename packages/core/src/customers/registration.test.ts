import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { MemoryEventStore, MemoryReadModelStore, MemoryVault } from '@rapport/memory';
import { createCommandBus } from '../kernel/commandBus.js';
import { fixedClock } from '../kernel/clock.js';
import { isRapportError, StoreUnavailable, type CrmError } from '../kernel/errors.js';
import type { Command } from '../kernel/command.js';
import { ProjectionRunner } from '../kernel/projectionRunner.js';
import { eventRegistry } from '../kernel/registry.js';
import type { StoredEvent } from '../kernel/envelope.js';
import { CustomerEvent } from './events.js';
import { ContactClaimEvent } from './contactClaims/events.js';
import { contactClaimHandler, customerHandler } from './handlers.js';
import { customerProfile, type CustomerProfileDoc } from './projections/customerProfile.js';
import { readCustomerProfile } from './projections/readCustomerProfile.js';
import { registerCustomer } from './registration.js';
import { updateCustomerProfile } from './profileUpdate.js';
import { eraseCustomer } from './erasure.js';
import type { CustomerRegistrationInput } from './input.js';

const setup = () => {
  const clock = fixedClock('2026-05-01T02:00:00.000Z');
  const registry = eventRegistry(CustomerEvent, ContactClaimEvent);
  const store = new MemoryEventStore({ registry, clock });
  const bus = createCommandBus([customerHandler, contactClaimHandler], { eventStore: store, registry, clock });
  const vault = new MemoryVault();
  const deps = { handle: bus.handle, vault };
  const readModels = new MemoryReadModelStore();
  const runner = new ProjectionRunner({ eventStore: store, readModels, projections: [customerProfile] });
  const events = async (): Promise<StoredEvent[]> => {
    const out: StoredEvent[] = [];
    for await (const e of store.readAll({ raw: true })) out.push(e);
    return out;
  };
  const profile = async (customerId: string) => {
    await runner.catchUp();
    const doc = await readModels.get<CustomerProfileDoc>('customers.profile', 'shop1', customerId);
    return doc && readCustomerProfile(doc, vault);
  };
  return { store, bus, vault, deps, events, profile };
};

const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));
const meta = (commandId: string) => ({ commandId, tenantId: 'shop1', actor: { kind: 'agent' as const, id: 'agent-1' } });
const ann = (over: Partial<CustomerRegistrationInput['data']> = {}, commandId = 'reg-ann'): CustomerRegistrationInput => ({
  data: { customerId: 'c-ann', name: '李娜', phone: '138 0013 8000', email: 'Li.Na@Example.com', channel: 'ownSite', ...over },
  metadata: meta(commandId),
});
const bo = (over: Partial<CustomerRegistrationInput['data']> = {}, commandId = 'reg-bo'): CustomerRegistrationInput => ({
  data: { customerId: 'c-bo', name: '王波', phone: '139 0000 0001', channel: 'campusAgent', ...over },
  metadata: meta(commandId),
});

const leftOf = <A>(r: E.Either<CrmError, A>): CrmError => {
  if (E.isRight(r)) throw new Error('expected a refusal');
  return r.left;
};
const issuePaths = (r: E.Either<CrmError, unknown>) => {
  const err = leftOf(r);
  return err.kind === 'ValidationError' ? err.issues.map((i) => i.path) : err;
};

describe('registerCustomer', () => {
  it('normalises, claims, seals and registers; the profile reads back in the clear', async () => {
    const { deps, events, profile } = setup();
    const r = await registerCustomer(deps, ann({ phone: '+86 138-0013-8000', referrerId: 'c-zoe', channel: 'referral' }));
    expect(E.isRight(r) && r.right.events.map((e) => e.type)).toEqual(['CustomerRegistered']);
    const all = await events();
    expect(all.map((e) => [e.type, e.metadata.streamName.split('.')[0]])).toEqual([
      ['CustomerContactClaimed', 'customer_contact-shop1'],
      ['CustomerContactClaimed', 'customer_contact-shop1'],
      ['CustomerRegistered', 'customer-shop1'],
    ]);
    // the claims are caused by the registration and correlated with it
    expect(all[0]!.metadata.causationId).toBe('reg-ann');
    expect(all[0]!.metadata.correlationId).toBe('reg-ann');
    const view = await profile('c-ann');
    expect(view).toMatchObject({ name: '李娜', phone: '13800138000', email: 'li.na@example.com', channel: 'referral', referrerId: 'c-zoe', erased: false });
  });

  it('refuses a phone already held, written another way, with the existing customer id', async () => {
    const { deps, events } = setup();
    await registerCustomer(deps, ann());
    const before = (await events()).length;
    const r = await registerCustomer(deps, bo({ phone: '0086 138.0013.8000' }));
    expect(leftOf(r)).toMatchObject({
      kind: 'DomainError',
      code: 'CUSTOMER_DUPLICATE_CONTACT',
      path: ['data', 'phone'],
      details: { existingCustomerId: 'c-ann', contact: 'phone' },
    });
    expect((await events()).length).toBe(before);
  });

  it('refuses an email already held (any case), releasing the phone it had claimed', async () => {
    const { deps, events } = setup();
    await registerCustomer(deps, ann());
    const r = await registerCustomer(deps, bo({ email: '  LI.NA@EXAMPLE.COM ' }));
    expect(leftOf(r)).toMatchObject({ code: 'CUSTOMER_DUPLICATE_CONTACT', path: ['data', 'email'], details: { existingCustomerId: 'c-ann' } });
    const types = (await events()).map((e) => e.type);
    expect(types.slice(-2)).toEqual(['CustomerContactClaimed', 'CustomerContactReleased']);
    expect(types.filter((t) => t === 'CustomerRegistered')).toHaveLength(1); // ann's only
    // bo's phone is free again
    expect(E.isRight(await registerCustomer(deps, bo({ customerId: 'c-cy' }, 'reg-cy')))).toBe(true);
  });

  it('refuses self-referral before claiming anything', async () => {
    const { deps, events } = setup();
    const r = await registerCustomer(deps, ann({ referrerId: 'c-ann', channel: 'referral' }));
    expect(leftOf(r)).toMatchObject({ code: 'CUSTOMER_SELF_REFERRAL', path: ['data', 'referrerId'] });
    expect(await events()).toEqual([]);
  });

  it('refuses a second registration of the same customer id and releases what it claimed', async () => {
    const { deps, events } = setup();
    await registerCustomer(deps, ann());
    const r = await registerCustomer(deps, ann({ phone: '139 1111 2222', email: null }, 'reg-ann-2'));
    expect(leftOf(r)).toMatchObject({ code: 'CUSTOMER_ALREADY_REGISTERED', path: ['data', 'customerId'] });
    expect((await events()).map((e) => e.type).slice(-2)).toEqual(['CustomerContactClaimed', 'CustomerContactReleased']);
  });

  it('is idempotent: the same commandId registers and claims once', async () => {
    const { deps, events } = setup();
    const first = await registerCustomer(deps, ann());
    const before = await events();
    const again = await registerCustomer(deps, ann());
    expect(E.isRight(again) && again.right.duplicate).toBe(true);
    expect(E.isRight(first) && E.isRight(again) && again.right.events).toEqual(E.isRight(first) && first.right.events);
    expect((await events()).length).toBe(before.length);
  });

  it('a refused registration retried later (same commandId) claims again what it had released', async () => {
    const { deps, events } = setup();
    await registerCustomer(deps, ann());
    const boInput = bo({ email: 'li.na@example.com' }, 'reg-bo');
    expect(leftOf(await registerCustomer(deps, boInput))).toMatchObject({ code: 'CUSTOMER_DUPLICATE_CONTACT' });
    expect(E.isRight(await eraseCustomer(deps, { data: { customerId: 'c-ann' }, metadata: meta('erase-ann') }))).toBe(true);
    const retry = await registerCustomer(deps, boInput);
    expect(E.isRight(retry) && retry.right.duplicate).toBe(false);
    // bo holds both contacts now
    for (const [over, contact] of [
      [{ phone: '13900000001' }, 'phone'],
      [{ phone: null, email: 'LI.NA@example.com' }, 'email'],
    ] as const)
      expect(leftOf(await registerCustomer(deps, ann({ customerId: 'c-dan', ...over }, `reg-dan-${contact}`)))).toMatchObject({
        details: { existingCustomerId: 'c-bo', contact },
      });
    expect((await events()).filter((e) => e.type === 'CustomerRegistered')).toHaveLength(2);
  });

  it('a registration that failed after claiming (store down) is finished by a retry, claiming nothing twice', async () => {
    const { deps, events } = setup();
    let down = true;
    const flaky = {
      ...deps,
      handle: async (c: Command) => {
        if (down && c.type === 'RegisterCustomer') throw new StoreUnavailable('connection reset');
        return deps.handle(c);
      },
    };
    await expect(registerCustomer(flaky, ann())).rejects.toSatisfy((e) => isRapportError(e, StoreUnavailable.code));
    expect((await events()).map((e) => e.type)).toEqual(['CustomerContactClaimed', 'CustomerContactClaimed']);
    down = false;
    const retry = await registerCustomer(flaky, ann());
    expect(E.isRight(retry) && retry.right.duplicate).toBe(false);
    expect((await events()).map((e) => e.type)).toEqual(['CustomerContactClaimed', 'CustomerContactClaimed', 'CustomerRegistered']);
  });

  it('two customers racing for one phone: exactly one gets it, the other learns who', async () => {
    const { deps, events } = setup();
    const [a, b] = await Promise.all([registerCustomer(deps, ann({ email: null })), registerCustomer(deps, bo({ phone: '13800138000' }))]);
    const winners = [a, b].filter(E.isRight);
    expect(winners).toHaveLength(1);
    const winner = a === winners[0] ? 'c-ann' : 'c-bo';
    expect(leftOf(a === winners[0] ? b : a)).toMatchObject({ code: 'CUSTOMER_DUPLICATE_CONTACT', details: { existingCustomerId: winner } });
    expect((await events()).filter((e) => e.type === 'CustomerRegistered')).toHaveLength(1);
  });

  it('bad input is a ValidationError naming every bad field, and nothing is appended', async () => {
    const { deps, events, vault } = setup();
    await registerCustomer(deps, ann());
    const before = json(await events());
    const cases: [CustomerRegistrationInput | unknown, (string | number)[][]][] = [
      [bo({ channel: 'fax' as never }), [['data', 'channel']]],
      [bo({ name: 42 as never }), [['data', 'name']]],
      [bo({ name: '   ' }), [['data', 'name']]],
      [bo({ phone: null, email: undefined }), [['data', 'phone'], ['data', 'email']]],
      [bo({ phone: 'call me' }), [['data', 'phone']]],
      [bo({ phone: '12345' }), [['data', 'phone']]],
      [bo({ email: 'not-an-email' }), [['data', 'email']]],
      [bo({ referrerId: 'has.dot' }), [['data', 'referrerId']]],
      [bo({ customerId: 'c bo' }), [['data', 'customerId']]],
      [{ data: bo().data, metadata: { ...meta('x'), tenantId: 'shop.1' } }, [['metadata', 'tenantId']]],
      [{ data: { ...bo().data, channel: 'fax', phone: 7 }, metadata: meta('y') }, [['data', 'phone'], ['data', 'channel']]],
      [{}, [['data'], ['metadata']]],
    ];
    for (const [input, paths] of cases) {
      const r = await registerCustomer(deps, input as CustomerRegistrationInput);
      expect(leftOf(r).kind, JSON.stringify(input)).toBe('ValidationError');
      expect(issuePaths(r)).toEqual(expect.arrayContaining(paths));
      expect(issuePaths(r)).toHaveLength(paths.length);
    }
    expect(json(await events())).toBe(before);
    // nothing was sealed for bo either: the vault holds no key for him
    expect(await vault.decrypt('shop1', 'c-bo', await vault.encrypt('shop1', 'c-ann', 'x'))).toBeUndefined();
  });
});

describe('registerCustomer, property', () => {
  it('any input: either registered, or refused with nothing of that customer appended and every issue path rooted in the command', () =>
    fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            customerId: fc.oneof(fc.constant('c-new'), fc.string()),
            name: fc.oneof(fc.constant('New'), fc.string(), fc.integer()),
            phone: fc.oneof(fc.constant('13900000009'), fc.constant('+86 138 0013 8000'), fc.string(), fc.constant(null)),
            email: fc.oneof(fc.constant('new@example.com'), fc.string(), fc.constant(undefined)),
            channel: fc.oneof(fc.constantFrom('ownSite', 'referral'), fc.constant('fax'), fc.string()),
          },
          { requiredKeys: [] },
        ),
        async (data) => {
          const { deps, events } = setup();
          await registerCustomer(deps, ann());
          const before = json(await events());
          const count = (await events()).length;
          const r = await registerCustomer(deps, { data, metadata: meta('reg-new') } as unknown as CustomerRegistrationInput);
          if (E.isRight(r)) {
            expect((await events()).filter((e) => e.type === 'CustomerRegistered')).toHaveLength(2);
            return;
          }
          if (r.left.kind === 'ValidationError') for (const i of r.left.issues) expect(['data', 'metadata']).toContain(i.path[0]);
          // a refusal may leave a claim and its release behind, never a held claim or a registration
          const after = (await events()).slice(count);
          expect(after.filter((e) => e.type === 'CustomerContactClaimed').length).toBe(after.filter((e) => e.type === 'CustomerContactReleased').length);
          expect(after.filter((e) => e.type === 'CustomerRegistered')).toHaveLength(0);
          if (r.left.kind === 'ValidationError') expect(json(await events())).toBe(before);
        },
      ),
      { numRuns: 60 },
    ));
});

describe('updateCustomerProfile', () => {
  it('seals addresses and birthday, keeps the rest open, and reads back', async () => {
    const { deps, events, profile } = setup();
    await registerCustomer(deps, ann());
    const address = { label: 'home', province: '浙江省', city: '杭州市', district: '西湖区', street: '文三路 1 号', postcode: '310000' };
    const r = await updateCustomerProfile(deps, {
      data: {
        customerId: 'c-ann',
        addresses: [address],
        birthday: '1994-08-15',
        gender: 'female',
        bodySize: { heightCm: 165, weightKg: 52, size: 'M' },
        household: [{ relation: 'child', birthYear: 2020, bodySize: { size: '110' } }],
        tags: ['vip'],
        groups: ['bought in 2026-05'],
        notes: 'prefers SF Express',
      },
      metadata: meta('upd-1'),
    });
    expect(E.isRight(r)).toBe(true);
    const raw = json((await events()).at(-1));
    expect(raw).not.toContain('文三路');
    expect(raw).not.toContain('1994-08-15');
    expect(raw).toContain('prefers SF Express');
    expect(await profile('c-ann')).toMatchObject({
      addresses: [address],
      birthday: '1994-08-15',
      gender: 'female',
      bodySize: { heightCm: 165, weightKg: 52, size: 'M' },
      household: [{ relation: 'child', birthYear: 2020, bodySize: { size: '110' } }],
      tags: ['vip'],
      groups: ['bought in 2026-05'],
      notes: 'prefers SF Express',
    });
    // a later update replaces only what it names; null clears the birthday
    await updateCustomerProfile(deps, { data: { customerId: 'c-ann', birthday: null, tags: ['vip', 'big-spender'] }, metadata: meta('upd-2') });
    expect(await profile('c-ann')).toMatchObject({ addresses: [address], birthday: null, gender: 'female', tags: ['vip', 'big-spender'] });
  });

  it('bad input names the field path and appends nothing', async () => {
    const { deps, events } = setup();
    await registerCustomer(deps, ann());
    const before = (await events()).length;
    const cases: [Record<string, unknown>, (string | number)[]][] = [
      [{ birthday: '1994-02-30' }, ['data', 'birthday']],
      [{ addresses: [{ province: '浙江省', city: '杭州市', street: 'x' }, { province: '浙江省', street: 'y' }] }, ['data', 'addresses', 1, 'city']],
      [{ gender: 'unknown' }, ['data', 'gender']],
      [{ bodySize: { heightCm: 1000 } }, ['data', 'bodySize', 'heightCm']],
      [{ household: [{ relation: 'cousin' }] }, ['data', 'household', 0, 'relation']],
      [{ tags: ['ok', ''] }, ['data', 'tags', 1]],
    ];
    for (const [changes, path] of cases) {
      const r = await updateCustomerProfile(deps, { data: { customerId: 'c-ann', ...changes }, metadata: meta('bad') } as never);
      expect(issuePaths(r), JSON.stringify(changes)).toEqual([path]);
    }
    expect((await events()).length).toBe(before);
  });

  it('refuses an update of an unknown or erased customer', async () => {
    const { deps } = setup();
    expect(leftOf(await updateCustomerProfile(deps, { data: { customerId: 'c-nobody', tags: ['x'] }, metadata: meta('u1') }))).toMatchObject({
      code: 'CUSTOMER_NOT_FOUND',
    });
    await registerCustomer(deps, ann());
    await eraseCustomer(deps, { data: { customerId: 'c-ann' }, metadata: meta('erase') });
    for (const data of [{ customerId: 'c-ann', birthday: '1994-08-15' }, { customerId: 'c-ann', tags: ['x'] }])
      expect(leftOf(await updateCustomerProfile(deps, { data, metadata: meta(`u-${Object.keys(data)[1]}`) }))).toMatchObject({
        code: 'CUSTOMER_ERASED',
        path: ['data', 'customerId'],
      });
  });
});

describe('consent and contact log through the bus', () => {
  it('records them, and refuses an unknown channel by its path with nothing appended', async () => {
    const { deps, bus, events, profile } = setup();
    await registerCustomer(deps, ann());
    const send = (type: string, data: Record<string, unknown>, id: string) => bus.handle({ type, data: { customerId: 'c-ann', ...data }, metadata: meta(id) });
    expect(E.isRight(await send('GiveCustomerConsent', { channel: 'sms', at: '2026-05-01T02:00:00.000Z' }, 'k1'))).toBe(true);
    expect(E.isRight(await send('GiveCustomerConsent', { channel: 'email', at: '2026-05-01T02:00:00.000Z' }, 'k2'))).toBe(true);
    expect(E.isRight(await send('WithdrawCustomerConsent', { channel: 'sms', at: '2026-05-03T02:00:00.000Z' }, 'k3'))).toBe(true);
    expect(
      E.isRight(await send('LogCustomerContact', { contactType: 'chat', at: '2026-05-02T08:00:00.000Z', agentId: 'agent-7', summary: 'size advice' }, 'l1')),
    ).toBe(true);
    const before = (await events()).length;
    expect(issuePaths(await send('GiveCustomerConsent', { channel: 'fax', at: '2026-05-01T02:00:00.000Z' }, 'k4'))).toEqual([['data', 'channel']]);
    expect(issuePaths(await send('LogCustomerContact', { contactType: 'fax', at: 'yesterday', agentId: 'agent-7', summary: '' }, 'l2'))).toEqual([
      ['data', 'contactType'],
      ['data', 'at'],
      ['data', 'summary'],
    ]);
    expect((await events()).length).toBe(before);
    expect(await profile('c-ann')).toMatchObject({
      consent: { sms: { given: false, at: '2026-05-03T02:00:00.000Z' }, email: { given: true, at: '2026-05-01T02:00:00.000Z' } },
      contactLog: [{ contactType: 'chat', at: '2026-05-02T08:00:00.000Z', agentId: 'agent-7', summary: 'size advice' }],
    });
  });
});
