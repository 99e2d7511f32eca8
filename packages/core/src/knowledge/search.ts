import type { KnowledgePolicy } from './policy.js';
import { INDEXED_FIELD, type SearchShardDoc } from './projections/searchIndex.js';
import { queryTokens } from './tokenize.js';

/** One search result: the current version of a matching article. */
export interface KnowledgeHit {
  readonly articleId: string;
  readonly version: number;
  readonly title: string;
  readonly category: string;
  /** Σ over the matched query tokens of the weights of the fields holding the token. */
  readonly score: number;
  /** The query tokens it contains, in query order. */
  readonly matched: readonly string[];
}

/** The weight of a token found in the fields `bits`: the sum of those fields' weights. */
export const fieldWeightOf = (bits: number, policy: KnowledgePolicy): number =>
  (bits & INDEXED_FIELD.title ? policy.titleWeight : 0) +
  (bits & INDEXED_FIELD.problem ? policy.problemWeight : 0) +
  (bits & INDEXED_FIELD.tags ? policy.tagWeight : 0) +
  (bits & INDEXED_FIELD.solution ? policy.solutionWeight : 0);

/**
 * Rank the articles of the shards for a query: every article holding at least one query
 * token ({@link queryTokens}), highest score first, equal scores by article id (string
 * order), at most `limit`. A query without tokens finds nothing.
 */
export const searchShards = (shards: Iterable<SearchShardDoc>, query: string, policy: KnowledgePolicy, limit: number = policy.searchLimit): KnowledgeHit[] => {
  const tokens = queryTokens(query);
  const hits: KnowledgeHit[] = [];
  for (const shard of shards) {
    const found = new Map<string, { score: number; matched: string[] }>();
    for (const tk of tokens) {
      if (!Object.hasOwn(shard.postings, tk)) continue;
      for (const [articleId, bits] of Object.entries(shard.postings[tk]!)) {
        const f = found.get(articleId) ?? { score: 0, matched: [] };
        f.score += fieldWeightOf(bits, policy);
        f.matched.push(tk);
        found.set(articleId, f);
      }
    }
    for (const [articleId, f] of found) {
      const a = shard.articles[articleId]!;
      hits.push({ articleId, version: a.version, title: a.title, category: a.category, score: f.score, matched: f.matched });
    }
  }
  return hits.sort((a, b) => b.score - a.score || (a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : 0)).slice(0, Math.max(0, limit));
};
