import { describe, expect, it } from 'vitest';
import { foldMismatches } from '../testing/foldMismatches.js';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { MemoryEventStore, MemoryReadModelStore } from '@rapport/memory';
import { createCommandBus, eventRegistry, fixedClock, foldProjection, ProjectionRunner, type Projection, type StoredEvent } from '../index.js';
import { KnowledgeEvent } from './events.js';
import { defaultKnowledgePolicy } from './policy.js';
import { knowledgeArticle, mostCitedOf, type ArticleDoc } from './projections/article.js';
import { fieldBitsOf, knowledgeSearchIndex, type SearchShardDoc } from './projections/searchIndex.js';
import { knowledgeReads } from './reads.js';
import { fieldWeightOf } from './search.js';
import { articleHandlerFor } from './streams.js';
import { queryTokens, tokenize } from './tokenize.js';
import type { ArticleContent } from './values.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const projections: Projection<any, any>[] = [knowledgeArticle, knowledgeSearchIndex];
const T0 = '2026-03-01T00:00:00.000Z';
const TENANTS = ['shop1', 'shop2'] as const;
const IDS = ['a-1', 'a-2', 'a-3', 'constructor', '__proto__', 'b-9'] as const;

// a small vocabulary, so articles and queries share tokens often
const piece = fc.constantFrom('退货', '退款', '发货', '货', '运费', '七天无理由', 'Refund', 'refund', 'shipping', 'constructor', 'ＲＥＴＵＲＮ', '，', ' ', '!', '12');
const text = fc.array(piece, { minLength: 1, maxLength: 6 }).map((p) => `x${p.join('')}`);
const content = fc.record({
  title: text,
  problem: text,
  solution: text,
  category: fc.constantFrom('退换货', 'refunds', '物流'),
  tags: fc.uniqueArray(fc.constantFrom('退货', 'refund', '运费险', 'fast'), { maxLength: 3 }),
});
const step = fc.record({
  tenantId: fc.constantFrom(...TENANTS),
  articleId: fc.constantFrom(...IDS),
  kind: fc.constantFrom('publish', 'revise', 'revise', 'retire', 'cite', 'cite'),
  stale: fc.boolean(),
  complaintId: fc.constantFrom('cp-1', 'cp-2', 'cp-3'),
  content,
});
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

/** Run the steps through the decider with catch-ups at random points; return the store and read models. */
const run = async (steps: readonly Step[], pauses: readonly boolean[], batchSize: number) => {
  const registry = eventRegistry(KnowledgeEvent);
  const store = new MemoryEventStore({ registry, clock: fixedClock(T0) });
  const bus = createCommandBus([articleHandlerFor()], { eventStore: store, registry, clock: fixedClock(T0) });
  const readModels = new MemoryReadModelStore();
  const runner = new ProjectionRunner({ eventStore: store, readModels, projections, batchSize });
  const versions = new Map<string, number>();
  for (const [i, s] of steps.entries()) {
    const key = `${s.tenantId}/${s.articleId}`;
    const at = new Date(Date.parse(T0) + i * 60_000).toISOString();
    const by = { by: 'ed-1', at };
    const data =
      s.kind === 'publish'
        ? { articleId: s.articleId, ...s.content, ...by }
        : s.kind === 'revise'
          ? { articleId: s.articleId, baseVersion: (versions.get(key) ?? 1) + (s.stale ? 1 : 0), ...s.content, ...by }
          : s.kind === 'retire'
            ? { articleId: s.articleId, reason: 'old', ...by }
            : { articleId: s.articleId, complaintId: s.complaintId, at };
    const type = { publish: 'PublishArticle', revise: 'ReviseArticle', retire: 'RetireArticle', cite: 'CiteArticle' }[s.kind];
    const r = await bus.handle({ type, data, metadata: { commandId: `cmd-${i}`, tenantId: s.tenantId, actor: { kind: 'user', id: 'u' } } });
    if (E.isRight(r)) for (const e of r.right.events) if ('version' in (e.data as object)) versions.set(key, (e.data as { version: number }).version);
    if (pauses[i % pauses.length]) await runner.catchUp();
  }
  await runner.catchUp();
  const events: StoredEvent<KnowledgeEvent>[] = [];
  for await (const e of store.readAll<KnowledgeEvent>()) events.push(e);
  return { readModels, runner, events };
};

