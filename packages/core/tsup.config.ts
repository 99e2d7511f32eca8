import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' },
  format: ['esm', 'cjs'],
  // `npm run demo` builds without declarations (RAPPORT_BUILD_TYPES=no): they take most of the build time
  dts: process.env['RAPPORT_BUILD_TYPES'] !== 'no',
  sourcemap: true,
  clean: true,
  target: 'node20',
  // Shared chunks: `@rapport/core/testing` must use the very kernel `@rapport/core` loads
  // (one EventRegistry, one set of error classes), not a second bundled copy.
  splitting: true,
  external: ['vitest', 'fast-check'],
});
