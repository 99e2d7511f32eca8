// The example in docs/knowledge.md, run as a test: the doc's code block must be exactly the
// imports region followed by the example region below (dedented), so the doc never rots.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// #region imports
import * as E from 'fp-ts/lib/Either.js';
import { createCrm, sequentialIds, steppingClock, tokenize, queryTokens } from '@rapport/core';
import { memoryStores } from '@rapport/memory';
// #endregion

describe('docs/knowledge.md', () => {
  it('runs its example', async () => {
    // #region example
    const clock = steppingClock('2026-03-01T00:00:00.000Z', 1000);
    const crm = createCrm({ ...memoryStores({ clock }), clock, ids: sequentialIds('cmd') });
    const ctx = { tenantId: 'shop1', actor: { kind: 'agent' as const, id: 'ed-1' } };
    const by = { by: 'ed-1', at: '2026-03-01T01:00:00.000Z' };
    await crm.knowledge.publish(ctx, { articleId: 'kb-return', title: '七天无理由退货怎么申请', problem: '买家签收后想退货。', solution: '订单详情 → 申请售后 → 七天无理由退货。', category: '退换货', tags: ['退货'], ...by });
    await crm.knowledge.publish(ctx, { articleId: 'kb-ship', title: '发货时间说明', problem: '付款后多久发货？', solution: '现货48小时内发货。', category: '物流', tags: [], ...by });
    await crm.knowledge.publish(ctx, { articleId: 'kb-refund', title: 'Refund not received', problem: 'The refund has not arrived.', solution: 'Refunds take 1-3 business days.', category: '退换货', tags: ['refund'], ...by });

    // Chinese by characters and pairs of characters; queries look up the pairs
    console.log(tokenize('退货，Refund!')); // [ '退', '退货', '货', 'refund' ]
    console.log(queryTokens('退货')); // [ '退货' ]  (so 发货 does not match)
    const found = await crm.projections.knowledge.search('shop1', '退货');
    console.log(found.map((h) => `${h.articleId} ${h.score}`)); // [ 'kb-return 9' ]  title 3 + problem 2 + tag 3 + solution 1
    const mixed = await crm.projections.knowledge.search('shop1', 'REFUND 退货', { limit: 5 });
    console.log(mixed.map((h) => `${h.articleId} ${h.score}`)); // [ 'kb-return 9', 'kb-refund 8' ]  ("Refunds" is another word)

    // a new version replaces the old one in the index; a stale base version is refused
    await crm.knowledge.revise(ctx, { articleId: 'kb-ship', baseVersion: 1, title: '发货时效', problem: '付款后多久寄出？', solution: '现货24小时内寄出。', category: '物流', tags: [], by: 'ed-2', at: '2026-03-02T00:00:00.000Z' });
    console.log((await crm.projections.knowledge.search('shop1', '48')).length); // 0
    console.log((await crm.projections.knowledge.search('shop1', '寄出')).map((h) => `${h.articleId} v${h.version}`)); // [ 'kb-ship v2' ]
    const stale = await crm.knowledge.revise(ctx, { articleId: 'kb-ship', baseVersion: 1, title: '旧稿', problem: 'p', solution: 's', category: '物流', tags: [], ...by });
    if (E.isLeft(stale) && stale.left.kind === 'DomainError') console.log(stale.left.code, stale.left.path); // KNOWLEDGE_STALE_VERSION [ 'data', 'baseVersion' ]

    // a complaint resolved with an articleId cites the article (once per complaint)
    const t = (m: number) => `2026-03-03T00:0${m}:00.000Z`;
    await crm.complaints.file(ctx, { complaintId: 'cp-1', customerId: 'c-1', category: 'refundDispute', channel: 'chat', severity: 'minor', customerTier: 'regular', at: t(0) });
    await crm.complaints.acknowledge(ctx, { complaintId: 'cp-1', agentId: 'ag-1', at: t(1) });
    await crm.complaints.startWork(ctx, { complaintId: 'cp-1', agentId: 'ag-1', at: t(2) });
    await crm.complaints.resolve(ctx, { complaintId: 'cp-1', agentId: 'ag-1', resolution: { kind: 'apology' }, articleId: 'kb-refund', at: t(3) });
    const top = await crm.projections.knowledge.mostCited('shop1', '退换货');
    console.log(top.map((a) => `${a.articleId} ${a.citations}`)); // [ 'kb-refund 1', 'kb-return 0' ]

    // retired: out of search and most-cited, and no longer citable
    await crm.knowledge.retire(ctx, { articleId: 'kb-refund', reason: 'merged', by: 'ed-1', at: '2026-03-04T00:00:00.000Z' });
    console.log((await crm.projections.knowledge.search('shop1', 'refund')).length); // 0
    console.log((await crm.projections.knowledge.get('shop1', 'kb-refund'))?.status); // retired
    // #endregion
    expect(tokenize('退货，Refund!')).toEqual(['退', '退货', '货', 'refund']);
    expect(found.map((h) => `${h.articleId} ${h.score}`)).toEqual(['kb-return 9']);
    expect(mixed.map((h) => `${h.articleId} ${h.score}`)).toEqual(['kb-return 9', 'kb-refund 8']);
    expect(stale).toMatchObject({ left: { code: 'KNOWLEDGE_STALE_VERSION', path: ['data', 'baseVersion'] } });
    expect(await crm.projections.knowledge.search('shop1', '寄出')).toMatchObject([{ articleId: 'kb-ship', version: 2 }]);
    expect(await crm.projections.knowledge.search('shop1', '48')).toEqual([]);
    expect(top.map((a) => `${a.articleId} ${a.citations}`)).toEqual(['kb-refund 1', 'kb-return 0']);
    expect(await crm.projections.knowledge.search('shop1', 'refund')).toEqual([]);
    expect(await crm.projections.knowledge.mostCited('shop1', '退换货')).toMatchObject([{ articleId: 'kb-return' }]);
  });

  it('shows that example verbatim', () => {
    const source = readFileSync(fileURLToPath(import.meta.url), 'utf8');
    const region = (name: string) => {
      const m = new RegExp(`// #region ${name}\\n([\\s\\S]*?)\\n\\s*// #endregion`).exec(source);
      return m![1]!.split('\n').map((l) => l.replace(/^ {4}/, '')).join('\n');
    };
    const doc = readFileSync(fileURLToPath(new URL('../../../../docs/knowledge.md', import.meta.url)), 'utf8');
    expect(doc).toContain('```ts\n' + region('imports') + '\n\n' + region('example') + '\n```');
  });
});
