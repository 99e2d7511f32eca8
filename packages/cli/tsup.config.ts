import { defineConfig } from 'tsup';

/**
 * The library entry (`main`, for embedding the commands) in ESM and CJS with types, and the
 * `rapport` binary. `@rapport/*` and every other package stay external: the CLI runs on the
 * built packages exactly as an installed one would.
 */
export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    // `npm run demo` builds without declarations (RAPPORT_BUILD_TYPES=no): they take most of the build time
    dts: process.env['RAPPORT_BUILD_TYPES'] !== 'no',
    sourcemap: true,
    clean: true,
    shims: true,
    target: 'node20',
    splitting: false,
    external: [/^[^./]/],
  },
  {
    // the demo's keeper thread, loaded by path (`new URL('./demo-keeper.js', import.meta.url)`)
    entry: { bin: 'src/bin.ts', 'demo-keeper': 'src/demo/keeperWorker.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: true,
    target: 'node20',
    splitting: false,
    external: [/^[^./]/],
  },
]);
