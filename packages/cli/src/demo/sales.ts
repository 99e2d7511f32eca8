import * as E from 'fp-ts/lib/Either.js';
import type { Crm } from '@rapport/core';
import { AGENTS, TENANT } from './catalogue.js';

const cny = (fen: number): string => `¥${(fen / 100).toFixed(2)}`;

/**
 * The shop's B2B side (销售管理, 时间管理): a corporate lead qualified and won as an
 * opportunity, two more in the pipeline, the forecast by month of expected close, and an
 * appointment that clashes with one already booked.
 */
export const salesStory = async (crm: Crm, at: string, print: (line?: string) => void): Promise<void> => {
  const rep = AGENTS[1];
  const ctx = (occurredAt: string) => ({ tenantId: TENANT, actor: { kind: 'agent' as const, id: rep }, occurredAt });
  const must = async (r: Promise<E.Either<{ message: string }, unknown>>): Promise<void> => {
    const x = await r;
    if (E.isLeft(x)) throw new Error(`sales story refused: ${x.left.message}`);
  };
  const day = (d: number): string => new Date(Date.parse(at) + d * 86_400_000).toISOString();
  await must(crm.leads.capture(ctx(day(0)), { leadId: 'lead-corp', source: 'tea fair', interest: 'Mid-Autumn gift boxes for 300 staff' }));
  await must(crm.leads.qualify(ctx(day(1)), { leadId: 'lead-corp' }));
  await must(crm.sales.openFromLead(ctx(day(1)), { opportunityId: 'opp-gifts', title: 'Mid-Autumn gift boxes ×300', amount: 8_940_000, expectedCloseDate: day(20).slice(0, 10), ownerId: rep, territoryId: null, leadId: 'lead-corp', customerId: null, at: day(1) }));
  await must(crm.sales.moveStage(ctx(day(3)), { opportunityId: 'opp-gifts', stage: 'proposal', at: day(3) }));
  await must(crm.sales.moveStage(ctx(day(6)), { opportunityId: 'opp-gifts', stage: 'negotiation', at: day(6) }));
  await must(crm.sales.win(ctx(day(9)), { opportunityId: 'opp-gifts', at: day(9) }));
  await must(crm.sales.open(ctx(day(2)), { opportunityId: 'opp-office', title: 'Office tea subscription', amount: 1_299_999, expectedCloseDate: day(40).slice(0, 10), ownerId: rep, territoryId: null, leadId: null, customerId: 'c-0001', at: day(2) }));
  await must(crm.sales.moveStage(ctx(day(5)), { opportunityId: 'opp-office', stage: 'proposal', at: day(5) }));
  await must(crm.sales.open(ctx(day(4)), { opportunityId: 'opp-hotel', title: 'Hotel lobby teaware', amount: 555_555, expectedCloseDate: day(45).slice(0, 10), ownerId: rep, territoryId: null, leadId: null, customerId: 'c-0003', at: day(4) }));

  print();
  print('Sales 销售管理 — forecast by month of expected close (weighted = Σ ⌊amount × probability⌋)');
  for (const f of await crm.projections.sales.forecast(TENANT)) print(`  ${f.month}  weighted ${cny(f.weighted)}  best case ${cny(f.bestCase)}  won ${cny(f.won)}`);
  const win = await crm.projections.sales.winRate(TENANT);
  print(`  win rate ${win ? `${win.numerator}/${win.denominator}` : '—'}; lead-corp qualified → opp-gifts won`);

  await must(crm.activities.book(ctx(day(10)), { activityId: 'ap-tasting', kind: 'appointment', title: 'tasting at the hotel', start: day(12), end: new Date(Date.parse(day(12)) + 3_600_000).toISOString(), tentative: false, participants: [rep], links: { opportunityId: 'opp-hotel' }, at: day(10) }));
  const clash = await crm.activities.book(ctx(day(10)), { activityId: 'm-kickoff', kind: 'meeting', title: 'gift box kick-off', start: new Date(Date.parse(day(12)) + 1_800_000).toISOString(), end: new Date(Date.parse(day(12)) + 5_400_000).toISOString(), tentative: false, participants: [rep, AGENTS[0]], links: { opportunityId: 'opp-gifts' }, at: day(10) });
  if (E.isLeft(clash)) print(`  a meeting for ${rep} 30 min into the tasting is refused: ${clash.left.code} (${JSON.stringify(clash.left.kind === 'DomainError' ? clash.left.details : {})})`);
};
