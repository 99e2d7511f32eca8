// The example in docs/marketing.md, run as a test: the doc's code block must be exactly the
// imports region followed by the example region below (dedented), so the doc never rots.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// #region imports
import * as E from 'fp-ts/lib/Either.js';
import {
  createCrmKernel,
  customersModule,
  defaultMarketingPolicy,
  marketingContactAt,
  marketingModuleFor,
  readGreetingsDue,
  registerCustomer,
  sendMarketingMessage,
  updateCustomerProfile,
  type MarketingContactsDoc,
} from '@rapport/core';
import { memoryStores } from '@rapport/memory';
// #endregion

describe('docs/marketing.md', () => {
  it('runs its example', async () => {
    // #region example
    const { registry, eventStore, readModels, vault } = memoryStores();
    const kernel = createCrmKernel({ registry, eventStore, readModels, modules: [customersModule, marketingModuleFor(defaultMarketingPolicy)] });
    const meta = (commandId: string) => ({ commandId, tenantId: 'shop1', actor: { kind: 'agent' as const, id: 'agent-7' } });
    const deps = { handle: kernel.handle, vault };
    await registerCustomer(deps, { data: { customerId: 'c-ann', name: '李娜', phone: '13800138000', channel: 'ownSite' }, metadata: meta('reg') });
    await updateCustomerProfile(deps, { data: { customerId: 'c-ann', birthday: '1994-08-15' }, metadata: meta('birthday') });
    await kernel.handle({ type: 'GiveCustomerConsent', data: { customerId: 'c-ann', channel: 'sms', at: '2026-08-01T00:00:00.000Z' }, metadata: meta('sms-yes') });

    // each send reads the customer's consent from their stream, then counts the cap
    const send = (at: string, id: string, channel: 'sms' | 'email' = 'sms') =>
      sendMarketingMessage({ handle: kernel.handle, eventStore }, { data: { customerId: 'c-ann', channel, at, campaignId: 'qixi' }, metadata: meta(id) });
    const noEmail = await send('2026-08-02T00:00:00.000Z', 'e1', 'email');
    if (E.isLeft(noEmail) && noEmail.left.kind === 'DomainError') console.log(noEmail.left.code, noEmail.left.path); // MARKETING_NO_CONSENT [ 'data', 'channel' ]
    for (const day of ['02', '05', '09', '12']) await send(`2026-08-${day}T02:00:00.000Z`, `sms-${day}`);
    const fifth = await send('2026-08-20T02:00:00.000Z', 'sms-20');
    if (E.isLeft(fifth) && fifth.left.kind === 'DomainError') console.log(fifth.left.code, fifth.left.details?.nextAllowedAt);
    // MARKETING_CAP_REACHED 2026-09-01T02:00:00.001Z  (the 2 August message is 30 × 24 h old, plus 1 ms)
    console.log(E.isRight(await send('2026-09-01T02:00:00.001Z', 'sms-0901'))); // true

    // withdrawal takes effect at once
    await kernel.handle({ type: 'WithdrawCustomerConsent', data: { customerId: 'c-ann', channel: 'sms', at: '2026-09-02T00:00:00.000Z' }, metadata: meta('sms-no') });
    const after = await send('2026-09-20T00:00:00.000Z', 'sms-0920');
    if (E.isLeft(after) && after.left.kind === 'DomainError') console.log(after.left.code, after.left.details?.status); // MARKETING_NO_CONSENT withdrawn

    // the contact counter
    await kernel.settle();
    const doc = await readModels.get<MarketingContactsDoc>('marketing.contacts', 'shop1', 'c-ann');
    console.log(doc?.sent, doc?.byChannel, doc?.last30DaysCount, doc?.nextAllowedAt); // 5 { sms: 5 } 4 2026-09-04T02:00:00.001Z  (5 August + 30 × 24 h + 1 ms)
    console.log(marketingContactAt(doc, '2026-09-06T00:00:00.000Z')); // { inWindow: 3, allowedNow: true, nextAllowedAt: '2026-09-06T00:00:00.000Z' }

    // care: greetings due on a date go only to customers who consent (sms was withdrawn)
    console.log(await readGreetingsDue('2026-08-15', { tenantId: 'shop1', readModels, vault }, defaultMarketingPolicy)); // []
    await kernel.handle({ type: 'GiveCustomerConsent', data: { customerId: 'c-ann', channel: 'push', at: '2026-10-01T00:00:00.000Z' }, metadata: meta('push-yes') });
    await kernel.settle();
    const greetings = await readGreetingsDue('2026-11-11', { tenantId: 'shop1', readModels, vault }, defaultMarketingPolicy);
    console.log(greetings.map((g) => `${g.customerId} ${g.name} by ${g.channel}`)); // [ 'c-ann 双十一 by push' ]
    // #endregion
    expect(noEmail).toMatchObject({ left: { code: 'MARKETING_NO_CONSENT', path: ['data', 'channel'] } });
    expect(fifth).toMatchObject({ left: { code: 'MARKETING_CAP_REACHED', details: { nextAllowedAt: '2026-09-01T02:00:00.001Z' } } });
    expect(after).toMatchObject({ left: { code: 'MARKETING_NO_CONSENT', details: { status: 'withdrawn' } } });
    expect(doc).toMatchObject({ sent: 5, byChannel: { sms: 5 }, last30DaysCount: 4, nextAllowedAt: '2026-09-04T02:00:00.001Z' });
    expect(marketingContactAt(doc, '2026-09-06T00:00:00.000Z')).toEqual({ inWindow: 3, allowedNow: true, nextAllowedAt: '2026-09-06T00:00:00.000Z' });
    expect(greetings.map((g) => `${g.customerId} ${g.name} by ${g.channel}`)).toEqual(['c-ann 双十一 by push']);
  });

  it('shows that example verbatim', () => {
    const source = readFileSync(fileURLToPath(import.meta.url), 'utf8');
    const region = (name: string) => {
      const m = new RegExp(`// #region ${name}\\n([\\s\\S]*?)\\n\\s*// #endregion`).exec(source);
      return m![1]!.split('\n').map((l) => l.replace(/^ {4}/, '')).join('\n');
    };
    const doc = readFileSync(fileURLToPath(new URL('../../../../docs/marketing.md', import.meta.url)), 'utf8');
    expect(doc).toContain('```ts\n' + region('imports') + '\n\n' + region('example') + '\n```');
  });
});
