import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { MemoryEventStore, MemoryReadModelStore, MemoryVault } from '@rapport/memory';
import { createCommandBus } from '../kernel/commandBus.js';
import { fixedClock } from '../kernel/clock.js';
import type { Command } from '../kernel/command.js';
import { ProjectionRunner } from '../kernel/projectionRunner.js';
import { eventRegistry } from '../kernel/registry.js';
import { CustomerEvent } from '../customers/events.js';
import { ContactClaimEvent } from '../customers/contactClaims/events.js';
import { contactClaimHandler, customerHandler } from '../customers/handlers.js';
import { registerCustomer } from '../customers/registration.js';
import { eraseCustomer } from '../customers/erasure.js';
import { MarketingEvent } from './events.js';
import { marketingHandler } from './streams.js';
import { marketingContacts, type MarketingContactsDoc } from './projections/contacts.js';
import { sendMarketingMessage, type MarketingMessageInput } from './sendMarketingMessage.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-06-01T02:00:00.000Z');
const iso = (ms: number) => new Date(T0 + ms).toISOString();
const meta = (commandId: string) => ({ commandId, tenantId: 'shop1', actor: { kind: 'agent' as const, id: 'a-1' } });

const setup = async () => {
  const registry = eventRegistry(CustomerEvent, ContactClaimEvent, MarketingEvent);
  const eventStore = new MemoryEventStore({ registry });
  const bus = createCommandBus([customerHandler, contactClaimHandler, marketingHandler()], { eventStore, registry, clock: fixedClock(iso(0)) });
  const vault = new MemoryVault();
  let before: ((c: Command) => Promise<void>) | undefined;
  const handle = async (c: Command) => {
    if (before) await before(c);
    return bus.handle(c);
  };
  await registerCustomer({ handle: bus.handle, vault }, { data: { customerId: 'c-ann', name: '李娜', phone: '13800138000', channel: 'ownSite' }, metadata: meta('reg') });
  const consent = (type: 'GiveCustomerConsent' | 'WithdrawCustomerConsent', channel: string, at: string, id: string) =>
    bus.handle({ type, data: { customerId: 'c-ann', channel, at }, metadata: meta(id) });
  await consent('GiveCustomerConsent', 'sms', '2026-05-01T00:00:00.000Z', 'sms-yes');
  const readModels = new MemoryReadModelStore();
  const runner = new ProjectionRunner({ eventStore, readModels, projections: [marketingContacts] });
  const contacts = async () => (await runner.catchUp(), readModels.get<MarketingContactsDoc>('marketing.contacts', 'shop1', 'c-ann'));
  const stream = async () => {
    const out: string[] = [];
    for await (const e of eventStore.readStream('marketing-shop1.c-ann')) out.push(e.type);
    return out;
  };
  return { deps: { handle, eventStore }, bus, vault, consent, contacts, stream, onSend: (f: (c: Command) => Promise<void>) => (before = f) };
};

const message = (ms: number, commandId: string, over: Partial<MarketingMessageInput['data']> = {}): MarketingMessageInput => ({
  data: { customerId: 'c-ann', channel: 'sms', at: iso(ms), campaignId: 'summer', ...over },
  metadata: meta(commandId),
});

