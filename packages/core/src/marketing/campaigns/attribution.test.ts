import { describe, expect, it } from 'vitest';
import { as, campaignCrm, DAY, iso, ok, shop } from './testFixtures.js';

const campaign = (audience: string[], cost = 10_000) => ({ campaignId: 'qixi', name: '七夕', channel: 'sms' as const, audience, cost, scheduledAt: iso(0), at: iso(-DAY) });

describe('campaign attribution and ROI (orders wired by createCrm)', () => {
  it('attributes each recipient’s first order paid within 7 × 24 h of the send (inclusive), not one second later; ROI on a hand fixture', async () => {
    const { crm, customer, paidOrder } = campaignCrm();
    for (const c of ['c-ann', 'c-bob', 'c-cat', 'c-dan', 'c-eve']) await customer(c);
    await customer('c-fay', ['email']); // refused: no sms consent
    await paidOrder('o-d0', 'c-dan', -1000, 8_000); // paid 1 s before the send: not attributed
    ok(await crm.campaigns.define(shop, campaign(['c-ann', 'c-bob', 'c-cat', 'c-dan', 'c-fay'])));
    ok(await crm.campaigns.send(as('send'), { campaignId: 'qixi', at: iso(0) }));

    await paidOrder('o-a1', 'c-ann', DAY, 20_000); // Ann's first paid order: counts
    await paidOrder('o-a2', 'c-ann', 2 * DAY, 50_000); // her second: does not
    await paidOrder('o-b1', 'c-bob', 7 * DAY, 15_000); // exactly 7 × 24 h after the send: counts
    await paidOrder('o-c1', 'c-cat', 7 * DAY + 1000, 99_000); // one second later: does not
    await paidOrder('o-e1', 'c-eve', DAY, 12_000); // not in the audience
    await paidOrder('o-f1', 'c-fay', DAY, 12_000); // refused at send time: nothing to attribute

    const results = await crm.projections.campaigns.results('shop1', 'qixi');
    expect(results).toMatchObject({ sent: 4, refused: 1, attributedOrders: 2, attributedPaid: 35_000, attributedRevenue: 35_000 });
    expect(results?.attributions.map((a) => [a.customerId, a.orderId, a.paidAt])).toEqual([
      ['c-ann', 'o-a1', iso(DAY)],
      ['c-bob', 'o-b1', iso(7 * DAY)],
    ]);
    // (35,000 − 10,000) ÷ 10,000 = 250.00 %
    expect(results?.roi).toEqual({ numerator: 25_000, denominator: 10_000, percent: 250 });
    expect(await crm.projections.campaigns.history('shop1', 'c-ann')).toMatchObject({
      received: 1,
      attributedOrders: 1,
      campaigns: [{ campaignId: 'qixi', outcome: 'reached', attributedOrder: { orderId: 'o-a1', paid: 20_000, net: 20_000 } }],
    });
    expect(await crm.projections.campaigns.history('shop1', 'c-cat')).toMatchObject({ received: 1, attributedOrders: 0, campaigns: [{ attributedOrder: null }] });
    expect(await crm.projections.campaigns.history('shop1', 'c-eve')).toBeUndefined();
  });

  it('counts attributed revenue net of refunds (paid − money paid back on that order, never below 0)', async () => {
    const { crm, customer, paidOrder } = campaignCrm();
    await customer('c-ann');
    await customer('c-bob');
    ok(await crm.campaigns.define(shop, campaign(['c-ann', 'c-bob'])));
    ok(await crm.campaigns.send(as('send'), { campaignId: 'qixi', at: iso(0) }));
    await paidOrder('o-a1', 'c-ann', DAY, 20_000);
    await paidOrder('o-a2', 'c-ann', 2 * DAY, 50_000);
    await paidOrder('o-b1', 'c-bob', 3 * DAY, 15_000);
    ok(await crm.orders.refund(shop, { orderId: 'o-a1', amount: 5_000, at: iso(3 * DAY) }));
    ok(await crm.orders.refund(shop, { orderId: 'o-a2', amount: 50_000, at: iso(3 * DAY) })); // not attributed: no effect
    ok(await crm.orders.cancel(shop, { orderId: 'o-b1', reason: 'changed mind', at: iso(4 * DAY) })); // paid back in full
    const results = await crm.projections.campaigns.results('shop1', 'qixi');
    expect(results).toMatchObject({ attributedOrders: 2, attributedPaid: 35_000, attributedRevenue: 15_000 });
    // (15,000 − 10,000) ÷ 10,000 = 50.00 %
    expect(results?.roi).toEqual({ numerator: 5_000, denominator: 10_000, percent: 50 });
    expect(await crm.projections.campaigns.history('shop1', 'c-bob')).toMatchObject({ campaigns: [{ attributedOrder: { orderId: 'o-b1', paid: 15_000, net: 0 } }] });
  });

  it('has no ROI when the campaign cost nothing, and counts responses per recipient and kind', async () => {
    const { crm, customer, paidOrder } = campaignCrm();
    await customer('c-ann');
    await customer('c-bob');
    ok(await crm.campaigns.define(shop, campaign(['c-ann', 'c-bob'], 0)));
    ok(await crm.campaigns.send(as('send'), { campaignId: 'qixi', at: iso(0) }));
    await paidOrder('o-a1', 'c-ann', DAY, 20_000);
    for (const [c, r] of [['c-ann', 'delivered'], ['c-bob', 'delivered'], ['c-ann', 'opened'], ['c-ann', 'clicked']] as const)
      ok(await crm.campaigns.recordResponse(shop, { campaignId: 'qixi', customerId: c, response: r, at: iso(60_000) }));
    expect(await crm.campaigns.recordResponse(shop, { campaignId: 'qixi', customerId: 'c-ann', response: 'opened', at: iso(120_000) })).toMatchObject({
      left: { code: 'CAMPAIGN_RESPONSE_RECORDED', path: ['data', 'response'] },
    });
    expect(await crm.projections.campaigns.results('shop1', 'qixi')).toMatchObject({
      responses: { delivered: 2, opened: 1, clicked: 1, attended: 0 },
      attributedRevenue: 20_000,
      roi: null,
    });
    expect(await crm.projections.campaigns.history('shop1', 'c-ann')).toMatchObject({ responses: 3, attributedOrders: 1 });
  });

  it('follows the shop’s attribution window', async () => {
    const { crm, customer, paidOrder } = campaignCrm({ campaigns: { attributionWindowDays: 3 } });
    await customer('c-ann');
    await customer('c-bob');
    ok(await crm.campaigns.define(shop, campaign(['c-ann', 'c-bob'])));
    ok(await crm.campaigns.send(as('send'), { campaignId: 'qixi', at: iso(0) }));
    await paidOrder('o-a1', 'c-ann', 3 * DAY, 20_000);
    await paidOrder('o-b1', 'c-bob', 3 * DAY + 1000, 20_000);
    expect((await crm.projections.campaigns.results('shop1', 'qixi'))?.attributions.map((a) => a.orderId)).toEqual(['o-a1']);
  });
});
