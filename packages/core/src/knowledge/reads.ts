import type { ReadModelStore } from '../kernel/readModelStore.js';
import { defaultKnowledgePolicy, type KnowledgePolicy } from './policy.js';
import { knowledgeArticle, mostCitedOf, type ArticleDoc, type CitedArticle } from './projections/article.js';
import { knowledgeSearchIndex, type SearchShardDoc } from './projections/searchIndex.js';
import { searchShards, type KnowledgeHit } from './search.js';

/** Options of a search or a most-cited list. */
export interface KnowledgeListOptions {
  /** At most this many (default: the policy's `searchLimit` for a search, all for most-cited). */
  readonly limit?: number;
}

/** The knowledge-base read functions (over its projections, caught up by the caller). */
export const knowledgeReads = (readModels: ReadModelStore, policy: KnowledgePolicy = defaultKnowledgePolicy) => ({
  /** An article: its current version (or last, when retired), status, citations, version history. */
  get: (tenantId: string, articleId: string): Promise<ArticleDoc | undefined> => readModels.get<ArticleDoc>(knowledgeArticle.name, tenantId, articleId),
  /** Keyword search over the current versions (Chinese by characters and pairs, other words whole), best first. */
  search: async (tenantId: string, query: string, options: KnowledgeListOptions = {}): Promise<KnowledgeHit[]> => {
    const shards: SearchShardDoc[] = [];
    for await (const d of readModels.query<SearchShardDoc>(knowledgeSearchIndex.name, tenantId)) shards.push(d);
    return searchShards(shards, query, policy, options.limit ?? policy.searchLimit);
  },
  /** A category's current articles by citations (complaints resolved citing them), most first; ties by article id. */
  mostCited: async (tenantId: string, category: string, options: KnowledgeListOptions = {}): Promise<CitedArticle[]> => {
    const docs: ArticleDoc[] = [];
    for await (const d of readModels.query<ArticleDoc>(knowledgeArticle.name, tenantId, { where: { category, status: 'current' } })) docs.push(d);
    return mostCitedOf(docs, category, options.limit);
  },
});
export type KnowledgeReads = ReturnType<typeof knowledgeReads>;
