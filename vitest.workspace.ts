import { fileURLToPath } from 'node:url';
import type { TestProjectConfiguration } from 'vitest/config';

/** One test project per package; vitest.config.ts reads this list as `test.projects`. */
const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** Packages import each other by name; tests run against the sources, not dist/. */
export const alias = {
  '@rapport/core/testing': src('./packages/core/src/testing/index.ts'),
  '@rapport/core': src('./packages/core/src/index.ts'),
  '@rapport/memory': src('./packages/memory/src/index.ts'),
  '@rapport/postgres': src('./packages/postgres/src/index.ts'),
  '@rapport/eventstoredb/testing': src('./packages/eventstoredb/src/testing/index.ts'),
  '@rapport/eventstoredb': src('./packages/eventstoredb/src/index.ts'),
  '@rapport/cli': src('./packages/cli/src/index.ts'),
};

const project = (name: string, dir: string, extra: { testTimeout?: number } = {}): TestProjectConfiguration => ({
  resolve: { alias },
  test: {
    name,
    root: src(dir),
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: extra.testTimeout ?? 20_000,
  },
});

export default [
  project('core', './packages/core'),
  project('memory', './packages/memory', { testTimeout: 60_000 }),
  project('postgres', './packages/postgres', { testTimeout: 120_000 }),
  project('eventstoredb', './packages/eventstoredb', { testTimeout: 120_000 }),
  project('cli', './packages/cli', { testTimeout: 180_000 }),
  project('examples', './examples', { testTimeout: 120_000 }),
] satisfies TestProjectConfiguration[];
