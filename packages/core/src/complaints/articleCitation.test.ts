import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { make } from '../kernel/codecs.js';
import { fold } from '../kernel/decider.js';
import { ComplaintCommand } from './commands.js';
import { complaintDecider } from './decider.js';
import { ComplaintEvent, ComplaintResolved } from './events.js';

const d = complaintDecider();
const cmd = make(ComplaintCommand);
const T = (m: number) => `2026-03-02T02:0${m}:00.000Z`;
const opened = [
  cmd({ type: 'FileComplaint', data: { complaintId: 'cp-1', customerId: 'c-ann', category: 'logistics', channel: 'chat', severity: 'minor', customerTier: 'regular', at: T(0) } }),
  cmd({ type: 'AcknowledgeComplaint', data: { complaintId: 'cp-1', agentId: 'ag-1', at: T(1) } }),
  cmd({ type: 'StartComplaintWork', data: { complaintId: 'cp-1', agentId: 'ag-1', at: T(2) } }),
];
const stateAfter = () => opened.reduce((s, c) => fold(d, s, E.getOrElseW(() => [])(d.decide(c, s))), d.initialState());
const resolve = (extra: Record<string, unknown>) =>
  cmd({ type: 'ResolveComplaint', data: { complaintId: 'cp-1', agentId: 'ag-1', resolution: { kind: 'apology' }, at: T(3), ...extra } });

describe('a resolution citing a knowledge-base article', () => {
  it('carries the optional articleId onto ComplaintResolved, and leaves it out when not given', () => {
    expect(d.decide(resolve({ articleId: 'kb-7' }), stateAfter())).toEqual(
      E.right([{ type: 'ComplaintResolved', data: { complaintId: 'cp-1', agentId: 'ag-1', resolution: { kind: 'apology' }, at: T(3), articleId: 'kb-7' } }]),
    );
    const plain = d.decide(resolve({}), stateAfter());
    expect(E.isRight(plain) && 'articleId' in plain.right[0]!.data).toBe(false);
  });

  it('still decodes events recorded before the field existed, and refuses a malformed id by path', () => {
    const old = { type: 'ComplaintResolved', data: { complaintId: 'cp-1', agentId: 'ag-1', resolution: { kind: 'apology' }, at: T(3) } };
    expect(ComplaintEvent.decode(old)).toEqual(E.right(old));
    expect(E.isRight(ComplaintResolved.decode({ ...old, data: { ...old.data, articleId: 'kb-7' } }))).toBe(true);
    expect(() => resolve({ articleId: 'not an id' })).toThrow(/data\.articleId/);
  });
});
