// The built packages through `import` (ESM), as a shop backend with "type": "module" loads them.
import * as core from '@rapport/core';
import * as memory from '@rapport/memory';
import * as testing from '@rapport/core/testing';
import scenario from './scenario.cjs';

const summary = await scenario.run(core, memory);
// the testing subpath must share the kernel instance `@rapport/core` loaded, not bundle its own
const registry = testing.conformanceEvents.conformanceRegistry();
summary.testing = {
  exports: Object.keys(testing).sort(),
  sharesKernel: registry instanceof core.EventRegistry,
};
summary.resolved = { core: import.meta.resolve('@rapport/core'), memory: import.meta.resolve('@rapport/memory') };
console.log(JSON.stringify(summary));
