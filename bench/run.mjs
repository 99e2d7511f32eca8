#!/usr/bin/env node
/**
 * `npm run bench` (after `npm run build`): runs each kernel scenario of WORKLOAD.md in its
 * own fresh `node --expose-gc` process (bench/kernel.bench.ts), then prints one table and
 * writes it to bench/results/kernel-latest.md (the raw timings go to
 * bench/results/kernel-<scenario>.json, which git ignores).
 *
 *   node bench/run.mjs [--scenarios S1,S2,S2i,S3] [--runs 5] [--s1-cap 45]
 *
 * Only Emmett's S1 comes near a cap: its in-memory store re-reads the whole stream for every
 * command, so 100,000 commands would take far over the 180 s WORKLOAD.md allows. Its S1 runs
 * stop after `--s1-cap` seconds (warm-up after 10 s) and report the rate over the prefix done.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const resultsDir = join(here, 'results');

const { values } = parseArgs({
  options: {
    scenarios: { type: 'string', default: 'S1,S2,S2i,S3' },
    runs: { type: 'string', default: '5' },
    's1-cap': { type: 'string', default: '45' },
  },
});
const scenarios = values.scenarios.split(',');
const caps = { S1: ['--cap', values['s1-cap'], '--warmup-cap', '10'] };

mkdirSync(resultsDir, { recursive: true });
const started = Date.now();
const results = [];
for (const scenario of scenarios) {
  const out = join(resultsDir, `kernel-${scenario}.json`);
  const args = ['--expose-gc', '--import', 'tsx', join(here, 'kernel.bench.ts'), '--scenario', scenario, '--runs', values.runs, '--out', out, ...(caps[scenario] ?? [])];
  console.error(`\n== ${scenario}: node ${args.join(' ')}`);
  // no tsconfig `paths` here: @rapport/* resolve to the built dist/, as for an installed package
  const r = spawnSync(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, TSX_TSCONFIG_PATH: join(here, 'kernel', 'tsconfig.json') },
  });
  if (r.status !== 0) {
    console.error(`${scenario} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
  results.push(JSON.parse(readFileSync(out, 'utf8')));
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const rate = (r) => r.done / r.seconds;
const tenth = (r) => Math.floor(r.total / 10);
const fmt = (n) => (n === undefined ? '—' : Math.round(n).toLocaleString('en-US'));
const ratio = (x) => (x >= 10 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toPrecision(2));

const summaries = results.map((res) => {
  const rows = res.implementations.map((impl) => {
    const rates = impl.runs.map(rate);
    const firsts = impl.runs.filter((r) => r.firstTenthSeconds !== undefined).map((r) => tenth(r) / r.firstTenthSeconds);
    const lasts = impl.runs.filter((r) => r.lastTenthSeconds !== undefined).map((r) => tenth(r) / r.lastTenthSeconds);
    const unfinished = impl.runs.filter((r) => r.done < r.total);
    return {
      name: impl.name,
      median: median(rates),
      min: Math.min(...rates),
      max: Math.max(...rates),
      first: firsts.length ? median(firsts) : undefined,
      last: lasts.length ? median(lasts) : undefined,
      unfinished,
      total: impl.runs[0].total,
      runs: impl.runs.length,
      peakRssMb: impl.peakRss / 2 ** 20,
    };
  });
  const by = Object.fromEntries(rows.map((r) => [r.name, r]));
  return { scenario: res.scenario, unit: res.unit, capSeconds: res.capSeconds, rows, by };
});

const lines = [];
lines.push(`Kernel benchmark (WORKLOAD.md), ${new Date().toISOString()}, node ${results[0]?.node}, ${values.runs} timed runs + 1 warm-up per implementation.`);
lines.push('');
lines.push('| scenario | implementation | median | min | max | unit | ÷ baseline (medians) | Rapport ÷ Emmett | first 10 % | last 10 % | peak RSS | notes |');
lines.push('|---|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---|');
for (const s of summaries) {
  const base = s.by.baseline?.median;
  for (const r of s.rows) {
    const vsBase = base ? `${ratio(r.median / base)}` : '—';
    const vsEmmett = r.name === 'rapport' && s.by.emmett ? `**${ratio(r.median / s.by.emmett.median)}×**` : '';
    const s1 = s.scenario === 'S1';
    const notes = r.unfinished.length
      ? `not finished in ${r.unfinished.length}/${r.runs} runs: capped at ${s.capSeconds} s after a median ${fmt(median(r.unfinished.map((u) => u.done)))} of ${fmt(r.total)} commands; rate over that prefix`
      : '';
    lines.push(
      `| ${s.scenario} | ${r.name} | ${fmt(r.median)} | ${fmt(r.min)} | ${fmt(r.max)} | ${s.unit} | ${vsBase} | ${vsEmmett} | ${s1 ? fmt(r.first) : ''} | ${s1 ? fmt(r.last) : ''} | ${r.peakRssMb.toFixed(0)} MB | ${notes} |`,
    );
  }
}

const targets = [];
const check = (name, ok, detail) => targets.push(`- ${ok === undefined ? 'not measured' : ok ? 'MET' : 'MISSED'}: ${name} — ${detail}`);
const s1 = summaries.find((s) => s.scenario === 'S1')?.by.rapport;
if (s1) check('S1 linear for Rapport (last 10 % ≥ 2/3 of first 10 %)', s1.last !== undefined && s1.last >= (2 / 3) * s1.first, `first ${fmt(s1.first)}/s, last ${fmt(s1.last)}/s, ratio ${s1.last !== undefined ? (s1.last / s1.first).toFixed(2) : 'n/a'}`);
for (const [id, want] of [['S2', 5], ['S2i', 5], ['S3', 2]]) {
  const s = summaries.find((x) => x.scenario === id);
  if (!s?.by.rapport || !s.by.emmett) continue;
  const x = s.by.rapport.median / s.by.emmett.median;
  check(`${id}: Rapport ≥ ${want}× Emmett`, x >= want, `${fmt(s.by.rapport.median)} vs ${fmt(s.by.emmett.median)} ${s.unit} = ${x.toFixed(2)}×`);
}
lines.push('');
lines.push('Targets (foundation issue):');
lines.push(...targets);
lines.push('');
lines.push(`Wall time of the whole run: ${((Date.now() - started) / 1000).toFixed(0)} s.`);

const table = lines.join('\n');
console.log(`\n${table}`);
writeFileSync(join(resultsDir, 'kernel-latest.md'), `${table}\n`);
writeFileSync(join(resultsDir, 'kernel-latest.json'), `${JSON.stringify(results, null, 2)}\n`);
