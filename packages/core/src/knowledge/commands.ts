import * as t from 'io-ts';
import { IsoInstant, ShortText, tagged } from '../kernel/codecs.js';
import { AgentId, ComplaintId } from '../shared/ids.js';
import { ArticleId } from './ids.js';
import { ArticleContent, ArticleVersion } from './values.js';

/** Publish a new article (version 1). */
export const PublishArticle = tagged('PublishArticle', { articleId: ArticleId, ...ArticleContent.props, by: AgentId, at: IsoInstant });

/**
 * Publish a new version. `baseVersion` is the version the editor started from: a revision
 * based on an older one is refused, so two editors never silently overwrite each other.
 */
export const ReviseArticle = tagged('ReviseArticle', { articleId: ArticleId, baseVersion: ArticleVersion, ...ArticleContent.props, by: AgentId, at: IsoInstant });

export const RetireArticle = tagged('RetireArticle', { articleId: ArticleId, reason: ShortText, by: AgentId, at: IsoInstant });

/** Sent by the `knowledge.complaintCitations` reactor when a complaint is resolved citing the article. */
export const CiteArticle = tagged('CiteArticle', { articleId: ArticleId, complaintId: ComplaintId, at: IsoInstant });

export const KnowledgeCommand = t.union([PublishArticle, ReviseArticle, RetireArticle, CiteArticle]);
export type KnowledgeCommand = t.TypeOf<typeof KnowledgeCommand>;
