import * as E from 'fp-ts/lib/Either.js';
import type { IsoInstant } from '../kernel/codecs.js';
import type { Clock } from '../kernel/clock.js';
import { complaintDetailProjection, type ComplaintDetail } from '../complaints/projections/complaintDetail.js';
import { openComplaintQueue, type OpenComplaintLine } from '../complaints/projections/openComplaintQueue.js';
import type { PointsExplanation } from '../loyalty/explain.js';
import type { LoyaltyAccountView } from '../loyalty/projections/account.js';
import { orderSummary, type OrderSummary } from '../orders/projections/summary.js';
import {
  InvalidPartnerAccess,
  partnerAccessRecorder,
  validatePartnerAccess,
  type AccessRecorderDeps,
  type PartnerAccess,
} from '../partners/access.js';
import { customerInScope, opportunityInScope, partnerScope, type PartnerScopeDoc } from '../partners/projections/scope.js';
import type { OpportunityDoc } from '../sales/projections/opportunity.js';
import type { Customer360, CrmReadApi } from './readApi.js';

/**
 * What a partner may read (合作伙伴, DOMAIN §12): the customers it brought or was granted
 * (their 360, orders, loyalty account, complaints) and the opportunities assigned to it.
 * Anything else reads exactly as a missing id: `undefined`, or left out of a list. Every
 * call records one `PartnerAccessRecorded` (granted or denied) in the partner's access log
 * before it answers.
 */
export interface PartnerReadApi {
  /** The partner's own scope: its grants and revocations (`undefined` for an unregistered partner). */
  readonly scope: { get(): Promise<PartnerScopeDoc | undefined> };
  readonly customer360: {
    get(customerId: string): Promise<Customer360 | undefined>;
    /** Every customer in scope with a profile, by customerId. */
    list(): Promise<Customer360[]>;
  };
  readonly orders: {
    /** An order is in scope when its customer is. */
    get(orderId: string): Promise<OrderSummary | undefined>;
    /** The orders of a customer in scope, oldest placed first (none for any other id). */
    forCustomer(customerId: string): Promise<OrderSummary[]>;
    /** Every order of every customer in scope, by customer then placement. */
    list(): Promise<OrderSummary[]>;
  };
  readonly loyalty: {
    account(customerId: string): Promise<LoyaltyAccountView | undefined>;
    explainPoints(customerId: string): Promise<PointsExplanation | undefined>;
  };
  readonly complaints: {
    /** A complaint is in scope when its customer is. */
    get(complaintId: string): Promise<ComplaintDetail | undefined>;
    /** Open complaints of customers in scope, by due time, past-SLA as of `now` (default: the clock's now). */
    open(now?: string): Promise<OpenComplaintLine[]>;
    forCustomer(customerId: string): Promise<ComplaintDetail[]>;
  };
  readonly sales: {
    /** An opportunity is in scope when it is assigned to the partner. */
    opportunity(opportunityId: string): Promise<OpportunityDoc | undefined>;
    /** Every opportunity assigned to the partner, by id. */
    opportunities(): Promise<OpportunityDoc[]>;
  };
}

/** `crm.as(partner)`: the partner, and the in-scope subset of `crm.projections`. */
export interface PartnerView {
  readonly partner: PartnerAccess;
  readonly projections: PartnerReadApi;
}

export interface PartnerViewDeps extends AccessRecorderDeps {
  readonly projections: CrmReadApi;
  readonly clock: Clock;
}

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byPlacement = (a: OrderSummary, b: OrderSummary): number => byId(a.placedAt ?? '', b.placedAt ?? '') || byId(a.orderId, b.orderId);

/**
 * The scoped read API of one partner. Throws {@link InvalidPartnerAccess} (with each bad
 * field's path) when `partner` names no partner; nothing is read or written then.
 */
