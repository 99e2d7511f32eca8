#!/usr/bin/env node
/**
 * `node bench/postgres.mjs` (after `npm run build`): the PostgreSQL store benchmark
 * (bench/postgres.bench.ts) in a fresh process against RAPPORT_PG_URL (default
 * postgres://postgres@127.0.0.1:5432/test). Prints the table and writes it to
 * bench/results/postgres-latest.md (raw samples: postgres-latest.json, ignored by git).
 *
 *   node bench/postgres.mjs [--events 20000] [--batches 1,10,100] [--streams 200] [--runs 5] [--url postgres://...]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const resultsDir = join(here, 'results');
mkdirSync(resultsDir, { recursive: true });
const out = join(resultsDir, 'postgres-latest.md');
// no tsconfig `paths` here (as in bench/run.mjs): @rapport/* resolve to the built dist/, as
// for an installed package, not to the sources tsx would transpile on the fly
const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'postgres.bench.ts'), '--out', out, ...process.argv.slice(2)], {
  stdio: 'inherit',
  cwd: join(here, '..'),
  env: { ...process.env, TSX_TSCONFIG_PATH: join(here, 'kernel', 'tsconfig.json') },
});
process.exit(r.status ?? 1);
