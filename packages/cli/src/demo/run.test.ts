import { describe, expect, it } from 'vitest';
import { TENANT } from './catalogue.js';
import { planHistory } from './history.js';
import { runDemo, START } from './run.js';

describe('the demo history', () => {
  it('replays with no refusal, every order settled, the story told and an erasure that keeps the chain', async () => {
    const lines: string[] = [];
    const r = await runDemo({ customers: 40, seed: 7, store: 'memory', print: (l = '') => lines.push(l) });
    expect([...r.refusals.entries()]).toEqual([]);
    expect(r.dueIssued).toBeGreaterThan(0); // automatic completions and the SLA breach
    const orders = await r.crm.projections.query<{ state: string }>('orders.summary', TENANT);
    expect(orders.length).toBeGreaterThan(40);
    expect(orders.filter((o) => o.state !== 'completed' && o.state !== 'cancelled')).toEqual([]);
    const story = await r.crm.projections.complaints.get(TENANT, 'cp-story');
    expect(story?.breaches.firstResponse).not.toBeNull();
    expect(story?.level).toBe(2);
    expect(r.erasure).toMatchObject({ name: 'erased', phone: 'erased', chain: { intact: true } });
    const out = lines.join('\n');
    expect(out).toMatch(/Seller credit 信用评价 — tea-house\n  score \d+: /);
    expect(out).toMatch(/tier regular → paidMember at .*: membershipBought/);
    expect(out).toMatch(/coupon welcome-c-0001: .* redeemed on o-0001-1/);
    expect(out).toContain('  2025-09  weighted ¥7055.54  best case ¥18555.54  won ¥0.00');
    expect(out).toMatch(/refused: ACTIVITY_CONFLICT .*"conflictingActivityId":"ap-tasting"/);
    // #11: a campaign with refusals and attributed orders, a call list's stats, a knowledge search
    expect(out).toMatch(/Campaign 营销管理 — cmp-mid-autumn .*\n  sent \d+, refused \d+: .*noConsent × \d+.*capReached × 1/);
    expect(out).toContain('attributed orders o-cmp-1, o-cmp-2, o-cmp-3 (o-cmp-late paid 8 days after the send: not attributed)');
    expect(out).toMatch(/ROI \(\d+ − 30000\) ÷ 30000 = -?[\d.]+%/);
    expect(out).toMatch(/Telemarketing 电话营销 — L-win-back: .*\n  called \d+, remaining 0; outcomes .*interested \d+/);
    expect(out).toMatch(/agent-li: \d+ calls, \d+ reached, \d+ interested, [1-9]\d* converted/);
    expect(out).toContain('"退货" → kb-return-7d');
    expect(out).toMatch(/"refund" → kb-refund-time \(\d+\)\n/);
  });

  it('is deterministic for a seed', () => {
    const a = planHistory({ customers: 30, seed: 3, start: START, days: 180 }).steps.map((s) => `${s.at} ${s.what}`);
    const b = planHistory({ customers: 30, seed: 3, start: START, days: 180 }).steps.map((s) => `${s.at} ${s.what}`);
    const c = planHistory({ customers: 30, seed: 4, start: START, days: 180 }).steps.map((s) => `${s.at} ${s.what}`);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });
});
