'use strict';
// The built packages through `require` (CJS), as a CommonJS shop backend loads them.
const core = require('@rapport/core');
const memory = require('@rapport/memory');
const postgres = require('@rapport/postgres');
const scenario = require('./scenario.cjs');

const testingRequire = () => {
  try {
    require('@rapport/core/testing');
    return 'loaded';
  } catch (err) {
    return String(err && err.message).split('\n')[0];
  }
};

scenario.runAll(core, memory, postgres).then(
  (adapters) => {
    const summary = { adapters };
    summary.testing = { resolved: require.resolve('@rapport/core/testing'), require: testingRequire() };
    summary.resolved = Object.fromEntries(['core', 'memory', 'postgres'].map((p) => [p, require.resolve(`@rapport/${p}`)]));
    console.log(JSON.stringify(summary));
  },
  (err) => {
    console.error(err);
    process.exitCode = 1;
  },
);