/** The current version of every article, folded straight from the events. */
const currentArticles = (events: readonly StoredEvent<KnowledgeEvent>[], tenantId: string): Map<string, ArticleContent & { version: number }> => {
  const out = new Map<string, ArticleContent & { version: number }>();
  for (const e of events) {
    if (e.metadata.tenantId !== tenantId) continue;
    if (e.type === 'ArticlePublished' || e.type === 'ArticleRevised') out.set(e.data.articleId, { ...e.data });
    if (e.type === 'ArticleRetired') out.delete(e.data.articleId);
  }
  return out;
};

const arbs = [fc.array(step, { maxLength: 30 }), fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }), fc.integer({ min: 1, max: 5 })] as const;

describe('knowledge projections', () => {
  it('rebuild equals incremental equals foldProjection, for both projections', async () => {
    await fc.assert(
      fc.asyncProperty(...arbs, async (steps, pauses, batchSize) => {
        const { readModels, runner, events } = await run(steps, pauses, batchSize);
        const check = async () => expect(await foldMismatches(readModels, projections, events, TENANTS)).toEqual([]);
        await check();
        await runner.rebuild();
        await check();
      }),
      { numRuns: 60 },
    );
  });

  it('search finds exactly the current articles holding a query token, scored by the fields holding it; most-cited lists only current ones', async () => {
    await fc.assert(
      fc.asyncProperty(...arbs, fc.array(piece, { minLength: 1, maxLength: 4 }), async (steps, pauses, batchSize, q) => {
        const { readModels, events } = await run(steps, pauses, batchSize);
        const reads = knowledgeReads(readModels);
        const query = q.join('');
        const wanted = queryTokens(query);
        for (const tenant of TENANTS) {
          const current = currentArticles(events, tenant);
          const hits = await reads.search(tenant, query, { limit: 100 });
          // ⊆: every hit is a current article (its current version) holding one of the query's tokens
          for (const h of hits) {
            const a = current.get(h.articleId);
            expect(a).toBeDefined();
            expect(h.version).toBe(a!.version);
            const own = new Set([a!.title, a!.problem, a!.solution, ...a!.tags].flatMap(tokenize));
            expect(h.matched.length).toBeGreaterThan(0);
            expect(h.matched.every((tk) => own.has(tk) && wanted.includes(tk))).toBe(true);
          }
          // ⊇ and the score, recomputed by brute force
          const expected = [...current]
            .map(([articleId, a]) => {
              const bits = fieldBitsOf(a);
              const matched = wanted.filter((tk) => bits.has(tk));
              return { articleId, score: matched.reduce((s, tk) => s + fieldWeightOf(bits.get(tk)!, defaultKnowledgePolicy), 0), matched };
            })
            .filter((x) => x.matched.length > 0)
            .sort((a, b) => b.score - a.score || (a.articleId < b.articleId ? -1 : 1));
          expect(hits.map((h) => [h.articleId, h.score, h.matched])).toEqual(expected.map((x) => [x.articleId, x.score, x.matched]));
          for (const category of ['退换货', 'refunds', '物流']) {
            const docs: ArticleDoc[] = [];
            for await (const d of readModels.query<ArticleDoc>(knowledgeArticle.name, tenant)) docs.push(d);
            const most = await reads.mostCited(tenant, category);
            expect(most).toEqual(mostCitedOf(docs, category));
            expect(most.map((m) => m.articleId).sort()).toEqual([...current].filter(([, a]) => a.category === category).map(([id]) => id).sort());
            expect(most.map((m) => m.citations)).toEqual([...most.map((m) => m.citations)].sort((a, b) => b - a));
          }
        }
        // every shard document stays small: it holds only the articles hashed to it
        for (const tenant of TENANTS)
          for await (const d of readModels.query<SearchShardDoc>(knowledgeSearchIndex.name, tenant))
            expect(Object.keys(d.articles).length).toBeLessThanOrEqual(IDS.length);
      }),
      { numRuns: 60 },
    );
  });
});
