import { describe, expect, it } from 'vitest';
import { FIXTURE_ARTICLES, RETURN_ARTICLE_IDS } from './articles.fixture.js';
import { crmWithArticles, ok, shop } from './testSetup.fixture.js';

const ids = (hits: readonly { articleId: string }[]) => hits.map((h) => h.articleId);
const mentioning = (word: string) =>
  FIXTURE_ARTICLES.filter((x) => [x.title, x.problem, x.solution, ...x.tags].some((f) => f.toLowerCase().includes(word))).map((x) => x.articleId)
    .sort();

describe('knowledge search over the 22-article fixture', () => {
  it('"退货" finds the return articles and nothing that only shares 货 or 退 (发货, 收货, 退回)', async () => {
    const { crm } = await crmWithArticles();
    const hits = await crm.projections.knowledge.search('shop1', '退货', { limit: 50 });
    expect([...ids(hits)].sort()).toEqual([...RETURN_ARTICLE_IDS]);
    expect([...ids(hits)].sort()).toEqual(mentioning('退货'));
    // 退货 in title, problem, tags and solution ranks first; the rest by score, then id
    expect(hits[0]).toMatchObject({ articleId: 'ret-01', score: 3 + 2 + 3 + 1, matched: ['退货'], version: 1, category: '退换货' });
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    expect(ids(hits)).not.toContain('log-01'); // 发货
    expect(ids(hits)).not.toContain('pay-02'); // 退回
  });

  it('an English query works on words, case and full width folded', async () => {
    const { crm } = await crmWithArticles();
    const hits = await crm.projections.knowledge.search('shop1', 'refund');
    // pay-03: title 3 + problem 2 + tag 3 + solution 1; pay-04: title, tag, solution; ret-05: title, solution
    expect(hits.map((h) => [h.articleId, h.score])).toEqual([
      ['pay-03', 9],
      ['pay-04', 7],
      ['ret-05', 4],
    ]);
    expect(await crm.projections.knowledge.search('shop1', 'ＲＥＦＵＮＤ!')).toEqual(hits);
    expect(ids(await crm.projections.knowledge.search('shop1', 'refunds'))).toEqual(['pay-03']); // whole words: "refunds" is its own word
  });

  it('a mixed query adds up the scores of each matched token; ties go by article id', async () => {
    const { crm } = await crmWithArticles();
    const hits = await crm.projections.knowledge.search('shop1', 'refund 退货', { limit: 4 });
    expect(hits.map((h) => [h.articleId, h.score, h.matched])).toEqual([
      ['pay-03', 9, ['refund']],
      ['ret-01', 9, ['退货']],
      ['pay-04', 7, ['refund']], // 7 each: pay-04 before ret-05 by id
      ['ret-05', 4 + 3, ['refund', '退货']],
    ]);
  });

  it('a lone character, the limit, and queries without tokens', async () => {
    const { crm } = await crmWithArticles();
    const one = await crm.projections.knowledge.search('shop1', '货', { limit: 50 });
    expect([...ids(one)].sort()).toEqual(mentioning('货'));
    expect(one.length).toBeGreaterThan(RETURN_ARTICLE_IDS.length);
    expect(await crm.projections.knowledge.search('shop1', '货', { limit: 2 })).toEqual(one.slice(0, 2));
    expect(mentioning('顾').length).toBeGreaterThan(10);
    expect(await crm.projections.knowledge.search('shop1', '顾')).toHaveLength(10); // the policy's searchLimit
    expect(await crm.projections.knowledge.search('shop1', ' ，。!? ')).toEqual([]);
    expect(await crm.projections.knowledge.search('shop1', 'tostring')).toEqual([]);
    expect(ids(await crm.projections.knowledge.search('shop1', 'constructor'))).toEqual(['qa-03']);
    expect(await crm.projections.knowledge.search('shop2', '退货')).toEqual([]); // another shop's index is empty
  });

  it('a new version replaces the old one: its old tokens no longer match, its new ones do', async () => {
    const { crm } = await crmWithArticles();
    expect(ids(await crm.projections.knowledge.search('shop1', '拆封'))).toEqual(['ret-03']);
    ok(
      await crm.knowledge.revise(shop, {
        articleId: 'ret-03',
        baseVersion: 1,
        title: '内衣类商品能否退货',
        problem: '贴身衣物顾客要求退货。',
        solution: '贴身衣物不支持无理由退货，质量问题除外。',
        category: '退换货',
        tags: ['内衣'],
        by: 'ed-2',
        at: '2026-03-02T00:00:00.000Z',
      }),
    );
    expect(await crm.projections.knowledge.search('shop1', '拆封')).toEqual([]);
    expect(await crm.projections.knowledge.search('shop1', '内衣')).toEqual([
      { articleId: 'ret-03', version: 2, title: '内衣类商品能否退货', category: '退换货', score: 3 + 3, matched: ['内衣'] },
    ]);
    const doc = await crm.projections.knowledge.get('shop1', 'ret-03');
    expect(doc).toMatchObject({ version: 2, title: '内衣类商品能否退货', status: 'current', publishedAt: '2026-03-01T01:02:00.000Z' });
    expect(doc?.versions).toEqual([
      { version: 1, by: 'ed-1', at: '2026-03-01T01:02:00.000Z' },
      { version: 2, by: 'ed-2', at: '2026-03-02T00:00:00.000Z' },
    ]);
  });

  it('a retired article is found no more', async () => {
    const { crm } = await crmWithArticles();
    ok(await crm.knowledge.retire(shop, { articleId: 'pay-03', reason: 'merged into pay-04', by: 'ed-1', at: '2026-03-02T00:00:00.000Z' }));
    expect(ids(await crm.projections.knowledge.search('shop1', 'refund'))).toEqual(['pay-04', 'ret-05']);
    expect(await crm.projections.knowledge.get('shop1', 'pay-03')).toMatchObject({ status: 'retired', retiredAt: '2026-03-02T00:00:00.000Z', version: 1 });
  });
});