export const partnerViewOf = (deps: PartnerViewDeps, partner: unknown): PartnerView => {
  const valid = validatePartnerAccess(partner);
  if (E.isLeft(valid)) throw new InvalidPartnerAccess(valid.left.issues);
  const { tenantId, partnerId } = valid.right;
  const p = deps.projections;
  const record = partnerAccessRecorder(deps, valid.right);
  const scope = () => p.get<PartnerScopeDoc>(partnerScope.name, tenantId, partnerId);

  /** Record a read of one id and answer with the document only when the read was in scope. */
  const answer = async <T>(read: string, id: unknown, granted: boolean, doc: T | undefined, idOf: (d: T) => string): Promise<T | undefined> => {
    const out = granted ? doc : undefined;
    await record({ read, id: String(id), outcome: granted ? 'granted' : 'denied', returned: out === undefined ? [] : [idOf(out)] });
    return out;
  };
  /** Record a list read: denied (and empty) when it names a customer out of scope. */
  const list = async <T>(read: string, id: unknown, granted: boolean, docs: readonly T[], idOf: (d: T) => string): Promise<T[]> => {
    const out = granted ? [...docs] : [];
    await record({ read, id: id === null ? null : String(id), outcome: granted ? 'granted' : 'denied', returned: out.map(idOf) });
    return out;
  };
  /** A read keyed by customer: the document is read only for a customer in scope. */
  const perCustomer =
    <T>(read: string, get: (tenantId: string, customerId: string) => Promise<T | undefined>) =>
    async (customerId: string): Promise<T | undefined> => {
      const granted = customerInScope(await scope(), customerId);
      return answer(read, customerId, granted, granted ? await get(tenantId, customerId) : undefined, () => customerId);
    };
  const ordersOf = (customerId: string) => p.query<OrderSummary>(orderSummary.name, tenantId, { where: { customerId } });
  const complaintsOf = (customerId: string) => p.query<ComplaintDetail>(complaintDetailProjection.name, tenantId, { where: { customerId } });
  const customersIn = (s: PartnerScopeDoc | undefined): string[] => Object.keys(s?.customers ?? {}).sort(byId);

  return {
    partner: { tenantId, partnerId },
    projections: {
      scope: {
        async get() {
          const s = await scope();
          return answer('scope.get', partnerId, true, s, () => partnerId);
        },
      },
      customer360: {
        get: perCustomer('customer360.get', (t, id) => p.customer360.get(t, id)),
        async list() {
          const all: Customer360[] = [];
          for (const id of customersIn(await scope())) {
            const c = await p.customer360.get(tenantId, id);
            if (c) all.push(c);
          }
          return list('customer360.list', null, true, all, (c) => c.profile.customerId);
        },
      },
      orders: {
        async get(orderId) {
          // the order is read whether or not it exists, so a missing id and an out-of-scope one take the same path
          const order = await p.orders.get(tenantId, String(orderId));
          return answer('orders.get', orderId, customerInScope(await scope(), order?.customerId), order, (o) => o.orderId);
        },
        async forCustomer(customerId) {
          const granted = customerInScope(await scope(), customerId);
          const orders = granted ? (await ordersOf(customerId)).sort(byPlacement) : [];
          return list('orders.forCustomer', customerId, granted, orders, (o) => o.orderId);
        },
        async list() {
          const all: OrderSummary[] = [];
          for (const id of customersIn(await scope())) all.push(...(await ordersOf(id)).sort(byPlacement));
          return list('orders.list', null, true, all, (o) => o.orderId);
        },
      },
      loyalty: {
        account: perCustomer('loyalty.account', (t, id) => p.loyalty.account(t, id)),
        explainPoints: perCustomer('loyalty.explainPoints', (t, id) => p.loyalty.explainPoints(t, id)),
      },
      complaints: {
        async get(complaintId) {
          const complaint = await p.complaints.get(tenantId, String(complaintId));
          return answer('complaints.get', complaintId, customerInScope(await scope(), complaint?.customerId), complaint, (c) => c.complaintId);
        },
        async open(now) {
          const s = await scope();
          const open = (await p.query<ComplaintDetail>(complaintDetailProjection.name, tenantId, { where: { open: true } })).filter((c) => customerInScope(s, c.customerId));
          const queue = openComplaintQueue(open, (now ?? deps.clock.now()) as IsoInstant);
          return list('complaints.open', null, true, queue, (c) => c.complaintId);
        },
        async forCustomer(customerId) {
          const granted = customerInScope(await scope(), customerId);
          const complaints = granted ? (await complaintsOf(customerId)).sort((a, b) => byId(a.filedAt, b.filedAt) || byId(a.complaintId, b.complaintId)) : [];
          return list('complaints.forCustomer', customerId, granted, complaints, (c) => c.complaintId);
        },
      },
      sales: {
        async opportunity(opportunityId) {
          const granted = opportunityInScope(await scope(), opportunityId);
          return answer('sales.opportunity', opportunityId, granted, granted ? await p.sales.opportunity(tenantId, opportunityId) : undefined, (o) => o.opportunityId);
        },
        async opportunities() {
          const s = await scope();
          const all: OpportunityDoc[] = [];
          for (const id of Object.keys(s?.opportunities ?? {}).sort(byId)) {
            const o = await p.sales.opportunity(tenantId, id);
            if (o) all.push(o);
          }
          return list('sales.opportunities', null, true, all, (o) => o.opportunityId);
        },
      },
    },
  };
};
