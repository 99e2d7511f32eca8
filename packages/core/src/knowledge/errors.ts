import * as E from 'fp-ts/lib/Either.js';
import { domainError, type DomainError, type FieldPath } from '../kernel/errors.js';

/** Why a knowledge-base command is refused (nothing is written). */
export const KNOWLEDGE_ERROR_CODES = [
  /** An article with this id was published before (`data.articleId`). */
  'KNOWLEDGE_ARTICLE_EXISTS',
  /** No such article (`data.articleId`). */
  'KNOWLEDGE_ARTICLE_NOT_FOUND',
  /** The article was retired: it can be neither revised nor cited (`data.articleId`; `details.retiredAt`). */
  'KNOWLEDGE_ARTICLE_RETIRED',
  /** The revision starts from a version that is no longer current (`data.baseVersion`; `details.currentVersion`). */
  'KNOWLEDGE_STALE_VERSION',
  /** A tag given twice (`data.tags.<i>`, the second). */
  'KNOWLEDGE_DUPLICATE_TAG',
  /** More tags than the policy's `maxTags` (`data.tags`). */
  'KNOWLEDGE_TOO_MANY_TAGS',
] as const;
export type KnowledgeErrorCode = (typeof KNOWLEDGE_ERROR_CODES)[number];
export type KnowledgeError = DomainError<KnowledgeErrorCode>;

export const refuseKnowledge = <A = never>(
  code: KnowledgeErrorCode,
  message: string,
  path: FieldPath,
  details?: Readonly<Record<string, unknown>>,
): E.Either<KnowledgeError, A> => E.left(domainError(code, message, path, details));
