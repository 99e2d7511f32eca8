/**
 * Kernel benchmark, one scenario per process (see bench/README.md and WORKLOAD.md):
 *
 *   node --expose-gc --import tsx bench/kernel.bench.ts --scenario S2 [--out file.json]
 *        [--runs 5] [--cap 180] [--warmup-cap 180] [--only baseline,rapport,emmett]
 *
 * For each implementation: the refusal check, then 1 warm-up and `runs` timed runs, each
 * on a fresh store after `gc()`, each followed by an untimed check of every balance and
 * stream version. Writes the timings as JSON for bench/run.mjs, which prints the table.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { baseline } from './kernel/baseline.js';
import { emmett } from './kernel/emmett.js';
import type { Implementation, ImplementationName } from './kernel/implementation.js';
import type { RunTiming } from './kernel/meter.js';
import { rapport } from './kernel/rapport.js';
import { SCENARIOS, shapeOf, stepsOf, type ScenarioId, type Shape, type Step } from './kernel/workload.js';

const IMPLEMENTATIONS: readonly Implementation[] = [baseline, rapport, emmett];

export interface ImplementationResult {
  readonly name: ImplementationName;
  readonly warmup: RunTiming;
  readonly runs: readonly RunTiming[];
  /** Highest RSS sampled while this implementation ran, checks included (bytes). */
  readonly peakRss: number;
}

export interface ScenarioResult {
  readonly scenario: ScenarioId;
  readonly unit: 'commands/s' | 'events/s';
  readonly capSeconds: number;
  readonly warmupCapSeconds: number;
  readonly node: string;
  readonly implementations: readonly ImplementationResult[];
}

const collect = (): void => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  gc();
};

const rssNow = (): number => process.memoryUsage.rss();

const describe = (scenario: ScenarioId, name: string, label: string, r: RunTiming): string => {
  const rate = Math.round(r.done / r.seconds).toLocaleString('en-US');
  const finished = r.done === r.total ? '' : ` (not finished: ${r.done.toLocaleString('en-US')}/${r.total.toLocaleString('en-US')})`;
  return `${scenario} ${name.padEnd(8)} ${label.padEnd(7)} ${r.seconds.toFixed(3)} s  ${rate}/s${finished}`;
};

const runCommands = async (impl: Implementation, scenario: ScenarioId, steps: readonly Step[], shape: Shape, runs: number, capMs: number, warmupCapMs: number): Promise<ImplementationResult> => {
  let peakRss = rssNow();
  await impl.checkRefusal();
  const prepared = impl.prepare(steps, shape);
  const timings: RunTiming[] = [];
  for (let run = 0; run <= runs; run++) {
    const session = prepared.session();
    collect();
    const timing = await session.run(run === 0 ? warmupCapMs : capMs);
    await session.check(timing.done);
    peakRss = Math.max(peakRss, timing.peakRss, rssNow());
    timings.push(timing);
    console.error(describe(scenario, impl.name, run === 0 ? 'warm-up' : `run ${run}`, timing));
  }
  return { name: impl.name, warmup: timings[0]!, runs: timings.slice(1), peakRss };
};

const runRebuilds = async (impl: Implementation, steps: readonly Step[], shape: Shape, runs: number): Promise<ImplementationResult> => {
  let peakRss = rssNow();
  const timings: RunTiming[] = [];
  for (let run = 0; run <= runs; run++) {
    const session = await impl.rebuildSession(steps, shape);
    peakRss = Math.max(peakRss, rssNow());
    collect();
    const timing = await session.run();
    await session.check();
    peakRss = Math.max(peakRss, timing.peakRss, rssNow());
    timings.push(timing);
    console.error(describe('S3', impl.name, run === 0 ? 'warm-up' : `run ${run}`, timing));
  }
  return { name: impl.name, warmup: timings[0]!, runs: timings.slice(1), peakRss };
};

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string' },
      out: { type: 'string' },
      runs: { type: 'string', default: '5' },
      cap: { type: 'string', default: '180' },
      'warmup-cap': { type: 'string' },
      only: { type: 'string' },
    },
  });
  const scenario = values.scenario as ScenarioId;
  if (!SCENARIOS.includes(scenario)) throw new Error(`--scenario must be one of ${SCENARIOS.join(', ')}`);
  const runs = Number(values.runs);
  const capSeconds = Number(values.cap);
  const warmupCapSeconds = Number(values['warmup-cap'] ?? values.cap);
  const only = values.only?.split(',');
  const shape = shapeOf(scenario);
  const steps = stepsOf(shape);
  const results: ImplementationResult[] = [];
  for (const impl of IMPLEMENTATIONS) {
    if (only && !only.includes(impl.name)) continue;
    collect();
    results.push(
      scenario === 'S3'
        ? await runRebuilds(impl, steps, shape, runs)
        : await runCommands(impl, scenario, steps, shape, runs, capSeconds * 1000, warmupCapSeconds * 1000),
    );
  }
  const result: ScenarioResult = {
    scenario,
    unit: scenario === 'S3' ? 'events/s' : 'commands/s',
    capSeconds,
    warmupCapSeconds,
    node: process.version,
    implementations: results,
  };
  const json = JSON.stringify(result, null, 2);
  if (values.out) writeFileSync(values.out, `${json}\n`);
  else console.log(json);
};

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
