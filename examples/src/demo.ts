/**
 * `npm run demo`: replay a realistic shop history into the CRM and show what the
 * projections say. Deterministic for a seed: `--customers N --seed S`; `--memory` keeps
 * everything in memory instead of the embedded PostgreSQL (PGlite) under ./.rapport/demo.
 */
import { runDemo } from './demo/run.js';

const argument = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isSafeInteger(v) || v < 1) {
    console.error(`--${name} needs a whole number ≥ 1, got ${process.argv[i + 1] ?? 'nothing'}`);
    process.exit(2);
  }
  return v;
};

const storeArg = process.argv.includes('--memory') ? 'memory' : 'embedded';

runDemo({ customers: argument('customers', 200), seed: argument('seed', 20260501), store: storeArg, print: (line = '') => console.log(line) }).catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
