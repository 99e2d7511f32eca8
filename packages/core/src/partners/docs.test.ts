// The example in docs/partners.md, run as a test: the doc's code block must be exactly the
// imports region followed by the example region below (dedented), so the doc never rots.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// #region imports
import * as E from 'fp-ts/lib/Either.js';
import { createCrm, isRapportError, sequentialIds, steppingClock } from '@rapport/core';
import { memoryStores } from '@rapport/memory';
// #endregion

describe('docs/partners.md', () => {
  it('runs its example', async () => {
    // #region example
    const clock = steppingClock('2026-09-01T00:00:00.000Z', 1000);
    const crm = createCrm({ ...memoryStores({ clock }), clock, ids: sequentialIds('cmd') });
    const shop = { tenantId: 'shop1', actor: { kind: 'agent' as const, id: 'ops-1' } };
    const at = '2026-09-01T08:00:00.000Z';

    // a campus agent (校园代理) signs up two students; a third customer came from the shop's own site
    await crm.partners.register(shop, { partnerId: 'campus-pku', kind: 'campusAgent', name: '北大校园代理', at });
    await crm.partners.registerCustomer(shop, { partnerId: 'campus-pku', customerId: 'c-li', name: '李同学', phone: '13900139001', channel: 'campusAgent' });
    await crm.partners.registerCustomer(shop, { partnerId: 'campus-pku', customerId: 'c-wang', name: '王同学', phone: '13900139002', channel: 'campusAgent' });
    await crm.customers.register(shop, { customerId: 'c-zhao', name: '赵女士', phone: '13900139003', channel: 'ownSite' });
    const line = { sku: 'tee-m', productId: 'tee', category: 'apparel', quantity: 1, unitPrice: 9_900 };
    for (const [orderId, customerId] of [['o-1', 'c-li'], ['o-2', 'c-wang'], ['o-3', 'c-zhao']] as const)
      await crm.orders.place(shop, { orderId, customerId, sellerId: 'shop1', couponAmount: 0, lines: [line], at });

    // reading as the partner: its two customers and their orders; the third reads as a missing id
    const agent = crm.as({ tenantId: 'shop1', partnerId: 'campus-pku' }).projections;
    console.log((await agent.customer360.get('c-li'))?.profile.name); // 李同学
    console.log((await agent.orders.list()).map((o) => o.orderId)); // [ 'o-1', 'o-2' ]
    console.log(await agent.customer360.get('c-zhao'), await agent.orders.get('o-3'), await agent.orders.get('o-404')); // undefined undefined undefined

    // revoking a grant: from now on that customer and its orders read as not found
    await crm.partners.revoke(shop, { partnerId: 'campus-pku', subject: 'customer', id: 'c-wang', reason: '学生毕业', at: '2026-09-02T00:00:00.000Z' });
    console.log(await agent.orders.get('o-2')); // undefined

    // every read above was recorded in the partner's access log, inside scope or not
    const log = await crm.partners.accessLog('shop1', 'campus-pku');
    console.log(log.map((e) => `${e.read} ${e.id ?? '*'} ${e.outcome}`));
    // [ 'customer360.get c-li granted', 'orders.list * granted', 'customer360.get c-zhao denied',
    //   'orders.get o-3 denied', 'orders.get o-404 denied', 'orders.get o-2 denied' ]

    // the shop still sees everything, and the scope with its revocations
    console.log((await crm.projections.orders.get('shop1', 'o-3'))?.customerId); // c-zhao
    console.log(Object.keys((await crm.partners.scope('shop1', 'campus-pku'))?.customers ?? {})); // [ 'c-li' ]

    // a grant to an unknown partner is refused with the field path, and nothing is written
    const refused = await crm.partners.grantCustomer(shop, { partnerId: 'campus-thu', customerId: 'c-zhao', basis: 'granted', at });
    if (E.isLeft(refused) && refused.left.kind === 'DomainError') console.log(refused.left.code, refused.left.path); // PARTNER_NOT_REGISTERED [ 'data', 'partnerId' ]
    try {
      crm.as({ tenantId: 'shop1', partnerId: 'not a partner id' });
    } catch (e) {
      console.log(isRapportError(e, 'PARTNERS_INVALID_ACCESS')); // true
    }
    // #endregion
    expect((await crm.as({ tenantId: 'shop1', partnerId: 'campus-pku' }).projections.customer360.list()).map((c) => c.profile.customerId)).toEqual(['c-li']);
    expect(log.map((e) => `${e.read} ${e.id ?? '*'} ${e.outcome}`)).toEqual([
      'customer360.get c-li granted',
      'orders.list * granted',
      'customer360.get c-zhao denied',
      'orders.get o-3 denied',
      'orders.get o-404 denied',
      'orders.get o-2 denied',
    ]);
    expect(refused).toMatchObject({ left: { code: 'PARTNER_NOT_REGISTERED', path: ['data', 'partnerId'] } });
    expect(Object.keys((await crm.partners.scope('shop1', 'campus-pku'))?.customers ?? {})).toEqual(['c-li']);
    expect(() => crm.as({ tenantId: 'shop1', partnerId: 'not a partner id' })).toThrow(/partnerId/);
  });

  it('shows that example verbatim', () => {
    const source = readFileSync(fileURLToPath(import.meta.url), 'utf8');
    const region = (name: string) => {
      const m = new RegExp(`// #region ${name}\\n([\\s\\S]*?)\\n\\s*// #endregion`).exec(source);
      return m![1]!.split('\n').map((l) => l.replace(/^ {4}/, '')).join('\n');
    };
    const doc = readFileSync(fileURLToPath(new URL('../../../../docs/partners.md', import.meta.url)), 'utf8');
    expect(doc).toContain('```ts\n' + region('imports') + '\n\n' + region('example') + '\n```');
  });
});
