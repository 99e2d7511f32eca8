import type { CrmModule } from '../crm/module.js';
import { KnowledgeEvent } from './events.js';
import { defaultKnowledgePolicy, type KnowledgePolicy } from './policy.js';
import { knowledgeArticle } from './projections/article.js';
import { knowledgeSearchIndex } from './projections/searchIndex.js';
import { complaintCitations } from './reactors.js';
import { articleHandlerFor } from './streams.js';

/**
 * The knowledge base (知识库) as `createCrm` assembles it, for a policy: one stream per
 * article, the `knowledge.article` and `knowledge.searchIndex` projections, and the
 * `knowledge.complaintCitations` reactor (a complaint resolved with an `articleId` cites
 * that article). Read with `knowledgeReads`. No due work.
 */
export const knowledgeModuleFor = (policy: KnowledgePolicy = defaultKnowledgePolicy): CrmModule => ({
  name: 'knowledge',
  events: [KnowledgeEvent],
  deciders: [articleHandlerFor(policy)],
  projections: [knowledgeArticle, knowledgeSearchIndex],
  reactors: [complaintCitations],
});

/** The knowledge base with the default policy. */
export const knowledgeModule: CrmModule = knowledgeModuleFor();
