import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { OpenedStore } from '../store.js';
import type { Output } from '../output.js';

/** The chart library, inlined: the page needs no network. */
const chartJsSource = (): string => {
  const require = createRequire(import.meta.url);
  return readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8');
};

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Chart.js configurations, one per chart, embedded as JSON (no code from data). */
interface ChartSpec {
  readonly id: string;
  readonly title: string;
  readonly config: unknown;
}

const bar = (labels: string[], datasets: { label: string; data: (number | null)[] }[], extra: Record<string, unknown> = {}) => ({
  type: 'bar',
  data: { labels, datasets },
  options: { animation: false, responsive: true, plugins: { legend: { display: datasets.length > 1 } }, ...extra },
});

/** The figures a report shows, read from the CRM as of `asOf`. */
export const reportFigures = async (store: OpenedStore, tenantId: string, asOf: string) => {
  const { crm } = store;
  const rfm = await crm.analytics.rfm(tenantId, { asOf });
  const churn = await crm.analytics.churn(tenantId, { asOf });
  const accounts = await crm.projections.query<{ tier: string }>('loyalty.account', tenantId);
  const tiers: Record<string, number> = {};
  for (const a of accounts) tiers[a.tier] = (tiers[a.tier] ?? 0) + 1;
  const orders = await crm.projections.query<{ placedAt: string | null }>('orders.summary', tenantId);
  const firstDay = orders.map((o) => (o.placedAt ?? asOf).slice(0, 10)).sort()[0] ?? asOf.slice(0, 10);
  const kpis = await crm.analytics.kpis(tenantId, { from: firstDay, to: asOf.slice(0, 10), by: 'month' });
  const service = await Promise.all(kpis.map(async (k) => ({ month: k.period, summary: await crm.projections.shopService.get(tenantId, k.period) })));
  return { tenantId, asOf, rfm, churn, tiers, kpis, service };
};

export type ReportFigures = Awaited<ReturnType<typeof reportFigures>>;

/** One self-contained HTML page: the figures as charts (Chart.js inlined), no network. */
export const reportHtml = (f: ReportFigures): string => {
  const months = f.kpis.map((k) => k.period);
  const charts: ChartSpec[] = [
    { id: 'rfm', title: 'RFM segments 客户价值分层', config: bar(f.rfm.segments.map((s) => `${s.zh} ${s.en}`), [{ label: 'customers', data: f.rfm.segments.map((s) => s.count) }]) },
    {
      id: 'churn',
      title: 'Churn 流失预警',
      config: { type: 'doughnut', data: { labels: ['active', 'at risk', 'churned'], datasets: [{ label: 'customers', data: [f.churn.counts.active, f.churn.counts.atRisk, f.churn.counts.churned] }] }, options: { animation: false, aspectRatio: 2 } },
    },
    { id: 'tiers', title: 'Loyalty tiers 会员等级', config: bar(Object.keys(f.tiers), [{ label: 'accounts', data: Object.values(f.tiers) }]) },
    {
      id: 'kpis',
      title: 'Monthly KPIs 月度经营指标',
      config: {
        type: 'line',
        data: {
          labels: months,
          datasets: [
            { label: 'paid orders', data: f.kpis.map((k) => k.paidOrders), yAxisID: 'y' },
            { label: 'repurchase rate %', data: f.kpis.map((k) => k.repurchaseRate?.percent ?? null), yAxisID: 'pct' },
            { label: 'refund rate %', data: f.kpis.map((k) => k.refundRate?.percent ?? null), yAxisID: 'pct' },
          ],
        },
        options: { animation: false, scales: { y: { position: 'left' }, pct: { position: 'right', min: 0 } } },
      },
    },
    {
      id: 'sla',
      title: 'SLA breaches by month 超时投诉',
      config: bar(months, [
        { label: 'complaints', data: f.service.map((s) => (s.summary ? Object.values(s.summary.complaintsByPriority).reduce((a, b) => a + b, 0) : 0)) },
        { label: 'breached', data: f.service.map((s) => (s.summary ? Object.values(s.summary.breachedByPriority).reduce((a, b) => a + b, 0) : 0)) },
      ]),
    },
    {
      id: 'csat',
      title: 'CSAT vs target 98% 满意度',
      config: {
        type: 'line',
        data: {
          labels: months,
          datasets: [
            { label: 'CSAT %', data: f.service.map((s) => s.summary?.figures.csat.percent ?? null) },
            { label: 'target', data: months.map(() => 98), borderDash: [6, 4] },
          ],
        },
        options: { animation: false, scales: { y: { min: 0, max: 100 } } },
      },
    },
  ];
  const sections = charts.map((c) => `<section><h2>${escapeHtml(c.title)}</h2><canvas id="${c.id}" width="640" height="320"></canvas></section>`).join('\n');
  // JSON inside <script>: "<" escaped so data can never close the tag
  const data = JSON.stringify(Object.fromEntries(charts.map((c) => [c.id, c.config]))).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>Rapport report — ${escapeHtml(f.tenantId)} as of ${escapeHtml(f.asOf)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:1400px}main{display:grid;grid-template-columns:repeat(auto-fill,minmax(600px,1fr));gap:1.5rem}section{border:1px solid #ddd;border-radius:8px;padding:1rem}h2{font-size:1.1rem;margin:0 0 .5rem}</style>
</head><body>
<h1>Rapport — ${escapeHtml(f.tenantId)}</h1>
<p>As of ${escapeHtml(f.asOf)}: ${f.rfm.population} customers with a completed order in the last 365 days; ${f.churn.customers.length} customers with history.</p>
<main>
${sections}
</main>
<script>${chartJsSource()}</script>
<script>
const charts = ${data};
for (const [id, config] of Object.entries(charts)) new Chart(document.getElementById(id), config);
document.body.dataset.rendered = String(Object.keys(charts).length);
</script>
</body></html>
`;
};

/** `rapport report --out report.html [--as-of T]`. */
export const report = async (store: OpenedStore, out: Output, tenantId: string, file: string, asOf: string) => {
  const figures = await reportFigures(store, tenantId, asOf);
  writeFileSync(file, reportHtml(figures));
  out.result({ file, tenantId, asOf, charts: 6, customers: figures.rfm.population, months: figures.kpis.length }, () =>
    out.line(`wrote ${file}: 6 charts (RFM, churn, tiers, monthly KPIs, SLA breaches, CSAT vs target) for ${tenantId} as of ${asOf}`),
  );
};
