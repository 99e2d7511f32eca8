import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import type { StoredEvent } from '../kernel/envelope.js';
import { crmWithArticles, ok, setupCrm, shop } from './testSetup.fixture.js';

type Crm = Awaited<ReturnType<typeof crmWithArticles>>['crm'];

/** File, acknowledge, start and resolve a complaint, citing `articleId` when given. */
const resolveCiting = async (crm: Crm, complaintId: string, articleId?: string) => {
  const at = (m: number) => `2026-03-05T00:${String(m).padStart(2, '0')}:00.000Z`;
  ok(await crm.complaints.file(shop, { complaintId, customerId: 'c-1', category: 'refundDispute', channel: 'chat', severity: 'minor', customerTier: 'regular', at: at(0) }));
  ok(await crm.complaints.acknowledge(shop, { complaintId, agentId: 'ag-1', at: at(1) }));
  ok(await crm.complaints.startWork(shop, { complaintId, agentId: 'ag-1', at: at(2) }));
  return crm.complaints.resolve(shop, { complaintId, agentId: 'ag-1', resolution: { kind: 'apology' }, at: at(3), ...(articleId ? { articleId } : {}) });
};

const allEvents = async (eventStore: ReturnType<typeof setupCrm>['eventStore']) => {
  const out: StoredEvent[] = [];
  for await (const e of eventStore.readAll()) out.push(e);
  return out;
};

