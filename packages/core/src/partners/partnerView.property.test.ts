import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { StoredEvent } from '../kernel/envelope.js';
import { foldProjection } from '../kernel/projection.js';
import type { PartnerEvent } from './events.js';
import { partnerScope, type PartnerScopeDoc } from './projections/scope.js';
import { complaintsOf, customers, opportunities, ordersOf, partnerShop, shop } from './partners.fixture.js';

const at = '2026-03-05T00:00:00.000Z';
const customerIds = [...customers, 'c-none'];
const opportunityIds = [...Object.keys(opportunities), 'opp-none'];
const orderIds = [...Object.values(ordersOf).flat(), 'o-none'];
const complaintIds = [...Object.values(complaintsOf).flat(), 'k-none'];
const customerOfOrder = (id: string) => Object.entries(ordersOf).find(([, os]) => os.includes(id))?.[0];
const customerOfComplaint = (id: string) => Object.entries(complaintsOf).find(([, ks]) => ks.includes(id))?.[0];

type Op =
  | { op: 'grant'; id: string }
  | { op: 'revokeCustomer'; id: string }
  | { op: 'assign'; id: string }
  | { op: 'revokeOpportunity'; id: string }
  | { op: 'read'; read: 'customer360' | 'loyalty' | 'forCustomer' | 'order' | 'complaint' | 'opportunity' | 'lists'; id: string };

const ops: fc.Arbitrary<Op> = fc.oneof<fc.Arbitrary<Op>[]>(
  fc.record({ op: fc.constant('grant' as const), id: fc.constantFrom(...customerIds) }),
  fc.record({ op: fc.constant('revokeCustomer' as const), id: fc.constantFrom(...customerIds) }),
  fc.record({ op: fc.constant('assign' as const), id: fc.constantFrom(...opportunityIds) }),
  fc.record({ op: fc.constant('revokeOpportunity' as const), id: fc.constantFrom(...opportunityIds) }),
  fc.record({ op: fc.constant('read' as const), read: fc.constantFrom('customer360' as const, 'loyalty' as const, 'forCustomer' as const), id: fc.constantFrom(...customerIds) }),
  fc.record({ op: fc.constant('read' as const), read: fc.constant('order' as const), id: fc.constantFrom(...orderIds) }),
  fc.record({ op: fc.constant('read' as const), read: fc.constant('complaint' as const), id: fc.constantFrom(...complaintIds) }),
  fc.record({ op: fc.constant('read' as const), read: fc.constant('opportunity' as const), id: fc.constantFrom(...opportunityIds) }),
  fc.record({ op: fc.constant('read' as const), read: fc.constant('lists' as const), id: fc.constant('') }),
);

