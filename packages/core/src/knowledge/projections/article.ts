import type { Projection } from '../../kernel/projection.js';
import { KnowledgeEvent } from '../events.js';
import type { ArticleContent } from '../values.js';

/** One version's history line (its text lives in the article's stream). */
export interface ArticleVersionLine {
  readonly version: number;
  readonly by: string;
  readonly at: string;
}

/** `knowledge.article`: an article's current version, status and citation count. */
export interface ArticleDoc extends ArticleContent {
  readonly articleId: string;
  readonly version: number;
  readonly status: 'current' | 'retired';
  readonly publishedAt: string;
  readonly updatedAt: string;
  readonly retiredAt: string | null;
  /** Complaints whose resolution cited it while it was current (each complaint once). */
  readonly citations: number;
  readonly lastCitedAt: string | null;
  readonly versions: readonly ArticleVersionLine[];
}

type Doc = ArticleDoc | null;

/** Every article by id; `mostCited` queries it by category. */
export const knowledgeArticle: Projection<Doc, KnowledgeEvent> = {
  name: 'knowledge.article',
  version: 1,
  events: KnowledgeEvent,
  init: () => null,
  keyOf: (e) => e.data.articleId,
  apply: (d, { type, data }): Doc => {
    switch (type) {
      case 'ArticlePublished':
      case 'ArticleRevised': {
        const { articleId, version, title, problem, solution, category, tags, by, at } = data;
        const line = { version, by, at };
        return {
          articleId,
          version,
          title,
          problem,
          solution,
          category,
          tags,
          status: 'current',
          publishedAt: d?.publishedAt ?? at,
          updatedAt: at,
          retiredAt: null,
          citations: d?.citations ?? 0,
          lastCitedAt: d?.lastCitedAt ?? null,
          versions: [...(d?.versions ?? []), line],
        };
      }
      case 'ArticleRetired':
        return d && { ...d, status: 'retired', retiredAt: data.at, updatedAt: data.at };
      case 'ArticleCited':
        return d && { ...d, citations: d.citations + 1, lastCitedAt: d.lastCitedAt !== null && d.lastCitedAt > data.at ? d.lastCitedAt : data.at };
    }
  },
};

/** An article in a most-cited list. */
export interface CitedArticle {
  readonly articleId: string;
  readonly title: string;
  readonly version: number;
  readonly citations: number;
}

/**
 * The current articles of one category by citations, most first; equal counts by
 * article id (string order). Retired articles are left out.
 */
export const mostCitedOf = (docs: Iterable<ArticleDoc>, category: string, limit = Infinity): CitedArticle[] =>
  [...docs]
    .filter((d) => d.status === 'current' && d.category === category)
    .sort((a, b) => b.citations - a.citations || (a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : 0))
    .slice(0, limit)
    .map(({ articleId, title, version, citations }) => ({ articleId, title, version, citations }));
