import type * as t from 'io-ts';
import type { CommandHandlerDefinition } from '../kernel/commandHandler.js';
import { streamName } from '../kernel/streams.js';
import { KnowledgeCommand } from './commands.js';
import { articleDeciderFor, type Article } from './decider.js';
import type { KnowledgeEvent } from './events.js';
import { defaultKnowledgePolicy, type KnowledgePolicy } from './policy.js';

/** `kb_article-<tenant>.<articleId>`: one article, every version and citation. */
export const ARTICLE_CATEGORY = 'kb_article';
export const articleStream = (tenantId: string, articleId: string): string => streamName(ARTICLE_CATEGORY, tenantId, articleId);

/** Where knowledge-base commands go: one stream per article. */
export const articleHandlerFor = (
  policy: KnowledgePolicy = defaultKnowledgePolicy,
): CommandHandlerDefinition<Article, KnowledgeCommand, KnowledgeEvent, t.OutputOf<typeof KnowledgeCommand>> => ({
  name: 'knowledge.article',
  commands: KnowledgeCommand,
  decider: articleDeciderFor(policy),
  streamOf: (c, tenantId) => articleStream(tenantId, c.data.articleId),
});
