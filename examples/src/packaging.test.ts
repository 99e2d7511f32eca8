import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The built packages, as a shop backend gets them from npm: each loaded from `dist/` by a
 * plain Node process, once through `import` and once through `require`, and used. Mixed
 * ESM/CJS breakage is the most reported problem with comparable libraries; these tests
 * keep ours from having it. They need `npm run build` first and fail (never skip) without it.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = join(root, 'examples', 'packaging');
/** Every published package; the scenario runs on those the fixtures load (`used`). */
const packages = ['core', 'memory', 'postgres', 'eventstoredb', 'cli'] as const;
const used = ['core', 'memory', 'postgres'] as const;

interface PackageJson {
  readonly type?: string;
  readonly sideEffects?: unknown;
  readonly main?: string;
  readonly module?: string;
  readonly types?: string;
  readonly exports?: Record<string, unknown>;
}

const manifest = (pkg: string): PackageJson =>
  JSON.parse(readFileSync(join(root, 'packages', pkg, 'package.json'), 'utf8')) as PackageJson;

/** Every file path named in an exports map (the leaves of its condition objects). */
const targets = (exports: unknown): string[] =>
  typeof exports === 'string' ? [exports] : typeof exports === 'object' && exports !== null ? Object.values(exports).flatMap(targets) : [];

/** Built files each package's package.json promises, relative to the repository root. */
const promised = (pkg: string): string[] => {
  const m = manifest(pkg);
  const files = [m.main, m.module, m.types, ...targets(m.exports)].filter((f): f is string => f !== undefined && f !== './package.json');
  return [...new Set(files)].map((f) => join('packages', pkg, f));
};

/** Fail with the fix in the message when the build has not run (a skip would hide it in CI). */
const requireBuild = (): void => {
  const missing = packages.flatMap(promised).filter((f) => !existsSync(join(root, f)));
  if (missing.length > 0) throw new Error(`built output missing (${missing.join(', ')}): run npm run build first`);
};

