import type * as t from 'io-ts';
import { idCodec } from '../kernel/codecs.js';

/** A knowledge-base article (知识库条目): one problem and its solution, in versions. */
export const ArticleId = idCodec('ArticleId');
export type ArticleId = t.TypeOf<typeof ArticleId>;
