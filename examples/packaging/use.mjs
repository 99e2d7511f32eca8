// The built packages through `import` (ESM), as a shop backend with "type": "module" loads them.
import * as core from '@rapport/core';
import * as memory from '@rapport/memory';
import * as postgres from '@rapport/postgres';
import * as testing from '@rapport/core/testing';
import scenario from './scenario.cjs';

const summary = { adapters: await scenario.runAll(core, memory, postgres) };
// the testing subpath must share the kernel instance `@rapport/core` loaded, not bundle its own
const registry = testing.conformanceEvents.conformanceRegistry();
summary.testing = {
  exports: Object.keys(testing).sort(),
  sharesKernel: registry instanceof core.EventRegistry,
};
summary.resolved = Object.fromEntries(['core', 'memory', 'postgres'].map((p) => [p, import.meta.resolve(`@rapport/${p}`)]));
console.log(JSON.stringify(summary));
