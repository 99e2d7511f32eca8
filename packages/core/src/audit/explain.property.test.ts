import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Explanation } from './types.js';
import { play, stepArb } from './historyArb.js';

const sum = (x: Explanation | undefined): number => (x ? x.lines.reduce((s, l) => s + (l.contribution as number), 0) : 0);

describe('crm.audit.explain (property)', () => {
  it('points, commission and credit score: the contributions add up to the value, and the value is the live one', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { maxLength: 30 }), async (steps) => {
        const { crm, end: last } = await play(steps);
        // after the last step's events were recorded
        const end = new Date(Date.parse(last) + 86_400_000).toISOString();
        for (const c of ['c1', 'c2', 'c3']) {
          const points = await crm.audit.explain('shop1', 'points', c);
          const account = await crm.projections.loyalty.account('shop1', c);
          expect(points?.value).toBe(account?.balance);
          if (points) expect(sum(points)).toBe(points.value);

          const commission = await crm.audit.explain('shop1', 'commission', c);
          const ledger = await crm.projections.referrals.ledger('shop1', c);
          expect(commission?.value).toBe(ledger && ledger.totals.commissions - ledger.totals.clawbacks);
          if (commission) expect(sum(commission)).toBe(commission.value);

          const buyer = await crm.audit.explain('shop1', 'creditScore', c, { role: 'buyer', asOf: end });
          expect(buyer?.value).toBe((await crm.projections.buyerCredit.get('shop1', c, end))?.score);
          if (buyer) expect(sum(buyer)).toBe(buyer.value);
        }
        const seller = await crm.audit.explain('shop1', 'creditScore', 's1', { asOf: end });
        expect(seller?.value).toBe((await crm.projections.sellerCredit.get('shop1', 's1', end))?.score);
        if (seller) expect(sum(seller)).toBe(seller.value);
      }),
      { numRuns: 40 },
    );
  });
});
