import * as t from 'io-ts';
import { isRight } from 'fp-ts/lib/Either.js';
import { IsoInstant } from '../kernel/codecs.js';
import type { DomainEvent } from '../kernel/envelope.js';
import type { Reactor } from '../kernel/reactor.js';
import { ComplaintId } from '../shared/ids.js';
import { ArticleId } from './ids.js';

/** What this context reads of the complaints' `ComplaintResolved` (by type name; the contexts share no code). */
const CitingResolution = t.intersection([t.type({ complaintId: ComplaintId, at: IsoInstant }), t.partial({ articleId: ArticleId })]);

/**
 * A complaint resolved citing an article → `CiteArticle`. The article's decider refuses an
 * unknown or retired article (the reactor moves on: the citation is not counted) and
 * counts a complaint once however often it is resolved.
 */
export const complaintCitations: Reactor<DomainEvent> = {
  name: 'knowledge.complaintCitations',
  events: ['ComplaintResolved'],
  react: (e) => {
    const d = CitingResolution.decode(e.data);
    return isRight(d) && d.right.articleId !== undefined
      ? [{ type: 'CiteArticle', data: { articleId: d.right.articleId, complaintId: d.right.complaintId, at: d.right.at } }]
      : [];
  },
};
