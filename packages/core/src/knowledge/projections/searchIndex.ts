import type { Projection } from '../../kernel/projection.js';
import { KnowledgeEvent } from '../events.js';
import { tokenize } from '../tokenize.js';
import type { ArticleContent } from '../values.js';

/** Where a token occurs in an article: a bit per field, so weights apply at read time. */
export const INDEXED_FIELD = { title: 1, problem: 2, tags: 4, solution: 8 } as const;
export type IndexedField = keyof typeof INDEXED_FIELD;

/** The index is split into this many shard documents by a hash of the article id. */
export const SEARCH_SHARDS = 16;

/** One article as its shard holds it: the current version's summary and tokens. */
export interface IndexedArticle {
  readonly version: number;
  readonly title: string;
  readonly category: string;
  /** Its tokens (so a new version or a retirement removes exactly these postings). */
  readonly tokens: readonly string[];
}

/**
 * `knowledge.searchIndex` shard document (plain JSON): the current versions of the
 * articles whose id hashes to this shard, and the inverted index over them, token →
 * articleId → field bits ({@link INDEXED_FIELD}). Retired articles are not in it.
 */
export interface SearchShardDoc {
  readonly shard: number;
  readonly articles: Readonly<Record<string, IndexedArticle>>;
  readonly postings: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** FNV-1a over the id's UTF-16 units, mod {@link SEARCH_SHARDS}. */
export const searchShardOf = (articleId: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < articleId.length; i++) h = Math.imul(h ^ articleId.charCodeAt(i), 0x01000193) >>> 0;
  return h % SEARCH_SHARDS;
};
export const searchShardKey = (shard: number): string => `shard-${String(shard).padStart(2, '0')}`;

/** token → field bits of one version. */
export const fieldBitsOf = (c: ArticleContent): Map<string, number> => {
  const bits = new Map<string, number>();
  const add = (text: string, bit: number) => {
    for (const tk of tokenize(text)) bits.set(tk, (bits.get(tk) ?? 0) | bit);
  };
  add(c.title, INDEXED_FIELD.title);
  add(c.problem, INDEXED_FIELD.problem);
  for (const tag of c.tags) add(tag, INDEXED_FIELD.tags);
  add(c.solution, INDEXED_FIELD.solution);
  return bits;
};

const own = <V>(o: Readonly<Record<string, V>>, k: string): V | undefined => (Object.hasOwn(o, k) ? o[k] : undefined);

/** The shard without the article's postings. */
const without = (d: SearchShardDoc, articleId: string): SearchShardDoc => {
  const old = own(d.articles, articleId);
  if (!old) return d;
  const postings = { ...d.postings };
  for (const tk of old.tokens) {
    const { [articleId]: _, ...rest } = own(postings, tk) ?? {};
    if (Object.keys(rest).length === 0) delete postings[tk];
    else postings[tk] = rest;
  }
  const { [articleId]: _, ...articles } = d.articles;
  return { shard: d.shard, articles, postings };
};

const withVersion = (d: SearchShardDoc, articleId: string, version: number, c: ArticleContent): SearchShardDoc => {
  const base = without(d, articleId);
  const bits = fieldBitsOf(c);
  const postings = { ...base.postings };
  for (const [tk, b] of bits) postings[tk] = { ...(own(postings, tk) ?? {}), [articleId]: b };
  return { shard: d.shard, articles: { ...base.articles, [articleId]: { version, title: c.title, category: c.category, tokens: [...bits.keys()] } }, postings };
};

/** The inverted index over current versions, in {@link SEARCH_SHARDS} documents (`shard-00`…). */
export const knowledgeSearchIndex: Projection<SearchShardDoc | null, KnowledgeEvent> = {
  name: 'knowledge.searchIndex',
  version: 1,
  events: ['ArticlePublished', 'ArticleRevised', 'ArticleRetired'],
  init: () => null,
  keyOf: (e) => searchShardKey(searchShardOf(e.data.articleId)),
  apply: (d, e) => {
    const doc = d ?? { shard: searchShardOf(e.data.articleId), articles: {}, postings: {} };
    switch (e.type) {
      case 'ArticlePublished':
      case 'ArticleRevised':
        return withVersion(doc, e.data.articleId, e.data.version, e.data);
      case 'ArticleRetired': {
        const next = without(doc, e.data.articleId);
        return Object.keys(next.articles).length === 0 ? null : next;
      }
      default:
        return doc;
    }
  },
};
