// The example in docs/telemarketing.md, run as a test: the doc's code block must be exactly
// the imports region followed by the example region below (dedented), so the doc never rots.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// #region imports
import * as E from 'fp-ts/lib/Either.js';
import { createCrm, steppingClock } from '@rapport/core';
import { memoryStores } from '@rapport/memory';
// #endregion

describe('docs/telemarketing.md', () => {
  it('runs its example', async () => {
    // #region example
    const clock = steppingClock('2026-06-01T00:00:00.000Z', 1000);
    const crm = createCrm({ ...memoryStores({ clock }), clock });
    const shop = { tenantId: 'shop1', actor: { kind: 'agent' as const, id: 'supervisor' } };
    const phones = ['13800138001', '13800138002', '13800138003', '13800138004'];
    for (const [i, customerId] of ['c-ann', 'c-bo', 'c-cai', 'c-dan'].entries()) {
      await crm.customers.register(shop, { customerId, name: `客户${i}`, phone: phones[i]!, channel: 'ownSite' });
      // c-dan never agreed to be phoned
      if (customerId !== 'c-dan') await crm.customers.giveConsent(shop, { customerId, channel: 'phone', at: '2026-05-01T00:00:00.000Z' });
    }

    // a list from a segment or query: only customers with phone consent, by id, to the agents in turn
    await crm.telemarketing.buildList(shop, { listId: 'L-618', name: '618 回访', agents: ['a-li', 'a-wu'], customerIds: ['c-dan', 'c-cai', 'c-bo', 'c-ann'], at: '2026-06-01T02:00:00.000Z' });
    const list = await crm.projections.telemarketing.list('shop1', 'L-618');
    console.log(list?.size, list?.excluded, Object.entries(list!.lines).map(([c, l]) => `${c}→${l.agentId}`)); // 3 1 [ 'c-ann→a-li', 'c-bo→a-wu', 'c-cai→a-li' ]

    // consent is read again at dial time: c-cai withdrew after the list was built
    await crm.customers.withdrawConsent(shop, { customerId: 'c-cai', channel: 'phone', at: '2026-06-01T09:00:00.000Z' });
    const dial = await crm.telemarketing.checkDial('shop1', { listId: 'L-618', customerId: 'c-cai', agentId: 'a-li', at: '2026-06-02T02:00:00.000Z' });
    console.log(E.isLeft(dial)); // true: refused before dialling (checkDial writes nothing)
    const refused = await crm.telemarketing.recordCall(shop, { listId: 'L-618', callId: 'k1', customerId: 'c-cai', agentId: 'a-li', outcome: 'interested', at: '2026-06-02T02:00:00.000Z' });
    if (E.isLeft(refused) && refused.left.kind === 'DomainError') console.log(refused.left.code, refused.left.path, refused.left.details?.status);
    // TELEMARKETING_NO_PHONE_CONSENT [ 'data', 'customerId' ] withdrawn   (nothing was written)

    // an interested customer who pays within 7 × 24 h of the call converts it
    await crm.telemarketing.recordCall(shop, { listId: 'L-618', callId: 'k2', customerId: 'c-ann', agentId: 'a-li', outcome: 'interested', at: '2026-06-02T02:00:00.000Z' });
    await crm.orders.place(shop, { orderId: 'o-1', customerId: 'c-ann', sellerId: 's1', couponAmount: 0, at: '2026-06-09T02:00:00.000Z', lines: [{ sku: 'tee-m', productId: 'tee', category: 'apparel', quantity: 1, unitPrice: 9_900 }] });
    await crm.orders.pay(shop, { orderId: 'o-1', method: 'alipay', amount: 9_900, at: '2026-06-09T02:00:00.000Z' }); // exactly 7 × 24 h: counts

    // a callback books a call activity at T on the agent's calendar
    await crm.telemarketing.recordCall(shop, { listId: 'L-618', callId: 'k3', customerId: 'c-bo', agentId: 'a-wu', outcome: 'callback', callbackAt: '2026-06-03T06:00:00.000Z', at: '2026-06-02T03:00:00.000Z' });
    const [callback] = await crm.projections.activities.linkedTo('shop1', 'customerId', 'c-bo');
    console.log(callback?.kind, callback?.agentId, callback?.start); // call a-wu 2026-06-03T06:00:00.000Z

    // "do not call" withdraws phone consent at once: a phone marketing message is refused right after
    await crm.telemarketing.recordCall(shop, { listId: 'L-618', callId: 'k4', customerId: 'c-bo', agentId: 'a-wu', outcome: 'doNotCall', at: '2026-06-03T06:05:00.000Z' });
    const message = await crm.marketing.send(shop, { customerId: 'c-bo', channel: 'phone', at: '2026-06-03T07:00:00.000Z' });
    if (E.isLeft(message) && message.left.kind === 'DomainError') console.log(message.left.code); // MARKETING_NO_CONSENT

    // progress and per-agent stats
    const progress = await crm.projections.telemarketing.list('shop1', 'L-618');
    console.log(progress?.called, progress?.remaining, progress?.calls, progress?.outcomes.callback); // 2 1 3 1
    const agents = await crm.projections.telemarketing.agents('shop1', 'L-618');
    console.log(agents?.map((a) => `${a.agentId}: ${a.attempts} calls, ${a.reached} reached, ${a.interested} interested, ${a.converted} converted`));
    // [ 'a-li: 1 calls, 1 reached, 1 interested, 1 converted', 'a-wu: 2 calls, 2 reached, 0 interested, 0 converted' ]
    // #endregion
    expect(list?.size).toBe(3);
    expect(Object.entries(list!.lines).map(([c, l]) => `${c}→${l.agentId}`)).toEqual(['c-ann→a-li', 'c-bo→a-wu', 'c-cai→a-li']);
    expect(dial).toMatchObject({ left: { code: 'TELEMARKETING_NO_PHONE_CONSENT' } });
    expect(refused).toMatchObject({ left: { code: 'TELEMARKETING_NO_PHONE_CONSENT', path: ['data', 'customerId'], details: { status: 'withdrawn' } } });
    expect(callback).toMatchObject({ kind: 'call', agentId: 'a-wu', start: '2026-06-03T06:00:00.000Z' });
    expect(message).toMatchObject({ left: { code: 'MARKETING_NO_CONSENT' } });
    expect(progress).toMatchObject({ called: 2, remaining: 1, calls: 3, outcomes: { callback: 1, interested: 1, doNotCall: 1 } });
    expect(agents?.map((a) => `${a.agentId}: ${a.attempts} calls, ${a.reached} reached, ${a.interested} interested, ${a.converted} converted`)).toEqual([
      'a-li: 1 calls, 1 reached, 1 interested, 1 converted',
      'a-wu: 2 calls, 2 reached, 0 interested, 0 converted',
    ]);
  });

  it('shows that example verbatim', () => {
    const source = readFileSync(fileURLToPath(import.meta.url), 'utf8');
    const region = (name: string) => {
      const m = new RegExp(`// #region ${name}\\n([\\s\\S]*?)\\n\\s*// #endregion`).exec(source);
      return m![1]!.split('\n').map((l) => l.replace(/^ {4}/, '')).join('\n');
    };
    const doc = readFileSync(fileURLToPath(new URL('../../../../docs/telemarketing.md', import.meta.url)), 'utf8');
    expect(doc).toContain('```ts\n' + region('imports') + '\n\n' + region('example') + '\n```');
  });
});
