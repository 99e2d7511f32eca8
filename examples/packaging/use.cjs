'use strict';
// The built packages through `require` (CJS), as a CommonJS shop backend loads them.
const core = require('@rapport/core');
const memory = require('@rapport/memory');
const scenario = require('./scenario.cjs');

const testingRequire = () => {
  try {
    require('@rapport/core/testing');
    return 'loaded';
  } catch (err) {
    return String(err && err.message).split('\n')[0];
  }
};

scenario.run(core, memory).then(
  (summary) => {
    summary.testing = { resolved: require.resolve('@rapport/core/testing'), require: testingRequire() };
    summary.resolved = { core: require.resolve('@rapport/core'), memory: require.resolve('@rapport/memory') };
    console.log(JSON.stringify(summary));
  },
  (err) => {
    console.error(err);
    process.exitCode = 1;
  },
);
