import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts', 'testserver-cli': 'src/testserver-cli.ts' },
  format: ['esm', 'cjs'],
  // `npm run demo` builds without declarations (RAPPORT_BUILD_TYPES=no): they take most of the build time
  dts: process.env['RAPPORT_BUILD_TYPES'] !== 'no',
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: false,
});
