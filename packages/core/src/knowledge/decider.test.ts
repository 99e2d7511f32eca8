import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { make } from '../kernel/codecs.js';
import { fold } from '../kernel/decider.js';
import { specFor } from '../testing/deciderSpecification.js';
import { KnowledgeCommand } from './commands.js';
import { articleDeciderFor, articleDecider } from './decider.js';
import { KnowledgeEvent } from './events.js';
import { defaultKnowledgePolicy } from './policy.js';

const cmd = make(KnowledgeCommand);
const ev = make(KnowledgeEvent);
const at = '2026-03-01T00:00:00.000Z';
const content = { title: '退货运费谁承担', problem: '顾客问运费。', solution: '质量问题店铺承担。', category: '退换货', tags: ['运费险'] };
const publish = cmd({ type: 'PublishArticle', data: { articleId: 'a-1', ...content, by: 'ed-1', at } });
const published = ev({ type: 'ArticlePublished', data: { articleId: 'a-1', version: 1, ...content, by: 'ed-1', at } });
const revise = (baseVersion: number, patch: Partial<typeof content> = {}) =>
  cmd({ type: 'ReviseArticle', data: { articleId: 'a-1', baseVersion, ...content, ...patch, by: 'ed-2', at: '2026-03-02T00:00:00.000Z' } });
const revised = (version: number, patch: Partial<typeof content> = {}) =>
  ev({ type: 'ArticleRevised', data: { articleId: 'a-1', version, ...content, ...patch, by: 'ed-2', at: '2026-03-02T00:00:00.000Z' } });
const retire = cmd({ type: 'RetireArticle', data: { articleId: 'a-1', reason: 'outdated', by: 'ed-1', at: '2026-03-03T00:00:00.000Z' } });
const retired = ev({ type: 'ArticleRetired', data: { articleId: 'a-1', version: 1, reason: 'outdated', by: 'ed-1', at: '2026-03-03T00:00:00.000Z' } });
const cite = (complaintId: string) => cmd({ type: 'CiteArticle', data: { articleId: 'a-1', complaintId, at: '2026-03-04T00:00:00.000Z' } });
const cited = (complaintId: string, version = 1) => ev({ type: 'ArticleCited', data: { articleId: 'a-1', version, complaintId, at: '2026-03-04T00:00:00.000Z' } });
const given = specFor(articleDecider);

describe('article decider', () => {
  it('publishes version 1 once', () => {
    given([]).when(publish).then([published]);
    given([published]).when(publish).thenRejects('KNOWLEDGE_ARTICLE_EXISTS', ['data', 'articleId']);
  });
  it('revises from the current version only; the same text adds nothing', () => {
    given([published]).when(revise(1, { title: '运费' })).then([revised(2, { title: '运费' })]);
    given([published, revised(2, { title: '运费' })]).when(revise(1, { title: '别的' })).thenRejects('KNOWLEDGE_STALE_VERSION', ['data', 'baseVersion']);
    given([published]).when(revise(1)).thenNothing();
    given([]).when(revise(1)).thenRejects('KNOWLEDGE_ARTICLE_NOT_FOUND', ['data', 'articleId']);
  });
  it('checks tags on publish and revision', () => {
    given([]).when(cmd({ ...publish, data: { ...publish.data, tags: ['a', 'b', 'a'] } })).thenRejects('KNOWLEDGE_DUPLICATE_TAG', ['data', 'tags', 2]);
    given([published]).when(revise(1, { tags: Array.from({ length: 11 }, (_, i) => `t${i}`) })).thenRejects('KNOWLEDGE_TOO_MANY_TAGS', ['data', 'tags']);
    specFor(articleDeciderFor({ ...defaultKnowledgePolicy, maxTags: 0 }))([]).when(publish).thenRejects('KNOWLEDGE_TOO_MANY_TAGS', ['data', 'tags']);
  });
  it('retires for good: no revision, no citation, no second retirement', () => {
    given([published]).when(retire).then([retired]);
    given([published, retired]).when(revise(1, { title: 'x' })).thenRejects('KNOWLEDGE_ARTICLE_RETIRED', ['data', 'articleId']);
    given([published, retired]).when(cite('cp-1')).thenRejects('KNOWLEDGE_ARTICLE_RETIRED', ['data', 'articleId']);
    given([published, retired]).when(retire).thenRejects('KNOWLEDGE_ARTICLE_RETIRED', ['data', 'articleId']);
  });
  it('records a citation with the current version, once per complaint', () => {
    given([published, revised(2, { title: '运费' })]).when(cite('cp-1')).then([cited('cp-1', 2)]);
    given([published, cited('cp-1')]).when(cite('cp-1')).thenNothing();
    given([published, cited('cp-1')]).when(cite('cp-2')).then([cited('cp-2')]);
    given([]).when(cite('cp-1')).thenRejects('KNOWLEDGE_ARTICLE_NOT_FOUND', ['data', 'articleId']);
  });

  it('property: versions count up by one per accepted revision, and nothing is accepted after retirement', () =>
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant('publish'), fc.constant('retire'), fc.constantFrom('cite-1', 'cite-2'), fc.tuple(fc.nat({ max: 4 }), fc.constantFrom('A', 'B', 'C'))), { maxLength: 25 }),
        (steps) => {
          const d = articleDecider;
          let s = d.initialState();
          let version = 0;
          let gone = false;
          for (const step of steps) {
            const c =
              step === 'publish' ? publish : step === 'retire' ? retire : typeof step === 'string' ? cite(step) : revise(step[0] === 0 ? Math.max(1, version) : step[0], { title: step[1] });
            const r = d.decide(c, s);
            if (gone) expect(E.isLeft(r)).toBe(true);
            if (E.isRight(r)) {
              for (const e of r.right) {
                if (e.type === 'ArticlePublished' || e.type === 'ArticleRevised') expect(e.data.version).toBe(version + 1);
                if (e.type === 'ArticleCited' || e.type === 'ArticleRetired') expect(e.data.version).toBe(version);
              }
              s = fold(d, s, r.right);
              if (r.right.some((e) => e.type === 'ArticlePublished' || e.type === 'ArticleRevised')) version++;
              if (r.right.some((e) => e.type === 'ArticleRetired')) gone = true;
            }
          }
          expect(s.status === 'none' ? 0 : s.version).toBe(version);
        },
      ),
    ));
});
