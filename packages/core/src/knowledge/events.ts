import * as t from 'io-ts';
import { IsoInstant, ShortText, tagged } from '../kernel/codecs.js';
import { AgentId, ComplaintId } from '../shared/ids.js';
import { ArticleId } from './ids.js';
import { ArticleContent, ArticleVersion } from './values.js';

/** Version 1 of an article, by an editor. */
export const ArticlePublished = tagged('ArticlePublished', { articleId: ArticleId, version: ArticleVersion, ...ArticleContent.props, by: AgentId, at: IsoInstant });

/** A new version replaces the current one whole (search then finds only the new text). */
export const ArticleRevised = tagged('ArticleRevised', { articleId: ArticleId, version: ArticleVersion, ...ArticleContent.props, by: AgentId, at: IsoInstant });

/** Withdrawn: no longer found by search, no longer citable. `version` is its last. */
export const ArticleRetired = tagged('ArticleRetired', { articleId: ArticleId, version: ArticleVersion, reason: ShortText, by: AgentId, at: IsoInstant });

/** A complaint's resolution followed this article (its version then); once per complaint. */
export const ArticleCited = tagged('ArticleCited', { articleId: ArticleId, version: ArticleVersion, complaintId: ComplaintId, at: IsoInstant });

export const KnowledgeEvent = t.union([ArticlePublished, ArticleRevised, ArticleRetired, ArticleCited]);
export type KnowledgeEvent = t.TypeOf<typeof KnowledgeEvent>;
