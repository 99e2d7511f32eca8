import type { AgentKpiRow, CreditProfile, Crm, OrderSummary } from '@rapport/core';
import { SELLER, TENANT } from './catalogue.js';
import type { Cast } from './history.js';

const cny = (fen: number): string => `¥${(fen / 100).toFixed(2)}`;
const pct = (r: { percent?: number | null; percentage?: number | null } | null | undefined): string => {
  const v = r?.percent ?? r?.percentage;
  return v === null || v === undefined ? '—' : `${v}%`;
};
const LEVEL: Record<string, string> = { heart: '心 heart', diamond: '钻 diamond', crown: '冠 crown', goldenCrown: '金冠 golden crown' };
export const levelLabel = (p: CreditProfile): string => (p.level.kind === 'none' ? 'no level yet' : `${p.level.rank} × ${LEVEL[p.level.kind]}`);

/** What the projections say after the replay, as a shop owner would want to read it. */
export const report = async (crm: Crm, cast: Cast, asOf: string, print: (line?: string) => void): Promise<void> => {
  const p = crm.projections;
  const orders = await p.query<OrderSummary>('orders.summary', TENANT);
  const byState = new Map<string, number>();
  for (const o of orders) byState.set(o.state, (byState.get(o.state) ?? 0) + 1);
  print('Orders by state');
  for (const s of ['placed', 'paid', 'shipped', 'delivered', 'completed', 'cancelled']) print(`  ${s.padEnd(10)} ${byState.get(s) ?? 0}`);

  const c = await p.customer360.get(TENANT, cast.featuredCustomer);
  if (c) {
    print();
    print(`Customer 360 — ${cast.featuredCustomer}`);
    print(`  name ${c.profile.name}, phone ${c.profile.phone}, channel ${c.profile.channel}`);
    print(`  orders ${c.orders?.orderCount ?? 0} (completed ${c.orders?.completedCount ?? 0}), net spend ${cny(c.orders?.netSpend ?? 0)}, last order ${c.orders?.lastOrderId ?? '—'}`);
  }
  if (cast.returnedOrder) {
    const o = orders.find((x) => x.orderId === cast.returnedOrder);
    if (o) print(`  a return: order ${o.orderId} ${o.state}, paid ${cny(o.paid)}, refunded ${cny(o.refunded)}, net ${cny(o.netPaid)}`);
  }

  const account = await p.loyalty.account(TENANT, cast.featuredCustomer);
  const points = await p.loyalty.explainPoints(TENANT, cast.featuredCustomer);
  if (account && points) {
    print();
    print(`Loyalty 积分 — ${cast.featuredCustomer}: tier ${account.tier} (${account.valueClass}), balance ${account.balance} points`);
    print(`  earned ${points.earned}, redeemed ${points.redeemed}, expired ${points.expired}, reversed ${points.reversed} (balance adds up: ${points.adds})`);
    for (const l of points.lots.slice(0, 3)) print(`  lot ${l.orderId}: ${l.remaining}/${l.points} points (${l.tier} ×${(l.multiplier / 100).toFixed(2)}), usable until ${l.usableUntil}`);
    for (const h of account.tierHistory) print(`  tier ${h.from} → ${h.to} at ${h.at}: ${h.reason} — ${h.detail}`);
  }
  const coupon = await p.coupons.get(TENANT, cast.welcomeCoupon);
  if (coupon) print(`  coupon ${coupon.couponId}: ¥${(coupon.value / 100).toFixed(2)} off from ¥${(coupon.minSpend / 100).toFixed(2)}, ${coupon.status}${coupon.orderId ? ` on ${coupon.orderId}` : ''}`);

  const ledgers = await p.query<{ beneficiaryId: string; statements: readonly { month: string; gross: number; tax: number; fee: number; retained: number; paidOut: number; carriedOut: number }[]; totals: { commissions: number; clawbacks: number } }>('referrals.commissionLedger', TENANT);
  const top = [...ledgers].sort((a, b) => b.totals.commissions - a.totals.commissions || (a.beneficiaryId < b.beneficiaryId ? -1 : 1))[0];
  if (top) {
    print();
    print(`Referrals 三级分销 — ${ledgers.length} customers earned commissions; the top one, ${top.beneficiaryId}: ${cny(top.totals.commissions)} earned, ${cny(top.totals.clawbacks)} clawed back`);
    const st = top.statements.find((x) => x.gross > 0) ?? top.statements[0];
    if (st) print(`  statement ${st.month}: gross ${cny(st.gross)} − tax ${cny(st.tax)} − fee ${cny(st.fee)} − repeat-purchase credit ${cny(st.retained)} = paid out ${cny(st.paidOut)}${st.carriedOut ? `, carried ${cny(st.carriedOut)}` : ''}`);
  }

  const seller = await p.sellerCredit.get(TENANT, SELLER, asOf);
  if (seller) {
    print();
    print(`Seller credit 信用评价 — ${SELLER}`);
    print(`  score ${seller.score}: ${levelLabel(seller)}`);
    print(`  good rate ${seller.recentDays} days ${pct(seller.goodRateRecent)}, all time ${pct(seller.goodRateAllTime)} (${seller.good} good, ${seller.neutral} neutral, ${seller.bad} bad)`);
  }
  const buyer = await p.buyerCredit.get(TENANT, cast.featuredCustomer, asOf);
  if (buyer) print(`  buyer credit of ${cast.featuredCustomer}: score ${buyer.score}, ${levelLabel(buyer)}`);

  const complaint = await p.complaints.get(TENANT, cast.breachingComplaint);
  if (complaint) {
    print();
    print(`Complaint ${cast.breachingComplaint} (${complaint.priority})`);
    for (const h of complaint.history) print(`  ${h.at}  ${h.type.padEnd(26)} ${h.by}${h.note ? `  ${h.note}` : ''}`);
    print(`  now at escalation level ${complaint.level}, status ${complaint.status}; breaches stay on record: ${Object.entries(complaint.breaches).filter(([, b]) => b !== null).map(([k]) => k).join(', ') || 'none'}`);
  }

  const funnels = await p.query<{ agentId: string | null; captured: number; qualified: number; converted: number; lost: number }>('leads.funnel', TENANT);
  print();
  print('Lead funnel 潜在客户 by agent');
  for (const f of funnels.filter((x) => x.agentId !== null)) print(`  ${f.agentId!.padEnd(11)} captured ${f.captured}, qualified ${f.qualified}, converted ${f.converted}, lost ${f.lost}`);

  const kpis = await busiestDay(crm);
  if (kpis) {
    print();
    print(`Agent KPIs on ${kpis.date}`);
    print('  agent       shift      served  first reply (median)  converted  CSAT');
    for (const r of kpis.rows)
      print(`  ${r.agentId.padEnd(11)} ${r.shift.padEnd(10)} ${String(r.kpi.inquiriesServed).padStart(6)}  ${(r.kpi.firstResponseMedianMs === null ? '—' : `${Math.round(r.kpi.firstResponseMedianMs / 60_000)} min`).padStart(20)}  ${pct(r.kpi.conversion).padStart(9)}  ${pct(r.kpi.csat)}`);
  }
};

/** The day with the most inquiries, for the KPI table. */
const busiestDay = async (crm: Crm): Promise<{ date: string; rows: AgentKpiRow[] } | undefined> => {
  const docs = await crm.projections.query<{ date: string; facts?: { served?: number } }>('service.agentKpi', TENANT);
  const count = new Map<string, number>();
  for (const d of docs) count.set(d.date, (count.get(d.date) ?? 0) + 1);
  const date = [...count.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  return date ? { date, rows: await crm.projections.agentKpi.table(TENANT, date) } : undefined;
};
