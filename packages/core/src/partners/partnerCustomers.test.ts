import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { agent, ok, partnerShop, shop } from './partners.fixture.js';

const at = '2026-03-05T00:00:00.000Z';
const signUp = { customerId: 'c9', name: '张同学', phone: '13900139000', channel: 'campusAgent' as const };

describe('crm.partners.registerCustomer', () => {
  it('registers the customer a campus agent brought and puts it in the agent’s scope, once', async () => {
    const { crm, eventStore } = await partnerShop();
    ok(await crm.partners.register(shop, { partnerId: agent.partnerId, kind: 'campusAgent', name: '北大校园代理', at }));
    const ctx = { ...shop, commandId: 'signup-9', occurredAt: '2026-03-06T00:00:00.000Z' };
    ok(await crm.partners.registerCustomer(ctx, { ...signUp, partnerId: agent.partnerId }));
    expect((await crm.partners.scope('shop1', agent.partnerId))?.customers).toEqual({ c9: { basis: 'brought', since: '2026-03-06T00:00:00.000Z' } });
    expect((await crm.as(agent).projections.customer360.get('c9'))?.profile).toMatchObject({ name: '张同学', channel: 'campusAgent' });
    await crm.settle(); // reactions of the fixture's events are written now, not during the refusals
    const size = eventStore.size;
    const again = ok(await crm.partners.registerCustomer(ctx, { ...signUp, partnerId: agent.partnerId }));
    expect(again.duplicate).toBe(true);
    expect(eventStore.size).toBe(size);
  });

  it('refuses an unknown partner, a bad partner id or a bad customer with the field path, writing nothing', async () => {
    const { crm, eventStore } = await partnerShop();
    ok(await crm.partners.register(shop, { partnerId: agent.partnerId, kind: 'campusAgent', name: '北大校园代理', at }));
    await crm.settle(); // reactions of the fixture's events are written now, not during the refusals
    const size = eventStore.size;
    const unknown = await crm.partners.registerCustomer(shop, { ...signUp, partnerId: 'nobody' });
    expect(E.isLeft(unknown) && unknown.left).toMatchObject({ code: 'PARTNER_NOT_REGISTERED', path: ['data', 'partnerId'] });
    const badPartner = await crm.partners.registerCustomer(shop, { ...signUp, partnerId: 'no.body' });
    expect(E.isLeft(badPartner) && badPartner.left.kind === 'ValidationError' && badPartner.left.issues.map((i) => i.path)).toEqual([['data', 'partnerId']]);
    const badCustomer = await crm.partners.registerCustomer(shop, { ...signUp, name: '', partnerId: agent.partnerId });
    expect(E.isLeft(badCustomer) && badCustomer.left.kind === 'ValidationError' && badCustomer.left.issues.map((i) => i.path)).toEqual([['data', 'name']]);
    expect(eventStore.size).toBe(size);
    expect(await crm.projections.customer360.get('shop1', 'c9')).toBeUndefined();
  });
});
