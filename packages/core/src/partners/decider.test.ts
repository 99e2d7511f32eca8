import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { fold } from '../kernel/decider.js';
import { specFor } from '../testing/deciderSpecification.js';
import type { PartnerCommand } from './commands.js';
import { partnerAccessDecider, partnerDecider, type Partner } from './decider.js';
import type { PartnerEvent } from './events.js';

const at = '2026-03-05T00:00:00.000Z';
const d = partnerDecider;
const given = specFor(d);
const registered = { type: 'PartnerRegistered', data: { partnerId: 'p1', kind: 'reseller', name: '网店代销一号', at } } as PartnerEvent;
const grant = (customerId: string) => ({ type: 'GrantPartnerCustomer', data: { partnerId: 'p1', customerId, basis: 'granted', at } }) as PartnerCommand;
const granted = (customerId: string) => ({ type: 'PartnerCustomerGranted', data: { partnerId: 'p1', customerId, basis: 'granted', at } }) as PartnerEvent;
const assign = (opportunityId: string) => ({ type: 'AssignPartnerOpportunity', data: { partnerId: 'p1', opportunityId, at } }) as PartnerCommand;
const revoke = (subject: 'customer' | 'opportunity', id: string) => ({ type: 'RevokePartnerGrant', data: { partnerId: 'p1', subject, id, reason: null, at } }) as PartnerCommand;

describe('partnerDecider', () => {
  it('registers a partner once', () => {
    given([]).when({ type: 'RegisterPartner', data: registered.data } as PartnerCommand).then([registered]);
    given([registered]).when({ type: 'RegisterPartner', data: registered.data } as PartnerCommand).thenRejects('PARTNER_EXISTS', ['data', 'partnerId']);
  });
  it('grants only to a registered partner, and a second grant changes nothing', () => {
    given([]).when(grant('c1')).thenRejects('PARTNER_NOT_REGISTERED', ['data', 'partnerId']);
    given([registered]).when(grant('c1')).then([granted('c1')]);
    given([registered, granted('c1')]).when(grant('c1')).thenNothing();
  });
  it('revokes only what is held, customers and opportunities apart', () => {
    given([registered, granted('c1')]).when(revoke('opportunity', 'c1')).thenRejects('PARTNER_GRANT_NOT_FOUND', ['data', 'id']);
    given([registered, granted('c1')]).when(revoke('customer', 'c1')).then([{ type: 'PartnerGrantRevoked', data: revoke('customer', 'c1').data } as PartnerEvent]);
    given([registered]).when(revoke('customer', 'constructor')).thenRejects('PARTNER_GRANT_NOT_FOUND', ['data', 'id']);
    given([registered]).when(grant('__proto__')).then([granted('__proto__')]);
  });
  it('property: after any commands, the scope is exactly the grants not revoked since', () =>
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.constantFrom('grant', 'assign', 'revokeC', 'revokeO'), fc.constantFrom('a', 'b', 'c', 'toString')),
          { maxLength: 30 },
        ),
        (ops) => {
          let s: Partner = fold(d, d.initialState(), [registered]);
          const model = { customers: new Set<string>(), opportunities: new Set<string>() };
          for (const [op, id] of ops) {
            const c = op === 'grant' ? grant(id) : op === 'assign' ? assign(id) : revoke(op === 'revokeC' ? 'customer' : 'opportunity', id);
            const r = d.decide(c, s);
            const set = op === 'grant' || op === 'revokeC' ? model.customers : model.opportunities;
            if (op.startsWith('revoke')) {
              expect(E.isRight(r)).toBe(set.has(id));
              set.delete(id);
            } else {
              expect(E.isRight(r) && r.right.length).toBe(set.has(id) ? 0 : 1);
              set.add(id);
            }
            if (E.isRight(r)) s = fold(d, s, r.right);
          }
          expect(s.registered && Object.keys(s.customers).sort()).toEqual([...model.customers].sort());
          expect(s.registered && Object.keys(s.opportunities).sort()).toEqual([...model.opportunities].sort());
        },
      ),
    ));
});

describe('partnerAccessDecider', () => {
  it('property: records every read as given, and counts them', () =>
    fc.assert(
      fc.property(fc.array(fc.constantFrom('granted' as const, 'denied' as const), { maxLength: 20 }), (outcomes) => {
        let s = partnerAccessDecider.initialState();
        for (const outcome of outcomes) {
          const data = { partnerId: 'p1', read: 'orders.get', id: 'o1', outcome, returned: [], at } as never;
          const r = partnerAccessDecider.decide({ type: 'RecordPartnerAccess', data }, s);
          expect(r).toEqual(E.right([{ type: 'PartnerAccessRecorded', data }]));
          if (E.isRight(r)) s = fold(partnerAccessDecider, s, r.right);
        }
        expect(s.reads).toBe(outcomes.length);
      }),
    ));
});
