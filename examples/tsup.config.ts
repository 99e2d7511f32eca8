import { defineConfig } from 'tsup';

/**
 * The examples (the EventStoreDB wiring) build against the packages' `dist/` as a shop
 * backend would import them: every bare import stays external. (`npm run demo` lives in
 * `@rapport/cli`: `rapport demo`.)
 */
export default defineConfig({
  entry: { eventstoredb: 'src/eventstoredb.ts' },
  format: ['esm'],
  dts: false,
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: false,
  // every bare import (@rapport/*, io-ts, fp-ts, node:*) stays an import
  external: [/^[^./]/],
});