describe('knowledge module in createCrm', () => {
  it('counts a resolution citing an article, once per complaint, and lists the most cited per category with ties by id', async () => {
    const { crm } = await crmWithArticles();
    ok(await resolveCiting(crm, 'cp-1', 'ret-02'));
    ok(await resolveCiting(crm, 'cp-2', 'ret-02'));
    ok(await resolveCiting(crm, 'cp-3', 'ret-04'));
    ok(await resolveCiting(crm, 'cp-4', 'ret-01'));
    ok(await resolveCiting(crm, 'cp-5', 'pay-03'));
    ok(await resolveCiting(crm, 'cp-6')); // no article
    // cp-1 reopened and resolved again with the same article: still one citation
    ok(await crm.complaints.reopen(shop, { complaintId: 'cp-1', reason: 'customer not satisfied', at: '2026-03-06T00:00:00.000Z' }));
    ok(await crm.complaints.resolve(shop, { complaintId: 'cp-1', agentId: 'ag-1', resolution: { kind: 'apology' }, at: '2026-03-06T00:02:00.000Z', articleId: 'ret-02' }));
    await crm.settle();

    expect(await crm.projections.knowledge.mostCited('shop1', '退换货')).toEqual([
      { articleId: 'ret-02', title: '退货运费谁承担', version: 1, citations: 2 },
      { articleId: 'ret-01', title: '七天无理由退货怎么申请', version: 1, citations: 1 }, // ties with ret-04: by id
      { articleId: 'ret-04', title: '换货还是退货', version: 1, citations: 1 },
      { articleId: 'ret-03', title: '退货商品已拆封还能退吗', version: 1, citations: 0 },
    ]);
    expect(await crm.projections.knowledge.mostCited('shop1', '退换货', { limit: 2 })).toHaveLength(2);
    expect((await crm.projections.knowledge.mostCited('shop1', 'refunds')).map((x) => [x.articleId, x.citations])).toEqual([
      ['pay-03', 1],
      ['pay-04', 0],
      ['ret-05', 0],
    ]);
    expect(await crm.projections.knowledge.mostCited('shop1', 'no such shelf')).toEqual([]);
    expect(await crm.projections.knowledge.get('shop1', 'ret-02')).toMatchObject({ citations: 2, lastCitedAt: '2026-03-05T00:03:00.000Z' });
    expect((await crm.projections.complaints.get('shop1', 'cp-1'))?.status).toBe('resolved');
  });

  it('a resolution citing a retired or unknown article stands, but counts for no article', async () => {
    const { crm, eventStore } = await crmWithArticles();
    ok(await crm.knowledge.retire(shop, { articleId: 'log-02', reason: 'outdated', by: 'ed-1', at: '2026-03-02T00:00:00.000Z' }));
    ok(await resolveCiting(crm, 'cp-1', 'log-02'));
    ok(await resolveCiting(crm, 'cp-2', 'no-such-article'));
    await crm.settle();
    const events = await allEvents(eventStore);
    expect(events.filter((e) => e.type === 'ComplaintResolved').map((e) => (e.data as { articleId?: string }).articleId)).toEqual(['log-02', 'no-such-article']);
    expect(events.filter((e) => e.type === 'ArticleCited')).toEqual([]);
    expect(await crm.projections.knowledge.get('shop1', 'log-02')).toMatchObject({ status: 'retired', citations: 0 });
    expect(await crm.projections.knowledge.get('shop1', 'no-such-article')).toBeUndefined();
    expect(await crm.projections.knowledge.mostCited('shop1', '物流')).not.toContainEqual(expect.objectContaining({ articleId: 'log-02' }));
  });

  it('refuses bad input with the field path and writes nothing', async () => {
    const { crm, eventStore } = setupCrm();
    const base = { articleId: 'a-1', title: '退货', problem: 'p', solution: 's', category: '退换货', tags: ['x'], by: 'ed-1', at: '2026-03-01T00:00:00.000Z' };
    const cases: [Record<string, unknown>, string, readonly (string | number)[]][] = [
      [{ title: '   ' }, 'ValidationError', ['data', 'title']],
      [{ title: 'two\nlines' }, 'ValidationError', ['data', 'title']],
      [{ category: '' }, 'ValidationError', ['data', 'category']],
      [{ tags: ['ok', ''] }, 'ValidationError', ['data', 'tags', 1]],
      [{ articleId: 'bad.id' }, 'ValidationError', ['data', 'articleId']],
      [{ solution: 's'.repeat(20001) }, 'ValidationError', ['data', 'solution']],
      [{ tags: ['a', 'b', 'a'] }, 'KNOWLEDGE_DUPLICATE_TAG', ['data', 'tags', 2]],
      [{ tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, 'KNOWLEDGE_TOO_MANY_TAGS', ['data', 'tags']],
    ];
    for (const [patch, code, path] of cases) {
      const r = await crm.knowledge.publish(shop, { ...base, ...patch } as never);
      expect(E.isLeft(r)).toBe(true);
      if (E.isLeft(r)) {
        const err = r.left as { kind: string; code?: string; path?: unknown; issues?: { path: unknown }[] };
        if (code === 'ValidationError') {
          expect(err.kind).toBe('ValidationError');
          expect(err.issues?.map((i) => i.path)).toContainEqual(path);
        } else expect(err).toMatchObject({ kind: 'DomainError', code, path });
      }
    }
    expect(await allEvents(eventStore)).toEqual([]);
    ok(await crm.knowledge.publish(shop, base));
    const stale = await crm.knowledge.revise(shop, { ...base, baseVersion: 2, title: '新' });
    expect(stale).toMatchObject({ left: { code: 'KNOWLEDGE_STALE_VERSION', path: ['data', 'baseVersion'], details: { currentVersion: 1 } } });
    expect(await crm.knowledge.publish(shop, base)).toMatchObject({ left: { code: 'KNOWLEDGE_ARTICLE_EXISTS', path: ['data', 'articleId'] } });
    expect(await crm.knowledge.retire(shop, { articleId: 'a-2', reason: 'x', by: 'ed-1', at: base.at })).toMatchObject({
      left: { code: 'KNOWLEDGE_ARTICLE_NOT_FOUND', path: ['data', 'articleId'] },
    });
    const badResolve = await crm.complaints.resolve(shop, { complaintId: 'cp-1', agentId: 'ag-1', resolution: { kind: 'apology' }, at: base.at, articleId: 'no dots.' });
    expect(badResolve).toMatchObject({ left: { kind: 'ValidationError' } });
    expect((await allEvents(eventStore)).map((e) => e.type)).toEqual(['ArticlePublished']);
  });
});
