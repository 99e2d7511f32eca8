import { defineConfig } from 'tsup';

export default defineConfig({
  // the adapter, its in-process test server and the `rapport-esdb-testserver` bin (shebang
  // kept) share chunks, as core and core/testing do: one copy of the code per format
  entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts', 'testserver-cli': 'src/testserver-cli.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' } },
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: true,
});
