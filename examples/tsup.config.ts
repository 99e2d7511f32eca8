import { defineConfig } from 'tsup';

/**
 * `npm run demo` runs `dist/demo.js`. The `@rapport/*` packages stay external, so the
 * demo runs against their built `dist/` exactly as a shop backend would import them; so do
 * other dependencies (io-ts, fp-ts), so the demo and the packages share one copy of each.
 */
export default defineConfig({
  entry: { demo: 'src/demo.ts' },
  format: ['esm'],
  dts: false,
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: false,
  // every bare import (@rapport/*, io-ts, fp-ts, node:*) stays an import: only the demo's own files are bundled
  external: [/^[^./]/],
});
