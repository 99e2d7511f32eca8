import { defineConfig } from 'tsup';

/**
 * `npm run demo` runs `dist/demo.js`. The `@rapport/*` packages stay external, so the
 * demo runs against their built `dist/` exactly as a shop backend would import them.
 */
export default defineConfig({
  entry: { demo: 'src/demo.ts' },
  format: ['esm'],
  dts: false,
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: false,
  external: [/^@rapport\//],
});