describe('sendMarketingMessage', () => {
  it('records a message with consent; the 5th in 30 days is refused with the next allowed instant, allowed exactly then', async () => {
    const { deps, contacts } = await setup();
    for (const [i, d] of [0, 1, 2, 3].entries()) expect(E.isRight(await sendMarketingMessage(deps, message(d * DAY, `m${i}`)))).toBe(true);
    const fifth = await sendMarketingMessage(deps, message(20 * DAY, 'm5'));
    expect(fifth).toMatchObject({ left: { code: 'MARKETING_CAP_REACHED', path: ['data', 'at'], details: { nextAllowedAt: iso(30 * DAY + 1) } } });
    expect(await contacts()).toMatchObject({ sent: 4, byChannel: { sms: 4 }, last30DaysCount: 4, nextAllowedAt: iso(30 * DAY + 1) });
    expect(E.isLeft(await sendMarketingMessage(deps, message(30 * DAY, 'm6')))).toBe(true);
    expect(E.isRight(await sendMarketingMessage(deps, message(30 * DAY + 1, 'm7')))).toBe(true);
    expect(await contacts()).toMatchObject({ sent: 5, last30DaysCount: 4, nextAllowedAt: iso(31 * DAY + 1) });
  });

  it('refuses a channel without consent, and at once after a withdrawal', async () => {
    const { deps, consent, stream } = await setup();
    expect(await sendMarketingMessage(deps, message(0, 'e1', { channel: 'email' }))).toMatchObject({ left: { code: 'MARKETING_NO_CONSENT', path: ['data', 'channel'], details: { status: 'never' } } });
    expect(E.isRight(await sendMarketingMessage(deps, message(0, 's1')))).toBe(true);
    await consent('WithdrawCustomerConsent', 'sms', iso(DAY), 'sms-no');
    expect(await sendMarketingMessage(deps, message(DAY + 1, 's2'))).toMatchObject({ left: { code: 'MARKETING_NO_CONSENT', details: { status: 'withdrawn' } } });
    expect(await stream()).toEqual(['MarketingMessageSent']);
  });

  it('takes the message back when the withdrawal is recorded while the message is being recorded', async () => {
    const { deps, consent, stream, contacts, onSend } = await setup();
    onSend(async (c) => {
      if (c.type === 'SendMarketingMessage') await consent('WithdrawCustomerConsent', 'sms', iso(0), 'sms-no');
    });
    const r = await sendMarketingMessage(deps, message(0, 'race'));
    expect(r).toMatchObject({ left: { code: 'MARKETING_NO_CONSENT', path: ['data', 'channel'], details: { status: 'withdrawn', retracted: true } } });
    expect(await stream()).toEqual(['MarketingMessageSent', 'MarketingMessageRetracted']);
    expect(await contacts()).toMatchObject({ sent: 0, retracted: 1, last30DaysCount: 0 });
    // the same input again: nothing new is recorded, still refused
    expect(E.isLeft(await sendMarketingMessage(deps, message(0, 'race')))).toBe(true);
    expect(await stream()).toEqual(['MarketingMessageSent', 'MarketingMessageRetracted']);
  });

  it('is idempotent per commandId', async () => {
    const { deps, stream } = await setup();
    await sendMarketingMessage(deps, message(0, 'once'));
    expect(await sendMarketingMessage(deps, message(0, 'once'))).toMatchObject({ right: { duplicate: true } });
    expect(await stream()).toEqual(['MarketingMessageSent']);
  });

  it('refuses an erased or unknown customer', async () => {
    const { deps, bus, vault } = await setup();
    expect(await sendMarketingMessage(deps, message(0, 'x', { customerId: 'c-nobody' }))).toMatchObject({ left: { code: 'MARKETING_NO_CONSENT', details: { status: 'unknownCustomer' } } });
    await eraseCustomer({ handle: bus.handle, vault }, { data: { customerId: 'c-ann', reason: null }, metadata: meta('erase') });
    expect(await sendMarketingMessage(deps, message(0, 'y'))).toMatchObject({ left: { code: 'MARKETING_NO_CONSENT', details: { status: 'erased' } } });
  });

  it('refuses bad input with every field path and writes nothing', async () => {
    const { deps, stream } = await setup();
    const r = await sendMarketingMessage(deps, { data: { customerId: 'c-ann', channel: 'fax' as never, at: '2026-06-01', campaignId: 'a b' }, metadata: { ...meta('bad'), tenantId: '' } });
    expect(E.isLeft(r) && r.left.kind === 'ValidationError' ? r.left.issues.map((i) => i.path) : []).toEqual([
      ['data', 'channel'],
      ['data', 'at'],
      ['data', 'campaignId'],
      ['metadata', 'tenantId'],
    ]);
    expect(await stream()).toEqual([]);
  });
});
