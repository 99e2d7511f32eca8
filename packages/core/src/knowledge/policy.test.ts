import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import type { StoredEvent } from '../kernel/envelope.js';
import { reactionsTo } from '../kernel/reactor.js';
import { defaultKnowledgePolicy, knowledgePolicy } from './policy.js';
import { complaintCitations } from './reactors.js';

describe('knowledgePolicy', () => {
  it('keeps the defaults and takes a shop’s overrides', () => {
    expect(knowledgePolicy()).toEqual(E.right(defaultKnowledgePolicy));
    expect(knowledgePolicy({ solutionWeight: 0, searchLimit: 25 })).toEqual(E.right({ ...defaultKnowledgePolicy, solutionWeight: 0, searchLimit: 25 }));
  });
  it('refuses a bad value by its field', () => {
    for (const [k, v] of [['titleWeight', -1], ['searchLimit', 0], ['searchLimit', 101], ['maxTags', 1.5], ['problemWeight', '2']] as const) {
      const r = knowledgePolicy({ [k]: v });
      expect(E.isLeft(r) && r.left.issues.map((i) => i.path)).toEqual([[k]]);
    }
  });
});

describe('knowledge.complaintCitations', () => {
  const resolved = (data: Record<string, unknown>) =>
    ({
      type: 'ComplaintResolved',
      data,
      metadata: { eventId: 'e-1', tenantId: 'shop1', occurredAt: '2026-03-01T00:00:00.000Z', commandId: 'c', correlationId: 'c', causationId: 'c', actor: { kind: 'user', id: 'u' }, schemaVersion: 1 },
      streamName: 'complaint-shop1.cp-1',
      position: 1n,
      globalPosition: 1n,
    }) as unknown as StoredEvent;
  const base = { complaintId: 'cp-1', agentId: 'ag-1', resolution: { kind: 'apology' }, at: '2026-03-01T00:00:00.000Z' };
  it('cites the article a resolution names, with the resolution’s time', () => {
    expect(reactionsTo(complaintCitations, resolved({ ...base, articleId: 'kb-1' }))).toMatchObject([
      { type: 'CiteArticle', data: { articleId: 'kb-1', complaintId: 'cp-1', at: base.at }, metadata: { tenantId: 'shop1', causationId: 'e-1' } },
    ]);
  });
  it('does nothing for a resolution without an article, or one it cannot read', () => {
    expect(reactionsTo(complaintCitations, resolved(base))).toEqual([]);
    expect(reactionsTo(complaintCitations, resolved({ ...base, articleId: 'not an id' }))).toEqual([]);
    expect(reactionsTo(complaintCitations, { ...resolved({ ...base, articleId: 'kb-1' }), type: 'ComplaintClosed' } as StoredEvent)).toEqual([]);
  });
});
