import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { isRapportError } from '../kernel/errors.js';
import { verifyStreamChain } from '../index.js';
import { agent, ok, partnerShop, shop } from './partners.fixture.js';
import { InvalidPartnerAccess } from './access.js';

const at = '2026-03-05T00:00:00.000Z';
const withCampusAgent = async () => {
  const s = await partnerShop();
  ok(await s.crm.partners.register(shop, { partnerId: agent.partnerId, kind: 'campusAgent', name: '北大校园代理', at }));
  ok(await s.crm.partners.grantCustomer(shop, { partnerId: agent.partnerId, customerId: 'c1', basis: 'brought', at }));
  ok(await s.crm.partners.grantCustomer(shop, { partnerId: agent.partnerId, customerId: 'c2', basis: 'brought', at }));
  ok(await s.crm.partners.assignOpportunity(shop, { partnerId: agent.partnerId, opportunityId: 'opp1', at }));
  return s;
};

describe('crm.as(partner)', () => {
  it('shows a campus agent its 2 customers and their orders, not the 3rd customer or anything of theirs', async () => {
    const { crm } = await withCampusAgent();
    const p = crm.as(agent).projections;
    expect((await p.customer360.get('c1'))?.profile.name).toBe('客户1');
    expect((await p.customer360.get('c2'))?.orders).toMatchObject({ orderCount: 1 });
    expect(await p.customer360.get('c3')).toBeUndefined();
    expect((await p.customer360.list()).map((c) => c.profile.customerId)).toEqual(['c1', 'c2']);
    expect((await p.orders.get('o3'))?.customerId).toBe('c2');
    expect(await p.orders.get('o4')).toBeUndefined();
    expect((await p.orders.forCustomer('c1')).map((o) => o.orderId)).toEqual(['o1', 'o2']);
    expect(await p.orders.forCustomer('c3')).toEqual([]);
    expect((await p.orders.list()).map((o) => o.orderId)).toEqual(['o1', 'o2', 'o3']);
    expect((await p.loyalty.account('c1'))?.tier).toBe((await crm.projections.loyalty.account('shop1', 'c1'))?.tier);
    expect(await p.loyalty.account('c3')).toBeUndefined();
    expect(await p.loyalty.explainPoints('c3')).toBeUndefined();
    expect((await p.complaints.get('k1'))?.customerId).toBe('c1');
    expect(await p.complaints.get('k3')).toBeUndefined();
    expect((await p.complaints.open()).map((c) => c.complaintId)).toEqual(['k1']);
    expect(await p.complaints.forCustomer('c3')).toEqual([]);
    expect((await p.sales.opportunity('opp1'))?.customerId).toBe('c1');
    expect(await p.sales.opportunity('opp2')).toBeUndefined();
    expect((await p.sales.opportunities()).map((o) => o.opportunityId)).toEqual(['opp1']);
    expect(await p.scope.get()).toMatchObject({ kind: 'campusAgent', customers: { c1: { basis: 'brought' }, c2: { basis: 'brought' } }, opportunities: { opp1: { since: at } } });
    // the shop itself still sees everything
    expect((await crm.projections.orders.get('shop1', 'o4'))?.customerId).toBe('c3');
  });

  it('reads an out-of-scope id exactly as a missing one', async () => {
    const { crm } = await withCampusAgent();
    const p = crm.as(agent).projections;
    expect(await p.customer360.get('c3')).toStrictEqual(await p.customer360.get('c-none'));
    expect(await p.orders.get('o4')).toStrictEqual(await p.orders.get('o-none'));
    expect(await p.complaints.get('k3')).toStrictEqual(await p.complaints.get('k-none'));
    expect(await p.sales.opportunity('opp2')).toStrictEqual(await p.sales.opportunity('opp-none'));
    expect(await p.orders.forCustomer('c3')).toStrictEqual(await p.orders.forCustomer('c-none'));
    // and the log records both the same way: denied, nothing returned
    const log = await crm.partners.accessLog('shop1', agent.partnerId);
    const strip = ({ id: _i, at: _a, eventId: _e, ...rest }: (typeof log)[number]) => rest;
    for (let i = 0; i < log.length; i += 2) expect(strip(log[i]!)).toEqual(strip(log[i + 1]!));
    expect(log.every((e) => e.outcome === 'denied' && e.returned.length === 0)).toBe(true);
  });

  it('after a revocation the customer, its orders and the revoked opportunity read as not found', async () => {
    const { crm } = await withCampusAgent();
    const p = crm.as(agent).projections;
    expect(await p.orders.get('o1')).toBeDefined();
    ok(await crm.partners.revoke(shop, { partnerId: agent.partnerId, subject: 'customer', id: 'c1', reason: '代理合同到期', at: '2026-03-06T00:00:00.000Z' }));
    ok(await crm.partners.revoke(shop, { partnerId: agent.partnerId, subject: 'opportunity', id: 'opp1', reason: null, at: '2026-03-06T00:00:00.000Z' }));
    expect(await p.customer360.get('c1')).toBeUndefined();
    expect(await p.orders.get('o1')).toBeUndefined();
    expect(await p.loyalty.account('c1')).toBeUndefined();
    expect(await p.complaints.get('k1')).toBeUndefined();
    expect(await p.sales.opportunity('opp1')).toBeUndefined();
    expect((await p.orders.list()).map((o) => o.orderId)).toEqual(['o3']);
    expect((await crm.partners.scope('shop1', agent.partnerId))?.revocations).toEqual([
      { subject: 'customer', id: 'c1', reason: '代理合同到期', at: '2026-03-06T00:00:00.000Z' },
      { subject: 'opportunity', id: 'opp1', reason: null, at: '2026-03-06T00:00:00.000Z' },
    ]);
    // a grant given again opens it again
    ok(await crm.partners.grantCustomer(shop, { partnerId: agent.partnerId, customerId: 'c1', basis: 'granted', at: '2026-03-07T00:00:00.000Z' }));
    expect((await p.orders.get('o1'))?.orderId).toBe('o1');
  });

  it('records each read as one access event, granted or denied, with the partner as actor', async () => {
    const { crm, eventStore } = await withCampusAgent();
    const p = crm.as(agent).projections;
    await p.customer360.get('c1');
    await p.customer360.get('c3');
    await p.orders.get('o4');
    await p.orders.list();
    await p.sales.opportunity('opp1');
    const log = await crm.partners.accessLog('shop1', agent.partnerId);
    expect(log.map(({ read, id, outcome, returned }) => ({ read, id, outcome, returned }))).toEqual([
      { read: 'customer360.get', id: 'c1', outcome: 'granted', returned: ['c1'] },
      { read: 'customer360.get', id: 'c3', outcome: 'denied', returned: [] },
      { read: 'orders.get', id: 'o4', outcome: 'denied', returned: [] },
      { read: 'orders.list', id: null, outcome: 'granted', returned: ['o1', 'o2', 'o3'] },
      { read: 'sales.opportunity', id: 'opp1', outcome: 'granted', returned: ['opp1'] },
    ]);
    const stored = [];
    for await (const e of eventStore.readStream('partnerAccess-shop1.campus-pku')) stored.push(e);
    expect(stored.map((e) => e.metadata.actor)).toEqual(Array(5).fill({ kind: 'partner', id: 'campus-pku' }));
    expect(await verifyStreamChain(eventStore.readStream('partnerAccess-shop1.campus-pku', { raw: true }))).toEqual({ intact: true, events: 5 });
  });

  it('reads nothing for an unregistered partner, and still records every read', async () => {
    const { crm } = await partnerShop();
    const p = crm.as({ tenantId: 'shop1', partnerId: 'nobody' }).projections;
    expect(await p.customer360.get('c1')).toBeUndefined();
    expect(await p.scope.get()).toBeUndefined();
    expect(await p.orders.list()).toEqual([]);
    expect((await crm.partners.accessLog('shop1', 'nobody')).map((e) => e.outcome)).toEqual(['denied', 'granted', 'granted']);
  });

  it('keeps a partner of one shop out of another shop', async () => {
    const { crm } = await withCampusAgent();
    const other = crm.as({ tenantId: 'shop2', partnerId: agent.partnerId }).projections;
    expect(await other.customer360.get('c1')).toBeUndefined();
    expect(await other.orders.get('o1')).toBeUndefined();
  });

  it('refuses a partner access that names no partner with the field path, reading and writing nothing', async () => {
    const { crm, eventStore } = await withCampusAgent();
    await crm.settle(); // reactions of the fixture's events are written now, not during the refusals
    const size = eventStore.size;
    let thrown: unknown;
    try {
      crm.as({ tenantId: 'shop1', partnerId: 'bad.id' });
    } catch (e) {
      thrown = e;
    }
    expect(isRapportError(thrown, InvalidPartnerAccess.code)).toBe(true);
    expect((thrown as InvalidPartnerAccess).issues.map((i) => i.path)).toEqual([['partnerId']]);
    expect(() => crm.as({ tenantId: '', partnerId: 'x' } as never)).toThrow(/tenantId/);
    expect(eventStore.size).toBe(size);
  });

  it('refuses bad commands with the field path and writes nothing', async () => {
    const { crm, eventStore } = await withCampusAgent();
    await crm.settle(); // reactions of the fixture's events are written now, not during the refusals
    const size = eventStore.size;
    const refused = [
      await crm.partners.register(shop, { partnerId: 'p2', kind: 'franchise' as never, name: '', at }),
      await crm.partners.register(shop, { partnerId: agent.partnerId, kind: 'reseller', name: '重复', at }),
      await crm.partners.grantCustomer(shop, { partnerId: 'unknown', customerId: 'c3', basis: 'granted', at }),
      await crm.partners.grantCustomer(shop, { partnerId: agent.partnerId, customerId: 'c.3', basis: 'granted', at }),
      await crm.partners.assignOpportunity(shop, { partnerId: agent.partnerId, opportunityId: 'opp2', at: 'yesterday' }),
      await crm.partners.revoke(shop, { partnerId: agent.partnerId, subject: 'customer', id: 'c3', reason: null, at }),
      await crm.partners.revoke(shop, { partnerId: agent.partnerId, subject: 'order' as never, id: 'o1', reason: null, at }),
    ];
    const paths = refused.map((r) => (E.isLeft(r) ? (r.left.kind === 'ValidationError' ? r.left.issues.map((i) => i.path) : [r.left.code, r.left.path]) : 'accepted'));
    expect(paths).toEqual([
      [['data', 'kind'], ['data', 'name']],
      ['PARTNER_EXISTS', ['data', 'partnerId']],
      ['PARTNER_NOT_REGISTERED', ['data', 'partnerId']],
      [['data', 'customerId']],
      [['data', 'at']],
      ['PARTNER_GRANT_NOT_FOUND', ['data', 'id']],
      [['data', 'subject']],
    ]);
    expect(eventStore.size).toBe(size);
  });
});
