import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { StoredEvent } from '../kernel/envelope.js';
import { reactionsTo } from '../kernel/reactor.js';
import { referralsReactor } from './reactors.js';

const at = '2026-03-10T02:00:00.000Z';
const envelope = (type: string, data: Record<string, unknown>, eventId = 'ev-1') =>
  ({ type, data, metadata: { eventId, tenantId: 'shop1', occurredAt: '2026-03-01T00:00:00.000Z', correlationId: 'corr', globalPosition: 1n, streamPosition: 0n } }) as unknown as StoredEvent;
const parties = { orderId: 'o1', customerId: 'e', sellerId: 's1' };

describe('referralsReactor', () => {
  it('joins every registered customer with the referrer given at registration', () => {
    expect(referralsReactor.react(envelope('CustomerRegistered', { customerId: 'e', referrerId: 'd' }) as never)).toEqual([
      { type: 'JoinReferralNetwork', data: { customerId: 'e', referrerId: 'd', at: '2026-03-01T00:00:00.000Z' } },
    ]);
    expect(referralsReactor.react(envelope('CustomerRegistered', { customerId: 'a', referrerId: null }) as never)).toEqual([
      { type: 'JoinReferralNetwork', data: { customerId: 'a', referrerId: null, at: '2026-03-01T00:00:00.000Z' } },
    ]);
  });

  it('earns on completion at its net paid, claws back on a refund after completion only', () => {
    expect(referralsReactor.react(envelope('OrderCompleted', { ...parties, by: 'buyer', netPaid: 70_000, at }) as never)).toEqual([
      { type: 'EarnReferralCommissions', data: { orderId: 'o1', customerId: 'e', netPaid: 70_000, at } },
    ]);
    const refund = (completed: boolean) => envelope('OrderRefunded', { ...parties, amount: 30_000, refundedTotal: 30_000, netPaid: 70_000, completed, at });
    expect(referralsReactor.react(refund(true) as never)).toEqual([{ type: 'ClawBackReferralCommissions', data: { orderId: 'o1', customerId: 'e', netPaid: 70_000, at } }]);
    // before completion the refund only lowers the net OrderCompleted will carry
    expect(referralsReactor.react(refund(false) as never)).toEqual([]);
    expect(reactionsTo(referralsReactor, envelope('OrderPaid', { ...parties, amount: 1 }))).toEqual([]);
  });

  it('derives the same commandId for a redelivered event, a different one for another event', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.uuid(), (a, b) => {
        const ids = (id: string) => reactionsTo(referralsReactor, envelope('OrderCompleted', { ...parties, by: 'auto', netPaid: 1, at }, id)).map((c) => c.metadata.commandId);
        expect(ids(a)).toEqual(ids(a));
        if (a !== b) expect(ids(a)).not.toEqual(ids(b));
      }),
    );
  });
});
