import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { as, campaignCrm, DAY, iso, ok, shop } from './testFixtures.js';
import { sendCampaign } from './sendCampaign.js';

const qixi = (audience: string[], over: Record<string, unknown> = {}) => ({
  campaignId: 'qixi',
  name: '七夕',
  channel: 'sms' as const,
  audience,
  cost: 10_000,
  scheduledAt: iso(0),
  at: iso(-2 * DAY),
  ...over,
});

describe('sending a campaign', () => {
  it('refuses a recipient at the cap (the 5th marketing message in 30 days) with the instant the next is allowed, and counts its own sends', async () => {
    const { crm, customer } = campaignCrm();
    await customer('c-ann');
    await customer('c-bob');
    // Ann had four messages in the last 30 days: 2, 5, 9 and 12 days before the campaign
    for (const d of [28, 25, 21, 18]) ok(await crm.marketing.send(as(`m-${d}`), { customerId: 'c-ann', channel: 'sms', at: iso(-d * DAY) }));
    ok(await crm.campaigns.define(shop, qixi(['c-ann', 'c-bob'])));
    const report = ok(await crm.campaigns.send(as('send-qixi'), { campaignId: 'qixi', at: iso(0) }));
    expect(report.sent.map((s) => s.customerId)).toEqual(['c-bob']);
    // the oldest of the four (28 days before) leaves the 30 × 24 h window 1 ms after it is 30 days old
    expect(report.refused).toEqual([{ customerId: 'c-ann', reason: 'capReached', nextAllowedAt: iso(2 * DAY + 1) }]);
    expect(await crm.projections.campaigns.results('shop1', 'qixi')).toMatchObject({
      status: 'sent',
      audienceSize: 2,
      sent: 1,
      refused: 1,
      refusedByReason: { capReached: 1, noConsent: 0 },
      refusals: [{ customerId: 'c-ann', reason: 'capReached', nextAllowedAt: iso(2 * DAY + 1) }],
    });
    // the campaign's message to Bob counts toward his cap like any other
    expect(await crm.projections.marketing.contact('shop1', 'c-bob', iso(0))).toMatchObject({ inWindow: 1 });
    for (const d of [1, 2, 3]) ok(await crm.marketing.send(as(`b-${d}`), { customerId: 'c-bob', channel: 'sms', at: iso(d * DAY) }));
    expect(await crm.marketing.send(as('b-4'), { customerId: 'c-bob', channel: 'sms', at: iso(4 * DAY) })).toMatchObject({
      left: { code: 'MARKETING_CAP_REACHED', details: { nextAllowedAt: iso(30 * DAY + 1) } },
    });
  });

  it('refuses recipients without consent (withdrawn, never given), erased or unknown, with the reason', async () => {
    const { crm, customer } = campaignCrm();
    await customer('c-ann');
    await customer('c-bob');
    await customer('c-cat', ['email']);
    await customer('c-dan');
    ok(await crm.customers.withdrawConsent(shop, { customerId: 'c-bob', channel: 'sms', at: iso(-1000) }));
    ok(await crm.customers.erase(shop, { customerId: 'c-dan', reason: null }));
    ok(await crm.campaigns.define(shop, qixi(['c-ann', 'c-bob', 'c-cat', 'c-dan', 'c-nobody'])));
    const report = ok(await crm.campaigns.send(as('send'), { campaignId: 'qixi', at: iso(0) }));
    expect(report.sent.map((s) => s.customerId)).toEqual(['c-ann']);
    expect(report.refused).toEqual([
      { customerId: 'c-bob', reason: 'noConsent', nextAllowedAt: null },
      { customerId: 'c-cat', reason: 'noConsent', nextAllowedAt: null },
      { customerId: 'c-dan', reason: 'erased', nextAllowedAt: null },
      { customerId: 'c-nobody', reason: 'unknownCustomer', nextAllowedAt: null },
    ]);
    expect(await crm.projections.campaigns.results('shop1', 'qixi')).toMatchObject({
      sent: 1,
      refused: 4,
      refusedByReason: { noConsent: 2, erased: 1, unknownCustomer: 1, capReached: 0, outOfOrder: 0 },
    });
    expect(await crm.projections.campaigns.history('shop1', 'c-bob')).toMatchObject({ received: 0, refused: 1, campaigns: [{ campaignId: 'qixi', outcome: 'refused', reason: 'noConsent' }] });
    // the refused got no marketing message
    expect(await crm.projections.marketing.contact('shop1', 'c-bob', iso(0))).toMatchObject({ inWindow: 0 });
  });

  it('checks an event campaign’s invitation channel', async () => {
    const { crm, customer } = campaignCrm();
    await customer('c-ann', ['push']);
    await customer('c-bob', ['sms']);
    ok(await crm.campaigns.define(shop, qixi(['c-ann', 'c-bob'], { channel: 'event', inviteVia: 'push' })));
    const report = ok(await crm.campaigns.send(as('send'), { campaignId: 'qixi', at: iso(0) }));
    expect(report.sent.map((s) => s.customerId)).toEqual(['c-ann']);
    expect(report.refused).toEqual([{ customerId: 'c-bob', reason: 'noConsent', nextAllowedAt: null }]);
    ok(await crm.campaigns.recordResponse(shop, { campaignId: 'qixi', customerId: 'c-ann', response: 'attended', at: iso(DAY) }));
    expect(await crm.projections.campaigns.results('shop1', 'qixi')).toMatchObject({ channel: 'event', responses: { attended: 1, delivered: 0 } });
    expect(await crm.projections.campaigns.history('shop1', 'c-ann')).toMatchObject({ received: 1, responses: 1, campaigns: [{ channel: 'event', responses: [{ response: 'attended', at: iso(DAY) }] }] });
  });

  it('sends once and not before the schedule; the same commandId again finishes or repeats nothing', async () => {
    const { crm, customer, eventCount } = campaignCrm();
    await customer('c-ann');
    ok(await crm.campaigns.define(shop, qixi(['c-ann'])));
    expect(await crm.campaigns.send(as('early'), { campaignId: 'qixi', at: iso(-1) })).toMatchObject({ left: { code: 'CAMPAIGN_NOT_DUE', path: ['data', 'at'], details: { scheduledAt: iso(0) } } });
    expect(await crm.campaigns.send(as('nope'), { campaignId: 'nope', at: iso(0) })).toMatchObject({ left: { code: 'CAMPAIGN_NOT_FOUND', path: ['data', 'campaignId'] } });
    const first = ok(await crm.campaigns.send(as('send'), { campaignId: 'qixi', at: iso(0) }));
    const size = eventCount();
    expect(ok(await crm.campaigns.send(as('send'), { campaignId: 'qixi', at: iso(0) }))).toEqual(first);
    expect(eventCount()).toBe(size);
    expect(await crm.campaigns.send(as('again'), { campaignId: 'qixi', at: iso(DAY) })).toMatchObject({ left: { code: 'CAMPAIGN_ALREADY_SENT', path: ['data', 'campaignId'] } });
    expect(eventCount()).toBe(size);
  });

  it('finishes an interrupted send when given the same input again', async () => {
    const { crm, customer, eventStore, eventCount } = campaignCrm();
    await customer('c-ann');
    await customer('c-bob');
    ok(await crm.campaigns.define(shop, qixi(['c-ann', 'c-bob'])));
    // the first attempt stops after Ann's message was recorded (the process died)
    let calls = 0;
    const dying = async (c: Parameters<typeof crm.handle>[0]) => {
      if (c.type === 'RecordCampaignReach' && ++calls === 1) {
        await crm.handle(c);
        throw new Error('process died');
      }
      return crm.handle(c);
    };
    const input = { data: { campaignId: 'qixi', at: iso(0) }, metadata: { ...shop, commandId: 'send' } };
    await expect(sendCampaign({ handle: dying, eventStore }, input)).rejects.toThrow('process died');
    const report = ok(await sendCampaign({ handle: crm.handle, eventStore }, input));
    expect(report.sent.map((s) => s.customerId)).toEqual(['c-ann', 'c-bob']);
    const size = eventCount();
    ok(await sendCampaign({ handle: crm.handle, eventStore }, input));
    expect(eventCount()).toBe(size);
    expect(await crm.projections.campaigns.results('shop1', 'qixi')).toMatchObject({ status: 'sent', sent: 2, refused: 0 });
    expect(await crm.projections.marketing.contact('shop1', 'c-ann', iso(0))).toMatchObject({ inWindow: 1 });
  });

  it('refuses bad input with the field paths and writes nothing', async () => {
    const { crm, customer, eventCount } = campaignCrm();
    await customer('c-ann');
    const size = eventCount();
    const bad = await crm.campaigns.define(shop, { ...qixi(['c-ann', 'bad id']), channel: 'fax' as never, cost: -1, scheduledAt: '2026-08-01' });
    expect(E.isLeft(bad) && bad.left.kind === 'ValidationError' ? bad.left.issues.map((i) => i.path) : []).toEqual([
      ['data', 'channel'],
      ['data', 'audience', 1],
      ['data', 'cost'],
      ['data', 'scheduledAt'],
    ]);
    expect(await crm.campaigns.define(shop, qixi(['c-ann', 'c-ann']))).toMatchObject({ left: { code: 'CAMPAIGN_AUDIENCE_REPEATS', path: ['data', 'audience', 1] } });
    expect(await crm.campaigns.define(shop, qixi(['c-ann'], { channel: 'event' }))).toMatchObject({ left: { code: 'CAMPAIGN_INVITE_CHANNEL', path: ['data', 'inviteVia'] } });
    const badSend = await crm.campaigns.send({ ...shop, tenantId: '' }, { campaignId: 'q.x', at: 'tomorrow' });
    expect(E.isLeft(badSend) && badSend.left.kind === 'ValidationError' ? badSend.left.issues.map((i) => i.path) : []).toEqual([
      ['data', 'campaignId'],
      ['data', 'at'],
      ['metadata', 'tenantId'],
    ]);
    ok(await crm.campaigns.define(shop, qixi(['c-ann'])));
    const defined = eventCount();
    expect(defined).toBe(size + 1);
    expect(await crm.campaigns.recordResponse(shop, { campaignId: 'qixi', customerId: 'c-ann', response: 'liked' as never, at: iso(0) })).toMatchObject({
      left: { kind: 'ValidationError', issues: [{ path: ['data', 'response'] }] },
    });
    expect(await crm.campaigns.recordResponse(shop, { campaignId: 'qixi', customerId: 'c-ann', response: 'opened', at: iso(0) })).toMatchObject({
      left: { code: 'CAMPAIGN_NOT_RECEIVED', path: ['data', 'customerId'] },
    });
    expect(eventCount()).toBe(defined);
  });
});
