import * as E from 'fp-ts/lib/Either.js';
import { absurd } from 'fp-ts/lib/function.js';
import type { Decider } from '../kernel/decider.js';
import type { KnowledgeCommand } from './commands.js';
import { refuseKnowledge, type KnowledgeError } from './errors.js';
import type { KnowledgeEvent } from './events.js';
import { defaultKnowledgePolicy, type KnowledgePolicy } from './policy.js';
import { sameContent, type ArticleContent } from './values.js';

/** An article as its stream says: its current version, or retired, and the complaints that cited it. */
export type Article =
  | { readonly status: 'none' }
  | {
      readonly status: 'current' | 'retired';
      readonly version: number;
      readonly content: ArticleContent;
      readonly retiredAt: string | null;
      /** complaintId → true: a complaint resolved twice citing it counts once. */
      readonly citedBy: Readonly<Record<string, true>>;
    };

type Decision = E.Either<KnowledgeError, KnowledgeEvent[]>;

const contentOf = (d: ArticleContent): ArticleContent => ({ title: d.title, problem: d.problem, solution: d.solution, category: d.category, tags: d.tags });

/** Tags: at most `maxTags`, none twice (the second is named). */
const checkTags = (tags: readonly string[], policy: KnowledgePolicy): E.Either<KnowledgeError, void> => {
  if (tags.length > policy.maxTags) return refuseKnowledge('KNOWLEDGE_TOO_MANY_TAGS', `${tags.length} tags, at most ${policy.maxTags}`, ['data', 'tags']);
  const i = tags.findIndex((tag, j) => tags.indexOf(tag) !== j);
  return i < 0 ? E.right(undefined) : refuseKnowledge('KNOWLEDGE_DUPLICATE_TAG', `tag ${JSON.stringify(tags[i])} given twice`, ['data', 'tags', i]);
};

const decideWith =
  (policy: KnowledgePolicy) =>
  (c: KnowledgeCommand, s: Article): Decision => {
    if (c.type === 'PublishArticle') {
      if (s.status !== 'none') return refuseKnowledge('KNOWLEDGE_ARTICLE_EXISTS', `article ${c.data.articleId} exists (version ${s.version})`, ['data', 'articleId']);
      return E.map((): KnowledgeEvent[] => [
        { type: 'ArticlePublished', data: { articleId: c.data.articleId, version: 1, ...contentOf(c.data), by: c.data.by, at: c.data.at } },
      ])(checkTags(c.data.tags, policy));
    }
    if (s.status === 'none') return refuseKnowledge('KNOWLEDGE_ARTICLE_NOT_FOUND', `no article ${c.data.articleId}`, ['data', 'articleId']);
    if (s.status === 'retired')
      return refuseKnowledge('KNOWLEDGE_ARTICLE_RETIRED', `article ${c.data.articleId} was retired at ${s.retiredAt}`, ['data', 'articleId'], { retiredAt: s.retiredAt });
    switch (c.type) {
      case 'ReviseArticle': {
        if (c.data.baseVersion !== s.version)
          return refuseKnowledge('KNOWLEDGE_STALE_VERSION', `based on version ${c.data.baseVersion}, current is ${s.version}`, ['data', 'baseVersion'], {
            currentVersion: s.version,
          });
        const content = contentOf(c.data);
        if (sameContent(content, s.content)) return E.right([]); // the same text again: no new version
        return E.map((): KnowledgeEvent[] => [
          { type: 'ArticleRevised', data: { articleId: c.data.articleId, version: s.version + 1, ...content, by: c.data.by, at: c.data.at } },
        ])(checkTags(c.data.tags, policy));
      }
      case 'RetireArticle':
        return E.right([{ type: 'ArticleRetired', data: { articleId: c.data.articleId, version: s.version, reason: c.data.reason, by: c.data.by, at: c.data.at } }]);
      case 'CiteArticle':
        if (s.citedBy[c.data.complaintId]) return E.right([]); // resolved again after a reopening: counted once
        return E.right([{ type: 'ArticleCited', data: { articleId: c.data.articleId, version: s.version, complaintId: c.data.complaintId, at: c.data.at } }]);
      default:
        return absurd(c);
    }
  };

const evolve = (s: Article, e: KnowledgeEvent): Article => {
  switch (e.type) {
    case 'ArticlePublished':
    case 'ArticleRevised':
      return { status: 'current', version: e.data.version, content: contentOf(e.data), retiredAt: null, citedBy: s.status === 'none' ? {} : s.citedBy };
    case 'ArticleRetired':
      return s.status === 'none' ? s : { ...s, status: 'retired', retiredAt: e.data.at };
    case 'ArticleCited':
      return s.status === 'none' ? s : { ...s, citedBy: { ...s.citedBy, [e.data.complaintId]: true } };
    default:
      return absurd(e);
  }
};

/**
 * One article's decisions: published once; revised only from its current version (the
 * same text again adds nothing); retired for good (no revision, no citation after);
 * cited once per complaint, recording the version cited.
 */
export const articleDeciderFor = (policy: KnowledgePolicy = defaultKnowledgePolicy): Decider<Article, KnowledgeCommand, KnowledgeEvent, KnowledgeError> => ({
  initialState: () => ({ status: 'none' }),
  decide: decideWith(policy),
  evolve,
});

/** The article decider with the default policy. */
export const articleDecider = articleDeciderFor();