/** Run a fixture script with plain Node from inside the repo, so the workspace symlinks resolve. */
const node = (...args: string[]): string => {
  requireBuild();
  const r = spawnSync(process.execPath, args, { cwd: fixtures, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${r.status}:\n${r.stderr}${r.stdout}`);
  return r.stdout;
};
const json = <T>(...args: string[]): T => JSON.parse(node(...args)) as T;

/** What `scenario.cjs` reports; both module systems and both adapters must report exactly this. */
const expectedScenario = {
  positions: ['1', '2', '3'],
  repeated: { alreadyAppended: true, lastGlobalPosition: '3' },
  conflict: { code: 'RAPPORT_WRONG_EXPECTED_VERSION', isRapportError: true, actual: '2' },
  invalid: { code: 'RAPPORT_INVALID_EVENT', isRapportError: true, paths: [['events', 0, 'data', 'points']] },
  events: [
    { type: 'PointsEarned', points: 100, streamPosition: '0', recordedAt: '2026-05-01T08:00:00.000Z' },
    { type: 'PointsEarned', points: 20, streamPosition: '1', recordedAt: '2026-05-01T08:00:00.000Z' },
    { type: 'PointsEarned', points: 30, streamPosition: '2', recordedAt: '2026-05-01T08:00:00.000Z' },
  ],
  chain: { intact: true, events: 3 },
  projection: { reached: '3', balance: 150 },
};

const dist = (pkg: string, file: string): string => join(root, 'packages', pkg, 'dist', file);

describe('packaging: the built packages', () => {
  it('exist: every file a package.json promises was built', () => {
    requireBuild();
  });

  it.each(packages)('%s: ESM-first manifest, sideEffects false, types for both module kinds', (pkg) => {
    const m = manifest(pkg);
    expect(m.type).toBe('module');
    expect(m.sideEffects).toBe(false);
    const files = promised(pkg);
    for (const f of ['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts'])
      expect(files).toContain(join('packages', pkg, f));
  });

  it.each(packages)('%s: the published tarball holds the build, the README and nothing from src', (pkg) => {
    requireBuild();
    const r = spawnSync('npm', ['pack', '--dry-run', '--json'], { cwd: join(root, 'packages', pkg), encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const files = (JSON.parse(r.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    const readme = existsSync(join(root, 'packages', pkg, 'README.md')) ? ['README.md'] : [];
    expect(files).toEqual(expect.arrayContaining(['package.json', ...readme, ...promised(pkg).map((f) => f.slice(`packages/${pkg}/`.length))]));
    // besides the build: the manifest, the README, and a command's launcher (a file that exists before the build)
    const launchers = Object.values((manifest(pkg) as { bin?: Record<string, string> }).bin ?? {}).map((f) => f.replace(/^\.\//, ''));
    expect(files.filter((f) => !f.startsWith('dist/') && f !== 'package.json' && f !== 'README.md' && !launchers.includes(f))).toEqual([]);
  });

  it('import: an ESM backend appends, reads back, verifies the chain and projects, on memory and on postgres', () => {
    const r = json<{ adapters: unknown; testing: { exports: string[]; sharesKernel: boolean }; resolved: Record<string, string> }>('use.mjs');
    expect(r.adapters).toEqual({ memory: expectedScenario, postgres: expectedScenario });
    expect(r.resolved).toEqual(Object.fromEntries(used.map((p) => [p, `file://${dist(p, 'index.js')}`])));
    const { testing } = r;
    expect(testing.exports).toEqual(expect.arrayContaining(['eventStoreConformance', 'readModelStoreConformance']));
    // @rapport/core/testing builds its registries with the very EventRegistry @rapport/core exports
    expect(testing.sharesKernel).toBe(true);
  });

  it('require: a CommonJS backend gets the same results from the CJS builds', () => {
    const r = json<{ adapters: unknown; testing: { resolved: string; require: string }; resolved: Record<string, string> }>('use.cjs');
    expect(r.adapters).toEqual({ memory: expectedScenario, postgres: expectedScenario });
    expect(r.resolved).toEqual(Object.fromEntries(used.map((p) => [p, dist(p, 'index.cjs')])));
    const { testing } = r;
    expect(testing.resolved).toBe(dist('core', 'testing/index.cjs'));
    // vitest is ESM-only: a testing entry that imports it must fail with vitest's own explanation,
    // never with a resolution error
    const importsVitest = /require\(["']vitest["']\)/.test(readFileSync(dist('core', 'testing/index.cjs'), 'utf8'));
    if (importsVitest) expect(testing.require).toMatch(/^Vitest cannot be imported in a CommonJS module/);
    else expect(testing.require).toBe('loaded');
  });

  it.each(packages.map((p) => `@rapport/${p}`))('%s: the ESM and CJS builds export the same names', (name) => {
    const pkg = name.slice('@rapport/'.length);
    const r = json<{ esm: string[]; cjs: string[]; esmFile: string; cjsFile: string }>('exports.mjs', name);
    expect(r.esm).toEqual(r.cjs);
    expect(r.esmFile).toBe(`file://${dist(pkg, 'index.js')}`);
    expect(r.cjsFile).toBe(dist(pkg, 'index.cjs'));
    const source = readFileSync(join(root, 'packages', pkg, 'src', 'index.ts'), 'utf8');
    if (/^export (\*|\{ *[A-Za-z])/m.test(source)) expect(r.esm.length).toBeGreaterThan(0);
  });

  it('one process holding both copies: isRapportError recognises an error thrown by the other copy', () => {
    type Verdict = { isRapportError: boolean; isWrongExpectedVersion: boolean; instanceOfThisCopy: boolean };
    const r = json<{ distinctCopies: boolean; chains: unknown[] } & Record<string, Verdict>>('mixed.mjs');
    // the copies really are two (else this test would prove nothing)...
    expect(r.distinctCopies).toBe(true);
    expect(r['esmErrorSeenByCjs']!.instanceOfThisCopy).toBe(false);
    expect(r['cjsErrorSeenByEsm']!.instanceOfThisCopy).toBe(false);
    // ...and isRapportError sees through them, as the docs promise
    for (const seen of ['esmErrorSeenByCjs', 'esmErrorSeenByEsm', 'cjsErrorSeenByEsm', 'cjsErrorSeenByCjs'])
      expect(r[seen], seen).toMatchObject({ isRapportError: true, isWrongExpectedVersion: true });
    // a store from one copy works with a registry built by the other
    expect(r.chains).toEqual([
      { intact: true, events: 1 },
      { intact: true, events: 1 },
    ]);
  });

  it('each format holds one copy of the kernel: @rapport/core and @rapport/core/testing share a chunk', () => {
    requireBuild();
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : [join(dir, d.name)]));
    const defining = (ext: string, cls: string): string[] =>
      files(join(root, 'packages', 'core', 'dist'))
        .filter((f) => f.endsWith(ext))
        // esbuild writes `var X = class`, sucrase (CJS chunks) `var X = (_class = class`
        .filter((f) => new RegExp(`\\bclass ${cls}\\b|\\bvar ${cls} = \\(?(?:\\w+ = )?class\\b`).test(readFileSync(f, 'utf8')));
    for (const ext of ['.js', '.cjs'])
      for (const cls of ['RapportError', 'EventRegistry']) expect(defining(ext, cls), `${cls} in *${ext}`).toHaveLength(1);
  });

  // tsconfig.json checks our declarations themselves too (skipLibCheck off); PGlite's do not
  // compile without Emscripten typings it does not ship, so the postgres consumer skips lib checks
  it.each([
    ['tsconfig.json', ['core/index', 'core/testing/index', 'memory/index']],
    ['tsconfig.postgres.json', ['core/index', 'postgres/index']],
  ])('declarations resolve under moduleResolution node16 for ESM (.mts) and CJS (.cts) consumers: %s', (config, entries) => {
    requireBuild();
    const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
    const r = spawnSync(process.execPath, [tsc, '-p', join(fixtures, 'types', config), '--listFiles'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stdout).toBe(0);
    const read = r.stdout.split('\n');
    for (const entry of entries) {
      const [pkg, ...rest] = entry.split('/');
      for (const ext of ['.d.ts', '.d.cts']) expect(read).toContain(dist(pkg!, rest.join('/') + ext));
    }
  });
});
