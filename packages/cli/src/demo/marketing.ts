import * as E from 'fp-ts/lib/Either.js';
import type { Crm } from '@rapport/core';
import { AGENTS, PRODUCTS, SELLER, TENANT } from './catalogue.js';

const cny = (fen: number): string => `¥${(fen / 100).toFixed(2)}`;
const DAY = 86_400_000;

/**
 * The shop's outbound side (营销管理, 电话营销, 知识库): an SMS campaign to a segment with
 * its refusals and attributed orders, a call list over the customers at risk of churning,
 * and the knowledge base searched in Chinese and English. Runs after the history.
 */
export const marketingStory = async (crm: Crm, at: string, print: (line?: string) => void): Promise<void> => {
  const agent = (occurredAt: string, id: string = AGENTS[0]) => ({ tenantId: TENANT, actor: { kind: 'agent' as const, id }, occurredAt });
  const customer = (occurredAt: string, id: string) => ({ tenantId: TENANT, actor: { kind: 'customer' as const, id }, occurredAt });
  const must = async <T>(r: Promise<E.Either<{ message: string }, T>>, what: string): Promise<T> => {
    const x = await r;
    if (E.isLeft(x)) throw new Error(`marketing story: ${what} refused: ${x.left.message}`);
    return x.right;
  };
  const day = (d: number, h = 0): string => new Date(Date.parse(at) + d * DAY + h * 3_600_000).toISOString();
  const buy = async (orderId: string, customerId: string, when: string) => {
    const p = PRODUCTS[0]!;
    const line = { sku: p.sku, productId: p.productId, category: p.category, quantity: 1, unitPrice: p.unitPrice };
    await must(crm.orders.place(customer(when, customerId), { orderId, customerId, sellerId: SELLER, couponAmount: 0, lines: [line], at: when }), `order ${orderId}`);
    await must(crm.orders.pay(customer(when, customerId), { orderId, method: 'alipay', amount: p.unitPrice, at: when }), `payment of ${orderId}`);
    const later = (d: number) => new Date(Date.parse(when) + d * DAY).toISOString();
    await must(crm.orders.ship(agent(later(1)), { orderId, at: later(1) }), `shipping of ${orderId}`);
    await must(crm.orders.deliver(agent(later(2)), { orderId, at: later(2) }), `delivery of ${orderId}`);
    await must(crm.orders.complete(customer(later(3), customerId), { orderId, by: 'buyer', at: later(3) }), `completion of ${orderId}`);
  };

  // 营销管理: the audience is a segment — the important customers by RFM as of today
  const rfm = await crm.analytics.rfm(TENANT, { asOf: at });
  const important = rfm.customers.filter((c) => c.segment.startsWith('important')).map((c) => c.customerId);
  const audience = important.slice(0, 24);
  // one of them (the first with sms consent) already had 4 marketing messages in the last 30 days
  for (const c of audience) {
    const first = await crm.marketing.send(agent(day(-20)), { customerId: c, channel: 'sms', at: day(-20) });
    if (E.isLeft(first)) continue;
    for (const d of [-15, -10, -5]) await must(crm.marketing.send(agent(day(d)), { customerId: c, channel: 'sms', at: day(d) }), 'marketing message');
    break;
  }
  await must(
    crm.campaigns.define(agent(day(0)), { campaignId: 'cmp-mid-autumn', name: '中秋新茶', channel: 'sms', audience, audienceSource: 'rfm:important*', cost: 30_000, scheduledAt: day(1), at: day(0) }),
    'campaign definition',
  );
  const sent = await must(crm.campaigns.send({ ...agent(day(1)), commandId: 'send-mid-autumn' }, { campaignId: 'cmp-mid-autumn', at: day(1) }), 'campaign send');
  const recipients = sent.sent.map((s) => s.customerId);
  for (const c of recipients.slice(0, 6)) await must(crm.campaigns.recordResponse(agent(day(1, 2)), { campaignId: 'cmp-mid-autumn', customerId: c, response: 'clicked', at: day(1, 2) }), 'response');
  // three recipients buy within 7 × 24 h of the send, a fourth a day too late
  for (const [i, c] of recipients.slice(0, 3).entries()) await buy(`o-cmp-${i + 1}`, c, day(2 + i));
  if (recipients[3]) await buy('o-cmp-late', recipients[3], day(9));
  const results = await crm.projections.campaigns.results(TENANT, 'cmp-mid-autumn');
  print();
  print(`Campaign 营销管理 — cmp-mid-autumn (sms to ${audience.length} important customers by RFM, cost ${cny(30_000)})`);
  print(`  sent ${results?.sent}, refused ${sent.refused.length}: ${Object.entries(results?.refusedByReason ?? {}).filter(([, n]) => n > 0).map(([r, n]) => `${r} × ${n}`).join(', ')}`);
  for (const r of sent.refused.slice(0, 3)) print(`    ${r.customerId}: ${r.reason}${r.nextAllowedAt ? ` (next allowed ${r.nextAllowedAt})` : ''}`);
  print(`  clicked ${results?.responses.clicked}; attributed orders ${results?.attributions.map((a) => a.orderId).join(', ')} (o-cmp-late paid 8 days after the send: not attributed)`);
  const roi = results?.roi;
  print(`  attributed net revenue ${cny(results?.attributedRevenue ?? 0)}; ROI ${roi ? `(${results?.attributedRevenue} − 30000) ÷ 30000 = ${roi.percent}%` : '—'}`);

  // 电话营销: call the customers at risk of churning who agreed to be phoned
  const churn = await crm.analytics.churn(TENANT, { asOf: day(10) });
  const atRisk = churn.customers.filter((c) => c.status !== 'active').map((c) => c.customerId).slice(0, 10);
  for (const [i, c] of atRisk.entries()) if (i % 4 !== 3) await must(crm.customers.giveConsent(customer(day(10), c), { customerId: c, channel: 'phone', at: day(10) }), 'phone consent');
  await must(crm.telemarketing.buildList(agent(day(11)), { listId: 'L-win-back', name: '流失预警回访', agents: [...AGENTS], customerIds: atRisk, at: day(11) }), 'call list');
  const list = await crm.projections.telemarketing.list(TENANT, 'L-win-back');
  const outcomes = ['interested', 'noAnswer', 'callback', 'notInterested', 'interested', 'doNotCall', 'busy'] as const;
  const lines = Object.entries(list?.lines ?? {});
  for (const [i, [customerId, line]] of lines.entries()) {
    const outcome = outcomes[i % outcomes.length]!;
    const when = day(12, i);
    await must(
      crm.telemarketing.recordCall(agent(when, line.agentId), { listId: 'L-win-back', callId: `call-${i + 1}`, customerId, agentId: line.agentId, outcome, ...(outcome === 'callback' ? { callbackAt: day(14) } : {}), at: when }),
      `call to ${customerId}`,
    );
    if (outcome === 'interested') await buy(`o-call-${i + 1}`, customerId, day(15, i));
  }
  const progress = await crm.projections.telemarketing.list(TENANT, 'L-win-back');
  print();
  print(`Telemarketing 电话营销 — L-win-back: ${atRisk.length} customers at risk or churned, ${progress?.size} with phone consent on the list (${progress?.excluded} left out)`);
  print(`  called ${progress?.called}, remaining ${progress?.remaining}; outcomes ${Object.entries(progress?.outcomes ?? {}).filter(([, n]) => n > 0).map(([o, n]) => `${o} ${n}`).join(', ')}`);
  for (const a of (await crm.projections.telemarketing.agents(TENANT, 'L-win-back')) ?? [])
    print(`  ${a.agentId}: ${a.attempts} calls, ${a.reached} reached, ${a.interested} interested, ${a.converted} converted (paid within 7 × 24 h)`);

  // 知识库: the service team's articles, searched as the agents type
  const articles = [
    { articleId: 'kb-return-7d', title: '七天无理由退货怎么申请', problem: '买家签收后不想要了，想退货。', solution: '订单详情 → 申请售后 → 七天无理由退货，寄回后三天内退款。', category: '退换货', tags: ['退货', '售后'] },
    { articleId: 'kb-return-damaged', title: '茶叶受潮或包装破损', problem: '收到的茶叶受潮、茶具破损。', solution: '拍照上传，质量问题三十天内可退货退款，运费由店铺承担。', category: '退换货', tags: ['退货', '质量'] },
    { articleId: 'kb-refund-time', title: 'Refund timing', problem: 'When does my refund arrive?', solution: 'Alipay and WeChat refunds arrive within 24 hours; UnionPay cards take 3-5 working days.', category: 'payment', tags: ['refund'] },
    { articleId: 'kb-ship', title: '发货时间', problem: '付款后多久发货？', solution: '现货四十八小时内发货，预售按页面时间。', category: '物流', tags: ['发货'] },
    { articleId: 'kb-brew', title: '龙井怎么泡', problem: '绿茶冲泡水温和时间。', solution: '80 度水，玻璃杯上投法，一分钟出汤。', category: '冲泡', tags: ['龙井'] },
  ];
  for (const a of articles) await must(crm.knowledge.publish(agent(day(16)), { ...a, by: AGENTS[0], at: day(16) }), `article ${a.articleId}`);
  print();
  print('Knowledge base 知识库 — keyword search over the current versions');
  for (const q of ['退货', 'refund', '发货时间']) {
    const hits = await crm.projections.knowledge.search(TENANT, q);
    print(`  "${q}" → ${hits.map((h) => `${h.articleId} (${h.score})`).join(', ') || 'nothing'}`);
  }
};