describe('partner scope isolation', () => {
  it('property: a partner never receives a document outside its scope, an out-of-scope id reads as a missing one, one access event per read, and the scope projection rebuilds to the same documents', async () => {
    const { crm, eventStore, readModels } = await partnerShop();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(ops, { maxLength: 25 }), async (script) => {
        const partnerId = `p-${++run}`;
        await crm.partners.register(shop, { partnerId, kind: 'campusAgent', name: `代理${run}`, at });
        const view = crm.as({ tenantId: 'shop1', partnerId }).projections;
        const scope = { customers: new Set<string>(), opportunities: new Set<string>() };
        const inScope = (customerId: string | undefined) => customerId !== undefined && scope.customers.has(customerId);
        let reads = 0;
        const outcomes: string[] = [];
        /** Read an id and the same kind's missing id: out of scope they must answer alike. */
        const check = async <T>(get: (id: string) => Promise<T>, id: string, missing: string, granted: boolean, exists: boolean) => {
          const got = await get(id);
          reads++;
          outcomes.push(granted ? 'granted' : 'denied');
          if (!granted) {
            expect(got).toStrictEqual(await get(missing));
            reads++;
            outcomes.push(scope.customers.has(missing) || scope.opportunities.has(missing) ? 'granted' : 'denied');
          }
          expect(got === undefined || (Array.isArray(got) && got.length === 0)).toBe(!(granted && exists));
          return got;
        };
        for (const o of script) {
          if (o.op === 'grant') {
            await crm.partners.grantCustomer(shop, { partnerId, customerId: o.id, basis: 'granted', at });
            scope.customers.add(o.id);
          } else if (o.op === 'assign') {
            await crm.partners.assignOpportunity(shop, { partnerId, opportunityId: o.id, at });
            scope.opportunities.add(o.id);
          } else if (o.op === 'revokeCustomer' || o.op === 'revokeOpportunity') {
            await crm.partners.revoke(shop, { partnerId, subject: o.op === 'revokeCustomer' ? 'customer' : 'opportunity', id: o.id, reason: null, at });
            (o.op === 'revokeCustomer' ? scope.customers : scope.opportunities).delete(o.id);
          } else if (o.read === 'customer360') {
            const c = await check((id) => view.customer360.get(id), o.id, 'c-none', inScope(o.id), o.id !== 'c-none');
            if (c) expect(c.profile.customerId).toBe(o.id);
          } else if (o.read === 'loyalty') {
            const a = await check((id) => view.loyalty.account(id), o.id, 'c-none', inScope(o.id), o.id !== 'c-none');
            if (a) expect(a.customerId).toBe(o.id);
          } else if (o.read === 'forCustomer') {
            const os = await check((id) => view.orders.forCustomer(id), o.id, 'c-none', inScope(o.id), o.id !== 'c-none');
            expect(os.map((x) => x.orderId)).toEqual(inScope(o.id) ? (ordersOf[o.id] ?? []) : []); // the missing id may be granted too: it has no orders
          } else if (o.read === 'order') {
            const x = await check((id) => view.orders.get(id), o.id, 'o-none', inScope(customerOfOrder(o.id)), o.id !== 'o-none');
            if (x) expect(scope.customers.has(x.customerId)).toBe(true);
          } else if (o.read === 'complaint') {
            const x = await check((id) => view.complaints.get(id), o.id, 'k-none', inScope(customerOfComplaint(o.id)), o.id !== 'k-none');
            if (x) expect(scope.customers.has(x.customerId)).toBe(true);
          } else if (o.read === 'opportunity') {
            await check((id) => view.sales.opportunity(id), o.id, 'opp-none', scope.opportunities.has(o.id), o.id !== 'opp-none');
          } else {
            const mine = customers.filter((c) => scope.customers.has(c));
            expect((await view.customer360.list()).map((c) => c.profile.customerId)).toEqual(mine);
            expect((await view.orders.list()).map((x) => x.orderId)).toEqual(mine.flatMap((c) => ordersOf[c]!));
            expect((await view.complaints.open()).map((x) => x.complaintId).sort()).toEqual(mine.flatMap((c) => complaintsOf[c]!).sort());
            expect((await view.sales.opportunities()).map((x) => x.opportunityId)).toEqual(Object.keys(opportunities).filter((id) => scope.opportunities.has(id)));
            reads += 4;
            outcomes.push('granted', 'granted', 'granted', 'granted');
          }
        }
        const log = await crm.partners.accessLog('shop1', partnerId);
        expect(log.length).toBe(reads);
        expect(log.map((e) => e.outcome)).toEqual(outcomes);
        // what the projection holds equals a fold of the partner's events, and the model
        const doc = await crm.partners.scope('shop1', partnerId);
        expect(Object.keys(doc!.customers).sort()).toEqual([...scope.customers].sort());
        expect(Object.keys(doc!.opportunities).sort()).toEqual([...scope.opportunities].sort());
      }),
      { numRuns: 40 },
    );
    // rebuild == incremental == foldProjection, over every partner the runs registered
    await crm.settle();
    const events: StoredEvent<PartnerEvent>[] = [];
    for await (const e of eventStore.readAll<PartnerEvent>({ filter: { categories: ['partner'] } })) events.push(e);
    const reference = foldProjection(partnerScope, events);
    const docs = async () => {
      const out = new Map<string, PartnerScopeDoc>();
      for (let i = 1; i <= run; i++) out.set(`shop1/p-${i}`, (await readModels.get<PartnerScopeDoc>(partnerScope.name, 'shop1', `p-${i}`))!);
      return out;
    };
    expect(reference.size).toBe(run);
    expect(await docs()).toEqual(reference);
    await crm.kernel.projections.rebuild();
    expect(await docs()).toEqual(reference);
  });
});
